package dataset

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"claimdesk/storage"
)

// TestMetaClaims: label triples take speaker, target, note and annotator
// from meta.claims, which never lands as article meta; whatever shape
// meta.claims has, the record still lands and the reader is told what was
// ignored.
func TestMetaClaims(t *testing.T) {
	const text = `"Peskov denied it." Putin praised Trump.`
	tests := []struct {
		name     string
		line     string
		spans    []Span
		meta     string   // the article meta as JSON
		warnings []string // in order, each a part of one warning's message
	}{
		{
			name: "every detail, other meta kept",
			line: `{"id":3,"text":` + q(text) + `,"label":[[0,19,"denial"],[20,39,"praise"]],"meta":{"article_id":3,"lang":"en","claims":[` +
				`{"start":20,"end":39,"label":"praise","speaker":"Putin","target":"Trump","note":"n | m","annotator":"ben"},` +
				`{"start":0,"end":19,"label":"denial","speaker":"Peskov"}]}}`,
			spans: []Span{
				{Start: 0, End: 19, Label: "denial", Speaker: "Peskov"},
				{Start: 20, End: 39, Label: "praise", Speaker: "Putin", Target: "Trump", Note: "n | m", Annotator: "ben"},
			},
			meta: `{"article_id":3,"id":3,"lang":"en"}`,
		},
		{
			name: "identical triples take claims in file order",
			line: `{"text":` + q(text) + `,"annotator":"desk","label":[[0,19,"denial"],[0,19,"denial"],[0,19,"denial"]],"meta":{"claims":[` +
				`{"start":0,"end":19,"label":"denial","speaker":"A","annotator":"ana"},{"start":0,"end":19,"label":"denial","speaker":"B"}]}}`,
			spans: []Span{
				{Start: 0, End: 19, Label: "denial", Speaker: "A", Annotator: "ana"},
				{Start: 0, End: 19, Label: "denial", Speaker: "B", Annotator: "desk"},
				{Start: 0, End: 19, Label: "denial", Annotator: "desk"},
			},
			meta: `{}`,
		},
		{
			name:     "meta claim without triple",
			line:     `{"text":` + q(text) + `,"label":[[0,19,"denial"]],"meta":{"claims":[{"start":0,"end":19,"label":"praise","speaker":"X"}]}}`,
			spans:    []Span{{Start: 0, End: 19, Label: "denial"}},
			meta:     `{}`,
			warnings: []string{`meta.claims[0]: no label triple [0, 19, "praise"] matches this claim; its speaker, target, note and annotator are ignored`},
		},
		{
			name:     "no meta claims left for a second triple",
			line:     `{"text":` + q(text) + `,"label":[[0,19,"denial"],[0,19,"denial"]],"meta":{"claims":[{"start":0,"end":19,"label":"denial","note":"once"}]}}`,
			spans:    []Span{{Start: 0, End: 19, Label: "denial", Note: "once"}, {Start: 0, End: 19, Label: "denial"}},
			meta:     `{}`,
			warnings: nil,
		},
		{
			name:     "claims a string",
			line:     `{"text":` + q(text) + `,"label":[[0,19,"denial"]],"meta":{"claims":"3"}}`,
			spans:    []Span{{Start: 0, End: 19, Label: "denial"}},
			meta:     `{"claims":"3"}`,
			warnings: []string{`"meta.claims" is "3", not a list of claims`},
		},
		{
			name:     "claims a number",
			line:     `{"text":` + q(text) + `,"label":[[0,19,"denial"]],"meta":{"claims":2}}`,
			spans:    []Span{{Start: 0, End: 19, Label: "denial"}},
			meta:     `{"claims":2}`,
			warnings: []string{`"meta.claims" is 2, not a list of claims`},
		},
		{
			name:     "claims an object",
			line:     `{"text":` + q(text) + `,"label":[[0,19,"denial"]],"meta":{"claims":{"start":0,"end":19,"label":"denial"}}}`,
			spans:    []Span{{Start: 0, End: 19, Label: "denial"}},
			meta:     `{"claims":{"start":0,"end":19,"label":"denial"}}`,
			warnings: []string{`kept as article meta`},
		},
		{
			name: "entries of every wrong type",
			line: `{"text":` + q(text) + `,"label":[[0,19,"denial"]],"meta":{"claims":[true,[0,19,"denial"],{"start":0,"end":"19","label":"denial"},` +
				`{"start":0,"end":19,"label":["denial"]},{"start":0,"end":19,"label":"denial","target":{}},{"start":0,"end":19,"label":"denial","annotator":1},` +
				`{"start":0,"end":19,"label":"denial","target":"ok"}]}}`,
			spans: []Span{{Start: 0, End: 19, Label: "denial", Target: "ok"}},
			meta:  `{}`,
			warnings: []string{
				`meta.claims[0]: expected {"start", "end", "label", …}, found true`,
				`meta.claims[1]: expected {"start", "end", "label", …}, found [0,19,"denial"]`,
				`meta.claims[2]: end "19" is not a number`,
				`meta.claims[3]: the label ["denial"] is not a string`,
				`meta.claims[4]: "target" is not a string`,
				`meta.claims[5]: "annotator" is not a string`,
			},
		},
		{
			name:  "span objects keep their own details",
			line:  `{"text":` + q(text) + `,"spans":[{"start":0,"end":19,"label":"denial","speaker":"own","annotator":"ana"}]}`,
			spans: []Span{{Start: 0, End: 19, Label: "denial", Speaker: "own", Annotator: "ana"}},
		},
		{
			name:  "meta not an object",
			line:  `{"text":` + q(text) + `,"label":[[0,19,"denial"]],"meta":[{"claims":[]}]}`,
			spans: []Span{{Start: 0, End: 19, Label: "denial"}},
			warnings: []string{
				`"meta" is not an object; ignored`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, problems, err := ParseBytes("claims.jsonl", []byte(tt.line+"\n"))
			if err != nil || len(docs) != 1 {
				t.Fatalf("err %v, %d documents", err, len(docs))
			}
			if got := docs[0].Spans; !slices.Equal(got, tt.spans) {
				t.Errorf("spans\n got %+v\nwant %+v", got, tt.spans)
			}
			want := cmp.Or(tt.meta, "{}")
			if got := metaJSON(docs[0].Meta); got != want {
				t.Errorf("meta %s, want %s", got, want)
			}
			checkWarnings(t, problems, tt.warnings)
		})
	}
}

