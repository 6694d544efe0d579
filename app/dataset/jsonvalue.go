package dataset

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
)

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

// asProblem gives the Problem inside err, or makes one; the parsers return
// Problems, so the second case only guards against a future slip.
func asProblem(err error, file string, line int) Problem {
	var p Problem
	if errors.As(err, &p) {
		return p
	}
	return Problem{File: file, Line: line, Message: err.Error()}
}
