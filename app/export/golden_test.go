package export

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenCases are every format on the fixture, plus split exports of a
// one-file and a folder format.
func goldenCases() []struct {
	name string
	opts Options
} {
	var cases []struct {
		name string
		opts Options
	}
	for _, f := range Formats() {
		cases = append(cases, struct {
			name string
			opts Options
		}{f.Name, Options{Format: f.Name}})
	}
	split := Split{Train: 50, Dev: 25, Test: 25, Seed: 7}
	for _, name := range []string{"doccano", "brat", "labelstudio"} {
		cases = append(cases, struct {
			name string
			opts Options
		}{name + "-split", Options{Format: name, Split: split}})
	}
	return cases
}

// exportTo writes the fixture into a new folder: at dir/data.EXT for a
// one-file export, into dir itself otherwise.
func exportTo(t *testing.T, d Dataset, opts Options) (string, Result) {
	t.Helper()
	dir := t.TempDir()
	dest := dir
	if !opts.DestIsFolder() {
		f, err := FormatByName(opts.Format)
		if err != nil {
			t.Fatal(err)
		}
		dest = filepath.Join(dir, "data"+f.Extension)
	}
	res, err := Write(context.Background(), d, dest, opts)
	if err != nil {
		t.Fatalf("Write %s: %v", opts.Format, err)
	}
	return dir, res
}

func TestGolden(t *testing.T) {
	d := fixture(t)
	for _, tc := range goldenCases() {
		t.Run(tc.name, func(t *testing.T) {
			dir, _ := exportTo(t, d, tc.opts)
			golden := filepath.Join("testdata", "golden", tc.name)
			if *update {
				copyTree(t, dir, golden)
				return
			}
			compareTrees(t, dir, golden)
		})
	}
}

func readTree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		data, err := os.ReadFile(path)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func compareTrees(t *testing.T, gotDir, wantDir string) {
	t.Helper()
	got, want := readTree(t, gotDir), readTree(t, wantDir)
	if len(want) == 0 {
		t.Fatalf("no golden files in %s; run go test -update", wantDir)
	}
	for _, name := range sortedNames(got) {
		w, ok := want[name]
		if !ok {
			t.Errorf("unexpected file %s", name)
			continue
		}
		if !bytes.Equal(got[name], w) {
			t.Errorf("%s differs from %s (run go test -update if the change is right):\n%s",
				name, filepath.Join(wantDir, name), firstDifference(string(got[name]), string(w)))
		}
	}
	for _, name := range sortedNames(want) {
		if _, ok := got[name]; !ok {
			t.Errorf("missing file %s", name)
		}
	}
}

func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got:  %q\n want: %q", i+1, gl, wl)
		}
	}
	return "(no line differs)"
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	if err := os.RemoveAll(to); err != nil {
		t.Fatal(err)
	}
	for name, data := range readTree(t, from) {
		path := filepath.Join(to, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func sortedNames(m map[string][]byte) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
