package export

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestBratExportReplacesFolderWhole: a brat export over an older one
// leaves no file of an article the new one lacks, nor of a split the new
// one does not make, keeps the folder's permissions, and leaves nothing
// beside it.
func TestBratExportReplacesFolderWhole(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "out")
	split := Split{Train: 50, Dev: 25, Test: 25, Seed: 3}
	if _, err := Write(context.Background(), fixture(t), dest, Options{Format: "brat", Split: split}); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(context.Background(), fixture(t), dest, Options{Format: "brat"}); err != nil {
		t.Fatal(err)
	}
	// A staging folder a crashed export left is no analyst's file.
	if err := os.Mkdir(filepath.Join(dest, ".claimdesk-export-123"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dest, 0o750); err != nil {
		t.Fatal(err)
	}
	d := smaller(t)
	res, err := Write(context.Background(), d, dest, Options{Format: "brat"})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := exportTo(t, d, Options{Format: "brat"})
	if got, w := sortedNames(readTree(t, dest)), sortedNames(readTree(t, want)); !reflect.DeepEqual(got, w) {
		t.Errorf("the folder holds %v, want %v", got, w)
	}
	for _, f := range res.Files {
		if !strings.HasPrefix(f, dest+string(os.PathSeparator)) {
			t.Errorf("Result.Files names %s, outside %s", f, dest)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("beside the folder: %v", entries)
	}
	if info, err := os.Stat(dest); err != nil || info.Mode().Perm() != 0o750 {
		t.Errorf("folder mode %v (%v), want 0750", info.Mode().Perm(), err)
	}
}

// TestBratExportRefusesOthersFolders: a folder holding anything a brat
// export does not write, or .txt/.ann files Claimdesk did not write (a
// corpus imported from), is refused by name and left untouched.
func TestBratExportRefusesOthersFolders(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		says  string
	}{
		{"an analyst's file in an export", map[string]string{"annotation.conf": bratConfHeader + "x\n", "notes.docx": "mine"},
			"notes.docx, which a brat export does not write"},
		{"a folder in a split", map[string]string{"train/annotation.conf": bratConfHeader + "x\n", "train/old/a.txt": "x"},
			filepath.Join("train", "old") + ", which a brat export does not write"},
		{"a corpus", map[string]string{"a.txt": "text", "a.ann": "T1\tx 0 4\ttext\n", "annotation.conf": "[entities]\nx\n"},
			"is not a brat export of Claimdesk"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "out")
			for name, data := range tc.files {
				path := filepath.Join(dest, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			before := readTree(t, filepath.Dir(dest))
			_, err := Write(context.Background(), fixture(t), dest, Options{Format: "brat"})
			if err == nil || !strings.Contains(err.Error(), tc.says) || !strings.Contains(err.Error(), dest) {
				t.Fatalf("err = %v, want it to say %q", err, tc.says)
			}
			if after := readTree(t, filepath.Dir(dest)); !reflect.DeepEqual(before, after) {
				t.Errorf("the refused export changed %v into %v", sortedNames(before), sortedNames(after))
			}
		})
	}
}
