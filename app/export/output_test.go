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

// TestWriteToUnwritableFolder: a destination nobody can write to, root
// included, because a file stands where one of its folders must be. The
// export is refused naming the folder and the reason, and leaves nothing.
func TestWriteToUnwritableFolder(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file.txt")
	if err := os.WriteFile(file, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, opts := range []Options{{Format: "csv"}, {Format: "brat"}, {Format: "doccano", Split: Split{Train: 100}}} {
		dest := destFor(t, filepath.Join(file, "sub"), opts)
		root := dest
		if !opts.DestIsFolder() {
			root = filepath.Dir(dest)
		}
		_, err := Write(context.Background(), fixture(t), dest, opts)
		if want := "export: cannot create folder " + root + ": not a directory"; err == nil || err.Error() != want {
			t.Errorf("%s: err = %v, want %q", opts.Format, err, want)
		}
		if got := sortedNames(readTree(t, dir)); !reflect.DeepEqual(got, []string{"file.txt"}) {
			t.Errorf("%s: the refused export left %v", opts.Format, got)
		}
		if data, _ := os.ReadFile(file); string(data) != "keep me" {
			t.Errorf("%s: the refused export touched the file in its way", opts.Format)
		}
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

// TestWriteToStream: a one-file export written to a stream is the file
// Write would write, and leaves nothing in the temporary folder; a failed
// one writes nothing to the stream; a folder format is refused.
func TestWriteToStream(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	for _, opts := range []Options{{Format: "doccano", Offsets: OffsetsUTF16}, {Format: "labelstudio"}, {Format: "conll"}, {Format: "csv"}} {
		dir, want := exportTo(t, fixture(t), opts)
		f, _ := FormatByName(opts.Format)
		file, err := os.ReadFile(filepath.Join(dir, "data"+f.Extension))
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		got, err := WriteTo(context.Background(), fixture(t), &b, opts)
		if err != nil {
			t.Fatalf("%s: %v", opts.Format, err)
		}
		if b.String() != string(file) {
			t.Errorf("%s: the stream differs from the file", opts.Format)
		}
		if got.Articles != want.Articles || got.Claims != want.Claims || len(got.Files) != 0 {
			t.Errorf("%s: result %+v, the file's %+v", opts.Format, got, want)
		}
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("the temporary folder keeps %s", entries[0].Name())
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var b strings.Builder
	opts := Options{Format: "spans", Progress: func(done, _ int) {
		if done == 2 {
			cancel()
		}
	}}
	if _, err := WriteTo(ctx, fixture(t), &b, opts); !errors.Is(err, context.Canceled) || b.Len() != 0 {
		t.Errorf("cancelled: err %v, %d bytes written", err, b.Len())
	}
	if _, err := WriteTo(context.Background(), fixture(t), &b, Options{Format: "brat"}); err == nil || !strings.Contains(err.Error(), "needs a folder") {
		t.Errorf("brat to a stream: %v", err)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("the temporary folder keeps %s", entries[0].Name())
	}
}
