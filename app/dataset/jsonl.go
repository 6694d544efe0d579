package dataset

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
)

// parseJSONL reads a corpus of one JSON record a line, a line at a time.
// A bad line is reported with its number and the rest still land; only a
// file that is not text, or cannot be read to its end, is refused whole.
func parseJSONL(name string, r io.Reader) ([]Document, []Problem, error) {
	br := jsonStream(r)
	if err := sniffJSON(br); err != nil {
		return nil, nil, FileProblem(name, err)
	}
	if first, _ := firstByte(br); first == '[' {
		// A JSON array saved as .jsonl: read it as the document it is.
		return parseJSONFile(name, br)
	}
	var (
		docs     []Document
		problems []Problem
	)
	lines := lineReader{r: br, max: MaxRecordSize}
	for n := 1; ; n++ {
		line, tooLong, err := lines.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, Problem{File: name, Line: n, Message: "reading: " + err.Error()}
		}
		switch {
		case tooLong:
			problems = append(problems, Problem{File: name, Line: n, Message: fmt.Sprintf("line is longer than %s; a record is one article", humanSize(MaxRecordSize))})
			continue
		case len(bytes.TrimSpace(line)) == 0:
			continue
		case n == 1 && string(bytes.TrimSpace(line)) == "{":
			return nil, nil, Problem{File: name, Line: 1, Message: "JSON Lines hold one record a line, but this record spans lines: save the file as .json"}
		}
		doc, found, err := parseRecordLine(name, n, line)
		problems = append(problems, found...)
		if err != nil {
			problems = append(problems, problemAt(name, n, err))
			continue
		}
		docs = append(docs, doc)
	}
	return docs, problems, nil
}

func parseRecordLine(name string, n int, line []byte) (Document, []Problem, error) {
	d, problems, err := recordDraft(name, n, line)
	if err != nil {
		return Document{}, problems, err
	}
	doc, more, err := d.finish()
	return doc, append(problems, more...), err
}

// firstByte peeks at the first byte that is not white space.
func firstByte(br *bufio.Reader) (byte, error) {
	for n := 1; ; n++ {
		head, err := br.Peek(n)
		if len(head) < n {
			return 0, err
		}
		if c := head[n-1]; c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return c, nil
		}
	}
}

// lineReader yields lines without their line end, however long, but keeps
// at most max bytes of one: a longer line is skipped and flagged.
type lineReader struct {
	r   *bufio.Reader
	max int
	buf []byte
}

func (lr *lineReader) next() (line []byte, tooLong bool, err error) {
	lr.buf = lr.buf[:0]
	read := false
	for {
		chunk, err := lr.r.ReadSlice('\n')
		read = read || len(chunk) > 0
		if !tooLong {
			if len(lr.buf)+len(chunk) > lr.max+2 { // room for CRLF
				tooLong, lr.buf = true, lr.buf[:0]
			} else {
				lr.buf = append(lr.buf, chunk...)
			}
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && read:
			err = nil
		case err != nil:
			return nil, false, err
		}
		return bytes.TrimRight(lr.buf, "\r\n"), tooLong, nil
	}
}
