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

// flattenMeta turns a JSON object into the store's string map: strings are
// kept, other values as compact JSON, nulls dropped.
func flattenMeta(raw json.RawMessage) (map[string]string, bool) {
	obj, ok := metaObject(raw)
	return flattenObject(obj), ok
}

// metaObject reads a meta object field by field; absent or null gives nil,
// true, anything but an object false.
func metaObject(raw json.RawMessage) (map[string]json.RawMessage, bool) {
	if isNull(raw) {
		return nil, true
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, false
	}
	return obj, true
}

// flattenObject is flattenMeta for an object already read; nil stays nil.
func flattenObject(obj map[string]json.RawMessage) map[string]string {
	if obj == nil {
		return nil
	}
	meta := make(map[string]string, len(obj))
	for k, v := range obj {
		if value, ok := scalarString(v); ok {
			meta[k] = value
		}
	}
	return meta
}

// scalarString renders a JSON value as meta text; false for null.
func scalarString(v json.RawMessage) (string, bool) {
	if isNull(v) {
		return "", false
	}
	if s, ok := jsonString(v); ok {
		return s, true
	}
	var b bytes.Buffer
	if err := json.Compact(&b, v); err != nil {
		return string(v), true
	}
	return b.String(), true
}

// setMeta adds a key unless the record's own meta has it already.
func setMeta(meta map[string]string, key, value string) map[string]string {
	if value == "" {
		return meta
	}
	if meta == nil {
		meta = map[string]string{}
	}
	if _, taken := meta[key]; !taken {
		meta[key] = value
	}
	return meta
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
