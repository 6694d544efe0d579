package dataset

import (
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"

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

// checkText refuses data that is not text: NUL bytes never occur in text
// (but fill binary files and UTF-16 written without a byte-order mark), and
// when most non-ASCII characters are invalid UTF-8 the file is binary or in
// a legacy encoding, where replacing them with U+FFFD would ruin the
// article. Stray invalid bytes (fewer than 1 in 200 characters) pass and
// become U+FFFD in storage.Normalize, and the report says so.
// partial says data is a prefix, whose last character may be cut.
func checkText(data []byte, partial bool) error {
	if bytes.IndexByte(data, 0) >= 0 {
		return fmt.Errorf("not a text file: it holds NUL bytes (binary data, or UTF-16 without a byte-order mark)")
	}
	if partial && len(data) > utf8.UTFMax {
		data = data[:len(data)-utf8.UTFMax]
	}
	invalid, nonASCII, chars := 0, 0, 0
	for i := 0; i < len(data); chars++ {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		nonASCII++
		if r == utf8.RuneError && size == 1 {
			invalid++
		}
		i += size
	}
	if invalid > 0 && invalid*2 > nonASCII && invalid*200 > chars {
		return fmt.Errorf("not UTF-8 text: %d of %d non-ASCII characters are invalid UTF-8 (a binary file, or text in a legacy encoding such as Latin-1: save it as UTF-8)", invalid, nonASCII)
	}
	return nil
}
