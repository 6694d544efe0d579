package dataset

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"claimdesk/storage/storetest"
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
		meta     map[string]string
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
			meta: map[string]string{"article_id": "3", "lang": "en", "id": "3"},
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
			meta: map[string]string{},
		},
		{
			name:     "meta claim without triple",
			line:     `{"text":` + q(text) + `,"label":[[0,19,"denial"]],"meta":{"claims":[{"start":0,"end":19,"label":"praise","speaker":"X"}]}}`,
			spans:    []Span{{Start: 0, End: 19, Label: "denial"}},
			meta:     map[string]string{},
			warnings: []string{`meta.claims[0]: no label triple [0, 19, "praise"] matches this claim; its speaker, target, note and annotator are ignored`},
		},
		{
			name:     "no meta claims left for a second triple",
			line:     `{"text":` + q(text) + `,"label":[[0,19,"denial"],[0,19,"denial"]],"meta":{"claims":[{"start":0,"end":19,"label":"denial","note":"once"}]}}`,
			spans:    []Span{{Start: 0, End: 19, Label: "denial", Note: "once"}, {Start: 0, End: 19, Label: "denial"}},
			meta:     map[string]string{},
			warnings: nil,
		},
		{
			name:     "claims a string",
			line:     `{"text":` + q(text) + `,"label":[[0,19,"denial"]],"meta":{"claims":"3"}}`,
			spans:    []Span{{Start: 0, End: 19, Label: "denial"}},
			meta:     map[string]string{"claims": "3"},
			warnings: []string{`"meta.claims" is "3", not a list of claims`},
		},
		{
			name:     "claims a number",
			line:     `{"text":` + q(text) + `,"label":[[0,19,"denial"]],"meta":{"claims":2}}`,
			spans:    []Span{{Start: 0, End: 19, Label: "denial"}},
			meta:     map[string]string{"claims": "2"},
			warnings: []string{`"meta.claims" is 2, not a list of claims`},
		},
		{
			name:     "claims an object",
			line:     `{"text":` + q(text) + `,"label":[[0,19,"denial"]],"meta":{"claims":{"start":0,"end":19,"label":"denial"}}}`,
			spans:    []Span{{Start: 0, End: 19, Label: "denial"}},
			meta:     map[string]string{"claims": `{"start":0,"end":19,"label":"denial"}`},
			warnings: []string{`kept as article meta`},
		},
		{
			name: "entries of every wrong type",
			line: `{"text":` + q(text) + `,"label":[[0,19,"denial"]],"meta":{"claims":[true,[0,19,"denial"],{"start":0,"end":"19","label":"denial"},` +
				`{"start":0,"end":19,"label":["denial"]},{"start":0,"end":19,"label":"denial","target":{}},{"start":0,"end":19,"label":"denial","annotator":1},` +
				`{"start":0,"end":19,"label":"denial","target":"ok"}]}}`,
			spans: []Span{{Start: 0, End: 19, Label: "denial", Target: "ok"}},
			meta:  map[string]string{},
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
			if got := docs[0].Meta; !maps.Equal(got, tt.meta) {
				t.Errorf("meta %q, want %q", got, tt.meta)
			}
			checkWarnings(t, problems, tt.warnings)
		})
	}
}

// q quotes s as a JSON string.
func q(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }

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

// TestMetaClaimsInJSONArray: a .json array of doccano records reads
// meta.claims the same way, with each record's own line in the messages.
func TestMetaClaimsInJSONArray(t *testing.T) {
	data := `[
{"text":"Peskov denied it.","label":[[0,13,"denial"]],"meta":{"claims":[{"start":0,"end":13,"label":"denial","speaker":"Peskov"}]}},
{"text":"Obama said so.","label":[[0,5,"accusation"]],"meta":{"claims":[{"start":0,"end":4,"label":"accusation"}]}}
]`
	docs, problems, err := ParseBytes("claims.json", []byte(data))
	if err != nil || len(docs) != 2 {
		t.Fatalf("err %v, %d documents", err, len(docs))
	}
	if got := docs[0].Spans; len(got) != 1 || got[0].Speaker != "Peskov" {
		t.Errorf("first record's spans %+v, want Peskov as speaker", got)
	}
	if _, ok := docs[0].Meta["claims"]; ok {
		t.Error("meta.claims landed as article meta")
	}
	if len(problems) != 1 || problems[0].Line != 3 || !strings.Contains(problems[0].Message, "meta.claims[0]: no label triple [0, 4,") {
		t.Errorf("problems %v, want one about meta.claims[0] at line 3", problems)
	}
}

// TestImportMetaClaims stores a doccano line: identical spans with
// different speakers become two claims, and a claim's own annotator wins
// over the one the import was given.
func TestImportMetaClaims(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "doccano.jsonl")
	line := `{"text":"Peskov denied it.","label":[[0,13,"denial"],[0,13,"denial"]],"meta":{"claims":[` +
		`{"start":0,"end":13,"label":"denial","speaker":"Peskov","annotator":"ana"},` +
		`{"start":0,"end":13,"label":"denial","speaker":"Kremlin","target":"US","note":"n"}]}}` + "\n"
	if err := os.WriteFile(path, []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}
	store := storetest.Open(t)
	report, err := Import(store, []string{path}, Options{Annotator: "desk"})
	if err != nil || len(report.Imported) != 1 {
		t.Fatalf("err %v, report %s", err, report)
	}
	anns, err := store.Claims(report.Imported[0].ArticleID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range anns {
		got = append(got, strings.Join([]string{a.Quote, a.Label, a.Speaker, a.Target, a.Note, a.Annotator}, "/"))
	}
	slices.Sort(got)
	want := []string{"Peskov denied/denial/Kremlin/US/n/desk", "Peskov denied/denial/Peskov///ana"}
	if !slices.Equal(got, want) {
		t.Errorf("stored claims %q, want %q", got, want)
	}
	if article, err := store.Article(report.Imported[0].ArticleID); err != nil || article.Meta["claims"] != "" {
		t.Errorf("article meta %v (err %v), want no claims key", article.Meta, err)
	}
}
