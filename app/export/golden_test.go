package export

import (
	"os"
	"path/filepath"
	"testing"

	"claimdesk/app/testkit"
)

// goldenCase is one export compared with its files under testdata/golden.
type goldenCase struct {
	name string
	opts Options
}

// goldenCases are every format on the fixture, the options that change
// what a format writes, and split exports of one-file and folder formats.
func goldenCases() []goldenCase {
	var cases []goldenCase
	for _, f := range Formats() {
		cases = append(cases, goldenCase{f.Name, Options{Format: f.Name}})
	}
	cases = append(cases,
		goldenCase{"doccano-utf16", Options{Format: "doccano", Offsets: OffsetsUTF16}},
		goldenCase{"conll-tsv", Options{Format: "conll", CoNLL: CoNLLTSV}})
	split := Split{Train: 50, Dev: 25, Test: 25, Seed: 7}
	for _, name := range []string{"doccano", "brat", "labelstudio"} {
		cases = append(cases, goldenCase{name + "-split", Options{Format: name, Split: split}})
	}
	return cases
}

// TestGolden compares every file of every export with its golden copy;
// go test -update rewrites them, dropping files the export no longer
// writes.
func TestGolden(t *testing.T) {
	d := fixture(t)
	for _, tc := range goldenCases() {
		t.Run(tc.name, func(t *testing.T) {
			dir, _ := exportTo(t, d, tc.opts)
			got := readTree(t, dir)
			golden := filepath.Join("testdata", "golden", tc.name)
			if testkit.Updating() {
				if err := os.RemoveAll(golden); err != nil {
					t.Fatal(err)
				}
			}
			for _, name := range sortedNames(got) {
				testkit.Golden(t, filepath.Join(golden, filepath.FromSlash(name)), got[name])
			}
			for _, name := range sortedNames(readTree(t, golden)) {
				if _, ok := got[name]; !ok {
					t.Errorf("%s: the export no longer writes it (go test -update if that is meant)", filepath.Join(golden, name))
				}
			}
		})
	}
}
