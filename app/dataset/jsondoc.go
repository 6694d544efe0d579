package dataset

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// parseJSONFile reads a .json file: a Label Studio task export (an array of
// tasks with "data" and "annotations"), or an array of records shaped like
// JSONL lines, or a single task or record. It is one JSON value, so a
// syntax error refuses the whole file; a task that cannot be imported is
// reported with the line it starts on and the others still land.
func parseJSONFile(name string, r io.Reader) ([]Document, []Problem, error) {
	br := jsonStream(r)
	if err := sniffJSON(br); err != nil {
		return nil, nil, fileProblem(name, err)
	}
	data, err := readLimited(br, MaxCorpusFileSize)
	if err != nil {
		return nil, nil, fileProblem(name, err)
	}
	return parseJSONDoc(name, data)
}

func parseJSONDoc(name string, data []byte) ([]Document, []Problem, error) {
	lines := lineCounter{data: data}
	start := skipJSONSpace(data, 0)
	if start == len(data) || data[start] != '[' && data[start] != '{' {
		return nil, nil, Problem{File: name, Line: lines.at(start), Message: "expected a JSON array of Label Studio tasks or records"}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	syntaxError := func(err error) error {
		offset := int(dec.InputOffset())
		// The decoder's offsets are not the file's; a full scan finds the place.
		var syntax *json.SyntaxError
		if errors.As(json.Unmarshal(data, new(json.RawMessage)), &syntax) {
			err, offset = syntax, int(syntax.Offset)-1
		}
		return Problem{File: name, Line: lines.at(offset), Message: jsonErrorMessage(err)}
	}
	var (
		elems  []json.RawMessage
		starts []int
	)
	isArray := data[start] == '['
	if isArray {
		if _, err := dec.Token(); err != nil {
			return nil, nil, syntaxError(err)
		}
	}
	for isArray && dec.More() || !isArray && len(elems) == 0 {
		starts = append(starts, skipJSONSpace(data, int(dec.InputOffset())))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, nil, syntaxError(err)
		}
		elems = append(elems, raw)
	}
	if isArray {
		if _, err := dec.Token(); err != nil {
			return nil, nil, syntaxError(err)
		}
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, nil, Problem{File: name, Line: lines.at(int(dec.InputOffset())), Message: "unexpected data after the end of the JSON value"}
	}
	var b jsonBatch
	for i, raw := range elems {
		b.add(name, lines.at(starts[i]), raw)
	}
	return b.docs, append(b.problems, b.summary(name)...), nil
}

// skipJSONSpace returns the first offset from i that is neither white space
// nor the comma between array elements.
func skipJSONSpace(data []byte, i int) int {
	for i < len(data) && bytes.IndexByte([]byte(" \t\r\n,"), data[i]) >= 0 {
		i++
	}
	return i
}

// lineCounter turns ascending byte offsets into 1-based line numbers in one
// pass over the data.
type lineCounter struct {
	data       []byte
	pos, lines int
}

func (c *lineCounter) at(offset int) int {
	offset = min(max(offset, 0), len(c.data))
	if offset < c.pos {
		c.pos, c.lines = 0, 0
	}
	c.lines += bytes.Count(c.data[c.pos:offset], []byte{'\n'})
	c.pos = offset
	return c.lines + 1
}
