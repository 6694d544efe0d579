package export

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// smaller is the fixture without its first article: a second export whose
// files differ from the first.
func smaller(t *testing.T) Dataset {
	d := fixture(t)
	d.Docs = d.Docs[1:]
	return d
}

func destFor(t *testing.T, dir string, opts Options) string {
	t.Helper()
	if opts.DestIsFolder() {
		return filepath.Join(dir, "out")
	}
	f, err := FormatByName(opts.Format)
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "out"+f.Extension)
}

// failures are the ways an export can stop halfway.
var failures = []struct {
	name  string
	spoil func(t *testing.T, d *Dataset, opts *Options) context.Context
	is    error
	says  string
}{
	{"cancelled after the first article", func(t *testing.T, d *Dataset, opts *Options) context.Context {
		ctx, cancel := context.WithCancel(context.Background())
		t.Cleanup(cancel)
		opts.Progress = func(done, total int) {
			if done == 1 {
				cancel()
			}
		}
		return ctx
	}, context.Canceled, "export cancelled"},
	{"a claim that does not match its text", func(t *testing.T, d *Dataset, opts *Options) context.Context {
		last := &d.Docs[len(d.Docs)-1]
		last.Claims[0].Quote = "something else"
		return context.Background()
	}, nil, `does not match the text`},
	{"a claim outside its text", func(t *testing.T, d *Dataset, opts *Options) context.Context {
		last := &d.Docs[len(d.Docs)-1]
		last.Claims[0].End = 10_000
		return context.Background()
	}, nil, `lies outside the text`},
}

// TestFailedExportKeepsPreviousFiles: whatever stops an export, the files
// of the previous export stay byte for byte, and no staging folder is left.
func TestFailedExportKeepsPreviousFiles(t *testing.T) {
	for _, f := range Formats() {
		for _, split := range []Split{{}, {Train: 50, Dev: 25, Test: 25, Seed: 3}} {
			for _, fail := range failures {
				name := f.Name + "/" + fail.name
				if split.Enabled() {
					name += "/split"
				}
				t.Run(name, func(t *testing.T) {
					dir := t.TempDir()
					opts := Options{Format: f.Name, Split: split}
					dest := destFor(t, dir, opts)
					if _, err := Write(context.Background(), fixture(t), dest, opts); err != nil {
						t.Fatal(err)
					}
					before := readTree(t, dir)
					d := smaller(t)
					ctx := fail.spoil(t, &d, &opts)
					_, err := Write(ctx, d, dest, opts)
					if err == nil || !strings.Contains(err.Error(), fail.says) || (fail.is != nil && !errors.Is(err, fail.is)) {
						t.Fatalf("err = %v, want %q", err, fail.says)
					}
					if after := readTree(t, dir); !reflect.DeepEqual(before, after) {
						t.Errorf("the failed export changed the destination: %v files before, %v after", sortedNames(before), sortedNames(after))
					}
				})
			}
		}
	}
}

// TestFailedExportIntoNewFolderLeavesNothing: folders an export created
// for itself are taken away again when it fails.
func TestFailedExportIntoNewFolderLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opts := Options{Format: "brat", Progress: func(done, _ int) {
		if done == 2 {
			cancel()
		}
	}}
	if _, err := Write(ctx, fixture(t), filepath.Join(dir, "new", "brat"), opts); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("the cancelled export left %v", entries[0].Name())
	}
}

func TestExportReplacesPreviousFiles(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "out.jsonl")
	for _, d := range []Dataset{fixture(t), smaller(t)} {
		res, err := Write(context.Background(), d, dest, Options{Format: "spans"})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(res.Files, []string{dest}) {
			t.Errorf("Files = %v", res.Files)
		}
	}
	data, err := os.ReadFile(dest)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), "\n"); n != 3 {
		t.Errorf("the second export left %d lines, want 3", n)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the folder holds %d entries, want only out.jsonl (no staging left)", len(entries))
	}
}

func TestWriteRefusesBadDestinations(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file.txt")
	if err := os.WriteFile(file, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, dest string
		opts       Options
		says       string
	}{
		{"no destination", " ", Options{Format: "csv"}, "no destination"},
		{"unknown format", file, Options{Format: "xlsx"}, `unknown export format "xlsx"`},
		{"split not 100", dir, Options{Format: "csv", Split: Split{Train: 80, Dev: 10}}, "adds up to 90"},
		{"folder for a file format", dir, Options{Format: "csv"}, dir + " is a folder"},
		{"trailing slash", dir + "/new/", Options{Format: "csv"}, "new/ is a folder; CSV (a row per claim) needs a file name"},
		{"file for a folder format", file, Options{Format: "brat"}, file + " is a file"},
		{"file as a parent", filepath.Join(file, "sub", "x.csv"), Options{Format: "csv"}, "cannot create folder " + filepath.Join(file, "sub")},
		{"file in the way of a split", file, Options{Format: "csv", Split: Split{Train: 100}}, file + " is a file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Write(context.Background(), fixture(t), tc.dest, tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.says) {
				t.Errorf("err = %v, want it to say %q", err, tc.says)
			}
			if data, _ := os.ReadFile(file); string(data) != "keep me" {
				t.Error("a refused export touched an existing file")
			}
		})
	}
}

func TestWriteToUnwritableFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes anywhere")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	_, err := Write(context.Background(), fixture(t), filepath.Join(dir, "x.csv"), Options{Format: "csv"})
	if err == nil || !strings.Contains(err.Error(), "cannot write in "+dir) {
		t.Errorf("err = %v", err)
	}
}

func TestFileInPlaceOfFolderIsRefusedBeforeAnyRename(t *testing.T) {
	dir := t.TempDir()
	// A folder where the export's dev.jsonl would go.
	if err := os.Mkdir(filepath.Join(dir, "dev.jsonl"), 0o755); err != nil {
		t.Fatal(err)
	}
	opts := Options{Format: "doccano", Split: Split{Train: 50, Dev: 25, Test: 25, Seed: 7}}
	_, err := Write(context.Background(), fixture(t), dir, opts)
	if err == nil || !strings.Contains(err.Error(), "dev.jsonl is a folder") {
		t.Fatalf("err = %v", err)
	}
	if names := sortedNames(readTree(t, dir)); len(names) != 0 {
		t.Errorf("files were moved in before the refusal: %v", names)
	}
}

func TestWriteCancelledBeforeStart(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dest := filepath.Join(t.TempDir(), "never", "x.jsonl")
	if _, err := Write(ctx, fixture(t), dest, Options{Format: "doccano"}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
	if _, err := os.Stat(filepath.Dir(dest)); !os.IsNotExist(err) {
		t.Error("a cancelled export created its folder")
	}
}

func TestProgress(t *testing.T) {
	for _, split := range []Split{{}, {Train: 50, Dev: 50, Seed: 1}} {
		var calls [][2]int
		opts := Options{Format: "csv", Split: split, Progress: func(done, total int) { calls = append(calls, [2]int{done, total}) }}
		exportTo(t, fixture(t), opts)
		want := [][2]int{{0, 4}, {1, 4}, {2, 4}, {3, 4}, {4, 4}}
		if !reflect.DeepEqual(calls, want) {
			t.Errorf("split %v: progress calls %v, want %v", split, calls, want)
		}
	}
}

func TestOmittedClaims(t *testing.T) {
	d := fixture(t)
	_, res := exportTo(t, d, Options{Format: "conll"})
	if res.Omitted != 2 || res.Claims != 10 || res.OmittedRule != conllOverlapRule {
		t.Errorf("conll: %+v", res)
	}
	// A claim of white space only: CoNLL has no token for it, brat no
	// fragment.
	doc := &d.Docs[3]
	c := claimOn(t, 99, doc.Article.Text, "\n", "denial")
	doc.Claims = sorted(append(doc.Claims, c)...)
	_, res = exportTo(t, d, Options{Format: "conll"})
	want := conllOverlapRule + " (2); " + conllNoTokenRule + " (1)"
	if res.Omitted != 3 || res.OmittedRule != want {
		t.Errorf("conll: omitted %d %q, want 3 %q", res.Omitted, res.OmittedRule, want)
	}
	_, res = exportTo(t, d, Options{Format: "brat"})
	if res.Omitted != 1 || res.Claims != 12 || res.OmittedRule != bratLineBreakRule {
		t.Errorf("brat: %+v", res)
	}
	for _, f := range []string{"doccano", "spans", "labelstudio", "csv", "claims"} {
		if _, res := exportTo(t, d, Options{Format: f}); res.Omitted != 0 || res.Claims != 13 {
			t.Errorf("%s: %+v", f, res)
		}
	}
}

// TestEmptyDataset: with nothing to export every format still writes
// files its readers accept (an empty JSON array for Label Studio, the
// header for CSV, the configuration for brat).
func TestEmptyDataset(t *testing.T) {
	want := map[string]string{
		"doccano": "", "spans": "", "claims": "", "conll": "",
		"labelstudio": "[\n]\n", "csv": "\uFEFF" + strings.Join(csvHeader, ",") + "\n",
	}
	for _, f := range Formats() {
		dir, res := exportTo(t, Dataset{}, Options{Format: f.Name})
		if res.Articles != 0 || res.Claims != 0 {
			t.Errorf("%s: %+v", f.Name, res)
		}
		files := readTree(t, dir)
		if f.Folder {
			if len(files) != 2 || files["annotation.conf"] == nil || files["visual.conf"] == nil {
				t.Errorf("%s wrote %v", f.Name, sortedNames(files))
			}
			continue
		}
		if got := string(files["data"+f.Extension]); got != want[f.Name] {
			t.Errorf("%s wrote %q, want %q", f.Name, got, want[f.Name])
		}
	}
}
