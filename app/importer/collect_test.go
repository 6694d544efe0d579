package importer

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestCollect: brat pairs are imported once under the .ann, hidden entries
// are passed over, links to files are followed and links to folders not.
func TestCollect(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b.txt", "b.ann", "a.md", ".hidden/x.txt", "sub/c.jsonl", "d.txt"} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(dir, "d.txt"), filepath.Join(dir, "link.txt")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink(filepath.Join(dir, "sub"), filepath.Join(dir, "linkdir")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	var got []string
	for _, u := range collect([]string{".", "b.txt", "a.md", "nothing.txt"}, false) {
		s := u.path
		switch {
		case u.failure != nil:
			s += " failed"
		case u.skip != "":
			s += " skipped"
		}
		got = append(got, s)
	}
	want := []string{"a.md", "b.ann", "d.txt", "link.txt", "linkdir skipped", filepath.Join("sub", "c.jsonl"), "nothing.txt failed"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("collect = %v\nwant %v", got, want)
	}
}

// TestCollectRefusesANamedPipe: a named pipe named on the command line fails
// by its file type; opening it would wait for a writer with the lock held.
func TestCollectRefusesANamedPipe(t *testing.T) {
	pipe := filepath.Join(t.TempDir(), "pipe.txt")
	if err := syscall.Mkfifo(pipe, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	units := collect([]string{pipe}, false)
	if len(units) != 1 || units[0].failure == nil || !strings.Contains(units[0].failure.Error(), "not a regular file") {
		t.Errorf("collect(pipe) = %+v, want a failure: not a regular file", units)
	}
}
