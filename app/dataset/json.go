package dataset

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"

	"golang.org/x/text/transform"
)

// parseJSONFile reads a .json file: a Label Studio task export (an array of
// tasks with "data" and "annotations"), or an array of records shaped like
// JSONL lines, or a single task or record. It is one JSON value, so a
// syntax error refuses the whole file; a task that cannot be imported is
// reported with the line it starts on and the others still land.
func parseJSONFile(name string, r io.Reader) ([]Document, []Problem, error) {
	br := jsonStream(r)
	if err := sniffJSON(br); err != nil {
		return nil, nil, FileProblem(name, err)
	}
	data, err := readLimited(br, MaxCorpusFileSize)
	if err != nil {
		return nil, nil, FileProblem(name, err)
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

// jsonBatch collects the documents of a .json file, and counts what was
// left aside across its tasks so that each kind is reported once.
type jsonBatch struct {
	docs                   []Document
	problems               []Problem
	predictions, cancelled int
	ignored                map[string]int // result types that are not spans
}

// add reads one element of the file: a Label Studio task when it has
// "data", else a record shaped like a JSONL line.
func (b *jsonBatch) add(name string, line int, raw json.RawMessage) {
	if b.ignored == nil {
		b.ignored = map[string]int{}
	}
	var probe struct {
		Data json.RawMessage `json:"data"`
	}
	var (
		d     draft
		found []Problem
		err   error
	)
	if json.Unmarshal(raw, &probe) == nil && !isNull(probe.Data) {
		d, found, err = b.taskDraft(name, line, raw)
	} else {
		d, found, err = recordDraft(name, line, raw)
	}
	b.problems = append(b.problems, found...)
	if err != nil {
		b.problems = append(b.problems, problemAt(name, line, err))
		return
	}
	doc, more, err := d.finish()
	b.problems = append(b.problems, more...)
	if err != nil {
		b.problems = append(b.problems, problemAt(name, line, err))
		return
	}
	b.docs = append(b.docs, doc)
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

// jsonString reads a JSON string; absent or null gives "", true.
func jsonString(raw json.RawMessage) (string, bool) {
	if isNull(raw) {
		return "", true
	}
	var s string
	err := json.Unmarshal(raw, &s)
	return s, err == nil
}

// jsonStrings reads a string or a list of strings, as Label Studio writes
// free text, joined by line ends.
func jsonStrings(raw json.RawMessage) (string, bool) {
	if s, ok := jsonString(raw); ok {
		return s, true
	}
	var list []string
	if err := json.Unmarshal(raw, &list); err != nil {
		return "", false
	}
	return strings.Join(list, "\n"), true
}

// jsonInt reads a whole number; 10.0 passes, 10.5 and "10" do not.
func jsonInt(raw json.RawMessage) (int, error) {
	if isNull(raw) {
		return 0, errors.New("is missing")
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil || !isNumberLiteral(raw) {
		return 0, fmt.Errorf("%s is not a number", clip(string(raw)))
	}
	if i, err := strconv.Atoi(n.String()); err == nil {
		return i, nil
	}
	f, err := n.Float64()
	if err != nil || f != math.Trunc(f) || math.Abs(f) > math.MaxInt32 {
		return 0, fmt.Errorf("%s is not a whole number", n)
	}
	return int(f), nil
}

func isNumberLiteral(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) > 0 && (raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9')
}

func isNull(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) == 0 || string(raw) == "null"
}

// readObject decodes a JSON object field by field and names the fields it
// repeats: encoding/json, like Python's json, keeps the last value of a
// repeated name without a word. Only an object whose members outnumber its
// names is read a second time, to find which.
func readObject(raw []byte) (map[string]json.RawMessage, []string, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return nil, nil, err
	}
	if fields == nil || topLevelMembers(raw) == len(fields) {
		return fields, nil, nil
	}
	return fields, repeatedNames(raw), nil
}

// topLevelMembers counts the members of a valid JSON object: the colons
// outside strings at depth 1.
func topLevelMembers(raw []byte) int {
	depth, n := 0, 0
	inString, escaped := false, false
	for _, c := range raw {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
		case c == ':' && depth == 1:
			n++
		}
	}
	return n
}

// repeatedNames lists, in order of first appearance, the names a valid
// JSON object gives more than one member.
func repeatedNames(raw []byte) []string {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		return nil
	}
	count := map[string]int{}
	var names []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return names
		}
		name, _ := tok.(string)
		if count[name]++; count[name] == 2 {
			names = append(names, name)
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return names
		}
	}
	return names
}

// loneSurrogates counts the \uD800–\uDFFF escapes of a JSON string that
// are not half of a surrogate pair. encoding/json, like browsers, turns each
// into U+FFFD; the file meant a character it never wrote whole.
func loneSurrogates(raw json.RawMessage) int {
	lone := 0
	pendingHigh := false
	for i := 0; i < len(raw); i++ {
		if raw[i] != '\\' {
			lone, pendingHigh = lone+b2i(pendingHigh), false
			continue
		}
		if i+1 < len(raw) && raw[i+1] != 'u' {
			lone, pendingHigh = lone+b2i(pendingHigh), false
			i++
			continue
		}
		if i+6 > len(raw) {
			break
		}
		v, err := strconv.ParseUint(string(raw[i+2:i+6]), 16, 16)
		i += 5
		switch {
		case err != nil:
			lone, pendingHigh = lone+b2i(pendingHigh), false
		case v >= 0xD800 && v < 0xDC00:
			lone, pendingHigh = lone+b2i(pendingHigh), true
		case v >= 0xDC00 && v < 0xE000:
			if !pendingHigh {
				lone++
			}
			pendingHigh = false
		default:
			lone, pendingHigh = lone+b2i(pendingHigh), false
		}
	}
	return lone + b2i(pendingHigh)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// jsonErrorMessage describes a decoding error without Go type names.
func jsonErrorMessage(err error) string {
	var syntax *json.SyntaxError
	if errors.As(err, &syntax) {
		return "invalid JSON: " + syntax.Error()
	}
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		if typ.Field == "" {
			return fmt.Sprintf("expected a JSON object, found %s", typ.Value)
		}
		return fmt.Sprintf("%q should be %s, not %s", typ.Field, kindName(typ.Type), typ.Value)
	}
	return "invalid JSON: " + err.Error()
}

// kindName says in JSON's words what a Go type expects.
func kindName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Map, reflect.Struct:
		return "an object"
	case reflect.Int, reflect.Int64, reflect.Float64:
		return "a number"
	}
	return "another kind of value"
}
