package export

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"claimdesk/app/testkit"
)

// TestPythonOffsets reads every export with Python, where offsets count
// code points, and checks text[start:end] == quote for every span.
func TestPythonOffsets(t *testing.T) {
	python := testkit.Python(t)
	d := fixture(t)
	expected := writeExpected(t, d)
	script, err := filepath.Abs(filepath.Join("testdata", "check_offsets.py"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range goldenCases() {
		t.Run(tc.name, func(t *testing.T) {
			dir, _ := exportTo(t, d, tc.opts)
			out, err := exec.Command(python, script, variant(tc.opts), dir, expected).CombinedOutput()
			if err != nil {
				t.Fatalf("python: %v\n%s", err, out)
			}
			got, err := strconv.Atoi(strings.TrimSpace(string(out)))
			if err != nil {
				t.Fatalf("python said %q", out)
			}
			if want := spansToCheck(d, tc.opts.Format); got != want {
				t.Errorf("python checked %d spans, want %d", got, want)
			}
		})
	}
}

// variant names what check_offsets.py reads: the format, and the option
// that changes how it counts or lays out.
func variant(o Options) string {
	switch {
	case o.Offsets == OffsetsUTF16:
		return o.Format + "-utf16"
	case o.CoNLL == CoNLLTSV:
		return o.Format + "-tsv"
	}
	return o.Format
}

// TestCoNLLReaders reads the CoNLL export as conlleval and spaCy's convert
// do (testdata/check_conll.py): conlleval must run on the default layout
// without -d and on the TSV layout with -d '\t', and find every claim that
// was written; spaCy must see one document per article.
func TestCoNLLReaders(t *testing.T) {
	python := testkit.Python(t)
	d := fixture(t)
	script, err := filepath.Abs(filepath.Join("testdata", "check_conll.py"))
	if err != nil {
		t.Fatal(err)
	}
	for _, layout := range CoNLLLayouts() {
		t.Run(layout, func(t *testing.T) {
			dir, res := exportTo(t, d, Options{Format: "conll", CoNLL: layout})
			if res.Claims == 0 {
				t.Fatal("the fixture wrote no claim to CoNLL")
			}
			out, err := exec.Command(python, script, layout, filepath.Join(dir, "data.conll"),
				strconv.Itoa(res.Articles), strconv.Itoa(res.Claims)).CombinedOutput()
			if err != nil || strings.TrimSpace(string(out)) != "ok" {
				t.Fatalf("python: %v\n%s", err, out)
			}
		})
	}
}

// spansToCheck is how many spans the script must have checked, so the test
// cannot pass by checking nothing.
func spansToCheck(d Dataset, format string) int {
	_, claims := d.Count()
	switch format {
	case "doccano":
		return 2 * claims // label and meta.claims
	case "claims":
		return claims
	case "labelstudio":
		n := claims
		for _, doc := range d.Docs {
			for _, c := range doc.Claims {
				for _, f := range lsFields {
					if f.get(c) != "" {
						n++
					}
				}
			}
		}
		return n
	case "conll":
		return len(d.Docs)
	}
	return claims
}

func writeExpected(t *testing.T, d Dataset) string {
	t.Helper()
	type claim struct {
		Start int    `json:"start"`
		End   int    `json:"end"`
		Quote string `json:"quote"`
		Label string `json:"label"`
	}
	type article struct {
		Text   string  `json:"text"`
		Claims []claim `json:"claims"`
	}
	m := map[string]article{}
	for _, doc := range d.Docs {
		a := article{Text: doc.Article.Text, Claims: []claim{}}
		for _, c := range doc.Claims {
			a.Claims = append(a.Claims, claim{c.Start, c.End, c.Quote, c.Label})
		}
		m[strconv.FormatUint(doc.Article.ID, 10)] = a
	}
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "expected.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestLabelStudioTaskIDs reads Label Studio exports as label-studio-converter
// does (testdata/check_labelstudio.py): every task has an integer id of its
// own, and an article keeps its id from one export to the next, whether
// exported alone, with others or in a split.
func TestLabelStudioTaskIDs(t *testing.T) {
	python := testkit.Python(t)
	script, err := filepath.Abs(filepath.Join("testdata", "check_labelstudio.py"))
	if err != nil {
		t.Fatal(err)
	}
	read := func(d Dataset, opts Options) map[string]uint64 {
		t.Helper()
		dir, _ := exportTo(t, d, opts)
		files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		out, err := exec.Command(python, append([]string{script}, files...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("python: %v\n%s", err, out)
		}
		ids := map[string]uint64{}
		if err := json.Unmarshal(out, &ids); err != nil {
			t.Fatalf("python said %q: %v", out, err)
		}
		return ids
	}
	d := fixture(t)
	all := read(d, Options{Format: "labelstudio"})
	if len(all) != len(d.Docs) {
		t.Fatalf("%d tasks with ids, want %d", len(all), len(d.Docs))
	}
	for article, id := range all {
		if article != strconv.FormatUint(id, 10) {
			t.Errorf("article %s has task id %d, want its own id", article, id)
		}
	}
	split := read(d, Options{Format: "labelstudio", Split: Split{Train: 50, Dev: 25, Test: 25, Seed: 3}})
	d.Docs = d.Docs[2:]
	fewer := read(d, Options{Format: "labelstudio"})
	for _, again := range []map[string]uint64{split, fewer} {
		for article, id := range again {
			if all[article] != id {
				t.Errorf("article %s: task id %d, %d in the first export", article, id, all[article])
			}
		}
	}
	if len(split) != len(all) || len(fewer) != len(all)-2 {
		t.Errorf("%d and %d tasks, want %d and %d", len(split), len(fewer), len(all), len(all)-2)
	}
}
