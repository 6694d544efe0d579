package dataset

import (
	"bufio"
	"bytes"
	"fmt"
	"io"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

func hasUTF16BOM(data []byte) bool {
	return bytes.HasPrefix(data, bomUTF16LE) || bytes.HasPrefix(data, bomUTF16BE)
}

// utf16Decoder reads UTF-16 in the byte order its byte-order mark names and
// consumes the mark.
func utf16Decoder() transform.Transformer {
	return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
}

// articleText decodes a one-article file into the raw text its offsets
// count. UTF-16 is converted and its mark consumed, as Python's "utf-16"
// codec does; a UTF-8 mark stays, as with Python's "utf-8" codec, and
// storage.Normalize removes it later. fromUTF16 reports the conversion.
func articleText(data []byte) (text string, fromUTF16 bool, err error) {
	if hasUTF16BOM(data) {
		data, _, err = transform.Bytes(utf16Decoder(), data)
		if err != nil {
			return "", false, fmt.Errorf("decoding UTF-16: %w", err)
		}
		fromUTF16 = true
	}
	if err := checkText(data, false); err != nil {
		return "", false, err
	}
	return string(data), fromUTF16, nil
}

// jsonStream decodes a JSON or JSONL file to UTF-8 as it is read. Any
// byte-order mark is dropped: in a JSON file it marks the file's encoding
// and belongs to no text inside it.
func jsonStream(r io.Reader) *bufio.Reader {
	br := bufio.NewReaderSize(r, sniffSize)
	head, _ := br.Peek(len(bomUTF8))
	switch {
	case bytes.HasPrefix(head, bomUTF8):
		_, _ = br.Discard(len(bomUTF8))
	case hasUTF16BOM(head):
		return bufio.NewReaderSize(transform.NewReader(br, utf16Decoder()), sniffSize)
	}
	return br
}

// sniffJSON refuses a corpus whose start is not text, before thousands of
// its "lines" are reported one by one.
func sniffJSON(br *bufio.Reader) error {
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return err
	}
	if len(bytes.TrimSpace(head)) == 0 {
		return fmt.Errorf("no data: the file holds only white space")
	}
	return checkText(head, len(head) == sniffSize)
}

// readLimited reads r whole, refusing more than limit bytes; it guards the
// decoded stream, which UTF-16 conversion can make longer than the file.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("text is above the %s limit", humanSize(limit))
	}
	return data, nil
}
