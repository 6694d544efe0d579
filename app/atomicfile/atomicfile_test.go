package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	failed := errors.New("the writer failed")
	for _, tc := range []struct {
		name     string
		opts     Options
		write    func(io.Writer) error
		want     string // the file's content afterwards
		wantErr  error
		wantPerm os.FileMode
	}{
		{name: "replaces", write: text("new"), want: "new", wantPerm: 0o600},
		{name: "fast replaces", opts: Options{Fast: true}, write: text("new"), want: "new", wantPerm: 0o600},
		{name: "with the permission asked", opts: Options{Perm: 0o644}, write: text("new"), want: "new", wantPerm: 0o644},
		{name: "a failed write keeps the old file", write: func(w io.Writer) error {
			_, _ = io.WriteString(w, "half of it")
			return failed
		}, want: "old", wantErr: failed, wantPerm: 0o600},
		{name: "named by the pattern", opts: Options{Pattern: ".mine-*"}, write: text("new"), want: "new", wantPerm: 0o600},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "f.json")
			if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
				t.Fatal(err)
			}
			err := Write(path, tc.opts, tc.write)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("Write = %v, want %v", err, tc.wantErr)
			}
			if err != nil && !containsPath(err, path) {
				t.Errorf("the error %q does not name %s", err, path)
			}
			got, readErr := os.ReadFile(path)
			if readErr != nil || string(got) != tc.want {
				t.Fatalf("the file holds %q (%v), want %q", got, readErr, tc.want)
			}
			if info, _ := os.Stat(path); info.Mode().Perm() != tc.wantPerm && tc.want != "old" {
				t.Errorf("permission %v, want %v", info.Mode().Perm(), tc.wantPerm)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("the folder holds %d files, want the file alone: a temporary one was left", len(entries))
			}
		})
	}
}

func TestWriteIntoAMissingFolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "f.json")
	err := WriteBytes(path, Options{}, []byte("x"))
	if err == nil || !containsPath(err, path) {
		t.Fatalf("WriteBytes into a missing folder = %v, want an error naming %s", err, path)
	}
}

func text(s string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}
}

func containsPath(err error, path string) bool {
	return err != nil && strings.Contains(err.Error(), path)
}
