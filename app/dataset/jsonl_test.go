package dataset

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"claimdesk/storage"
)

func TestLineReader(t *testing.T) {
	in := "short\r\n" + strings.Repeat("x", 25) + "\n\nlast without end"
	lr := lineReader{r: bufio.NewReaderSize(strings.NewReader(in), 16), max: 10}
	want := []struct {
		line    string
		tooLong bool
	}{{"short", false}, {"", true}, {"", false}, {"", true}}
	for i, w := range want {
		line, tooLong, err := lr.next()
		if err != nil || string(line) != w.line || tooLong != w.tooLong {
			t.Errorf("line %d = %q, %v, %v; want %q, %v", i+1, line, tooLong, err, w.line, w.tooLong)
		}
	}
	if _, _, err := lr.next(); err != io.EOF {
		t.Errorf("after the last line: %v, want EOF", err)
	}
}

// q quotes s as a JSON string.
func q(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }

func FuzzParseJSONL(f *testing.F) {
	addSeeds(f, []string{".jsonl"},
		`{"text":"ab","label":[[0,1,"x"],[1,9,"y"]]}`,
		`{"text":"a\r\nb","entities":[{"start_offset":1,"end_offset":3,"label":"z"}]}`,
		`{"text":"😀x","spans":[{"start":2,"end":3,"label":"p","text":"x"}]}`,
		"{\n}", "[1]", `{"text":"x","label":[["a","b","c"]]}`,
		`{"text":"ab","label":[[0,1,"x"],[0,1,"x"]],"meta":{"claims":[{"start":0,"end":1,"label":"x","speaker":"s"},{"start":0,"end":1,"label":"x","speaker":"t"}]}}`,
		`{"text":"ab","label":[[0,1,"x"]],"meta":{"claims":{"start":0,"end":1,"label":"x"}}}`,
		`{"text":"ab","label":[[0,1,"x"]],"meta":{"claims":[null,1,"x",[0,1,"x"],{"start":1e99,"end":-1,"label":null,"note":{}}]}}`,
		`{"text":"a\r\nb","label":[[1,3,"x"]],"meta":{"claims":[{"start":1,"end":3,"label":"x","annotator":"a"},{"start":9,"end":1,"label":""}]},"answer":"ignore"}`)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "fuzz.jsonl", data) })
}

// BenchmarkParseJSONL parses a corpus of 1,000 records with three spans each.
func BenchmarkParseJSONL(b *testing.B) {
	var corpus strings.Builder
	for i := range 1000 {
		text := fmt.Sprintf("Record %d: Peskov 😀 said \"Russia never interfered\" and Obama disagreed.\r\n", i)
		line, err := json.Marshal(map[string]any{"text": text, "label": [][]any{{0, 6, "x"}, {20, 30, "denial"}, {50, 55, "praise"}}})
		if err != nil {
			b.Fatal(err)
		}
		corpus.Write(line)
		corpus.WriteByte('\n')
	}
	data := []byte(corpus.String())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		docs, _, err := ParseBytes("corpus.jsonl", data)
		if err != nil || len(docs) != 1000 {
			b.Fatal(err, len(docs))
		}
	}
}

// metaJSON renders an article meta as compact JSON with sorted keys, "{}"
// when there is none.
func metaJSON(m storage.Meta) string {
	if len(m) == 0 {
		return "{}"
	}
	raw, err := json.Marshal(m)
	if err != nil {
		return "unmarshalable: " + err.Error()
	}
	return string(raw)
}
