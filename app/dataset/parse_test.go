package dataset

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"claimdesk/storage"
)

func TestSupportedExtensions(t *testing.T) {
	exts := SupportedExtensions()
	if !slices.IsSorted(exts) {
		t.Errorf("not sorted: %v", exts)
	}
	for _, want := range []string{".ann", ".htm", ".html", ".json", ".jsonl", ".md", ".txt"} {
		if !slices.Contains(exts, want) {
			t.Errorf("%s missing from %v", want, exts)
		}
	}
}

func TestParseBytesRefuses(t *testing.T) {
	tests := map[string]string{
		"doc.ann":   "use ParseBrat",
		"photo.png": "unsupported format .png",
		"README":    "no file extension",
	}
	for name, want := range tests {
		_, _, err := ParseBytes(name, []byte("x"))
		if err == nil || !strings.Contains(err.Error(), want) || !strings.HasPrefix(err.Error(), name+": ") {
			t.Errorf("ParseBytes(%s) err = %v, want %q", name, err, want)
		}
	}
}

// addSeeds seeds a fuzz target with the golden inputs of the given
// extensions and a few hand-picked edge cases.
func addSeeds(f *testing.F, exts []string, extra ...string) {
	f.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "golden", "*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range paths {
		for _, ext := range exts {
			if strings.HasSuffix(p, ext) {
				data, err := os.ReadFile(p)
				if err != nil {
					f.Fatal(err)
				}
				f.Add(data)
			}
		}
	}
	for _, e := range extra {
		f.Add([]byte(e))
	}
}

// fuzzParse checks what every parse must hold, whatever the input: no
// panic, refusals are Problems naming the file, documents keep their
// promises (normalised text, spans inside it, labels set).
func fuzzParse(t *testing.T, name string, data []byte) {
	docs, problems, err := ParseBytes(name, data)
	checkParse(t, name, docs, problems, err)
}

func checkParse(t *testing.T, name string, docs []Document, problems []Problem, err error) {
	t.Helper()
	if err != nil {
		var p Problem
		if !errors.As(err, &p) || !strings.HasPrefix(p.File, strings.TrimSuffix(name, filepath.Ext(name))) {
			t.Fatalf("refusal %v is not a Problem about %s", err, name)
		}
		if len(docs) != 0 {
			t.Fatalf("refused, yet %d documents", len(docs))
		}
	}
	for _, p := range problems {
		if p.Message == "" {
			t.Errorf("problem without message: %+v", p)
		}
	}
	checkDocuments(t, docs)
}

// checkDocuments holds the promises of Document for every parse: text
// normalised and non-empty, spans inside it.
func checkDocuments(t *testing.T, docs []Document) {
	t.Helper()
	for i, d := range docs {
		if norm, _ := storage.Normalize(d.Text); norm != d.Text {
			t.Errorf("document %d: text is not normalised", i)
		}
		if strings.TrimSpace(d.Text) == "" {
			t.Errorf("document %d: empty text", i)
		}
		if strings.ContainsRune(d.Text, 0) {
			t.Errorf("document %d: text holds NUL", i)
		}
		n := storage.RuneLen(d.Text)
		for _, s := range d.Spans {
			if s.Start < 0 || s.End <= s.Start || s.End > n {
				t.Errorf("document %d: span %d–%d outside text of %d", i, s.Start, s.End, n)
			}
			if strings.TrimSpace(s.Label) == "" {
				t.Errorf("document %d: span %d–%d without label", i, s.Start, s.End)
			}
		}
	}
}