func checkWarnings(t *testing.T, problems []Problem, want []string) {
	t.Helper()
	if len(problems) != len(want) {
		t.Fatalf("%d problems, want %d: %v", len(problems), len(want), problems)
	}
	for i, p := range problems {
		if !p.Warning || p.Line != 1 || p.File != "claims.jsonl" || !strings.Contains(p.Message, want[i]) {
			t.Errorf("problem %d = %+v, want a warning at claims.jsonl:1 containing %q", i, p, want[i])
		}
	}
}

// FuzzMetaClaims writes a doccano line the way the exporter does, two
// identical triples and their two meta.claims entries, and checks that
// every detail comes back on the right claim, whatever the strings hold.
func FuzzMetaClaims(f *testing.F) {
	f.Add("Peskov denied it.", 0, 6, "denial", "Peskov", "Kremlin", "US", "ana", "note | x")
	f.Add("a\r\nb 😀", 1, 4, "x", "", "", "\n", "", "ben")
	f.Add("قال بيسكوف", 4, 10, "praise", "بيسكوف", "\xb1\x80", "", "\xff", "")
	f.Fuzz(func(t *testing.T, text string, start, end int, label, speaker1, speaker2, target, annotator, note string) {
		raw := []rune(text)
		if start < 0 || end <= start || end > len(raw) || strings.TrimSpace(label) == "" {
			return
		}
		claims := []Span{
			{Start: start, End: end, Label: label, Speaker: speaker1, Target: target, Annotator: annotator},
			{Start: start, End: end, Label: label, Speaker: speaker2, Note: note},
		}
		line, err := json.Marshal(map[string]any{"text": text, "label": [][3]any{{start, end, label}, {start, end, label}},
			"meta": map[string]any{"claims": spanMaps(claims), "k": "v"}})
		if err != nil {
			t.Fatal(err)
		}
		// JSON writes each invalid byte as U+FFFD, as a rune conversion does.
		valid := func(s string) string { return string([]rune(s)) }
		docs, problems, err := ParseBytes("fuzz.jsonl", append(line, '\n'))
		checkParse(t, "fuzz.jsonl", docs, problems, err)
		if norm, _ := storage.Normalize(valid(text)); strings.TrimSpace(norm) == "" {
			return // no text left after normalising: not what this target checks
		}
		if err != nil || len(docs) != 1 {
			t.Fatalf("err %v, %d documents, want the record", err, len(docs))
		}
		if _, ok := docs[0].Meta["claims"]; ok || docs[0].Meta.Text("k") != "v" {
			t.Errorf("meta %q, want k=v and no claims", docs[0].Meta)
		}
		if m := newRemap(valid(text)); m.pos(start) >= m.pos(end) {
			return // the span covers only a line end that normalising removes
		}
		got := docs[0].Spans
		want := []Span{
			{Speaker: valid(speaker1), Target: valid(target), Annotator: valid(annotator)},
			{Speaker: valid(speaker2), Note: valid(note)},
		}
		if want[0] == want[1] {
			want = want[:1] // identical claims are stored once
		}
		if len(got) != len(want) {
			t.Fatalf("%d spans, want %d: %+v (problems %v)", len(got), len(want), got, problems)
		}
		for i, s := range got {
			s.Start, s.End, s.Label = 0, 0, ""
			if s != want[i] {
				t.Errorf("span %d details %+v, want %+v", i, s, want[i])
			}
		}
	})
}

// BenchmarkParseDoccanoMetaClaims parses one long article as the doccano
// export writes it: 5,000 triples, half of them on one span, each paired
// with its meta.claims entry.
func BenchmarkParseDoccanoMetaClaims(b *testing.B) {
	const n = 5000
	text := strings.Repeat("Peskov said Russia never interfered. ", n)
	labels := make([][3]any, n)
	claims := make([]Span, n)
	for i := range n {
		start := (i % 2) * 37 * (i / 2) // even claims pile up on the first sentence
		claims[i] = Span{Start: start, End: start + 35, Label: "denial", Speaker: fmt.Sprint("speaker ", i), Annotator: "ana"}
		labels[i] = [3]any{start, start + 35, "denial"}
	}
	line, err := json.Marshal(map[string]any{"text": text, "label": labels, "meta": map[string]any{"claims": spanMaps(claims)}})
	if err != nil {
		b.Fatal(err)
	}
	data := append(line, '\n')
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		docs, problems, err := ParseBytes("doccano.jsonl", data)
		if err != nil || len(problems) > 0 || len(docs) != 1 || len(docs[0].Spans) != n {
			b.Fatal(err, problems)
		}
	}
}
