package dataset

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"claimdesk/app/testkit"
	"claimdesk/storage"
)

// TestParseGolden parses every input in testdata/golden and compares a
// readable rendering of the documents and problems with its .golden file.
func TestParseGolden(t *testing.T) {
	inputs := goldenInputs(t)
	if len(inputs) == 0 {
		t.Fatal("no golden inputs")
	}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			docs, problems, err := ParseFile(in)
			got := renderParse(docs, problems, err)
			checkDocuments(t, docs)
			testkit.Golden(t, in+".golden", []byte(got))
		})
	}
}

// goldenInputs lists the inputs; the .txt of a brat pair is read with its
// .ann and is not an input of its own.
func goldenInputs(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join("testdata", "golden"))
	if err != nil {
		t.Fatal(err)
	}
	var inputs []string
	for _, e := range entries {
		path := filepath.Join("testdata", "golden", e.Name())
		if formatOf(path) == formatUnknown {
			continue
		}
		if formatOf(path) == formatText && fileExists(siblingWithExt(path, ".ann")) {
			continue
		}
		inputs = append(inputs, path)
	}
	return inputs
}

// renderParse writes what a parse produced in a form a reviewer can check
// by eye: every span with the text it covers.
func renderParse(docs []Document, problems []Problem, err error) string {
	var b strings.Builder
	if err != nil {
		fmt.Fprintf(&b, "refused: %v\n", err)
	}
	for i, d := range docs {
		fmt.Fprintf(&b, "=== document %d\ntitle: %s\nsource: %s\n", i+1, d.Title, d.Source)
		if d.Line > 0 {
			fmt.Fprintf(&b, "line: %d\n", d.Line)
		}
		if d.Normalization.Changed() {
			fmt.Fprintf(&b, "normalised: %s\n", d.Normalization)
		}
		keys := make([]string, 0, len(d.Meta))
		for k := range d.Meta {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(&b, "meta %s: %s\n", k, d.Meta[k]) // as JSON: a string in quotes
		}
		fmt.Fprintf(&b, "text (%d code points):\n%s\n", storage.RuneLen(d.Text), d.Text)
		for _, s := range d.Spans {
			quote, _ := storage.Slice(d.Text, s.Start, s.End)
			fmt.Fprintf(&b, "span %d–%d %s %q", s.Start, s.End, s.Label, quote)
			for _, f := range [][2]string{{"speaker", s.Speaker}, {"target", s.Target}, {"note", s.Note}, {"annotator", s.Annotator}} {
				if f[1] != "" {
					fmt.Fprintf(&b, " %s=%q", f[0], f[1])
				}
			}
			b.WriteByte('\n')
		}
	}
	for _, p := range problems {
		kind := "problem"
		if p.Warning {
			kind = "warning"
		}
		fmt.Fprintf(&b, "%s: %s\n", kind, p)
	}
	return b.String()
}
