package testkit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGoldenMatchesAndDiffs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.txt")
	if err := os.WriteFile(path, []byte("a\tb\nsame\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	Golden(t, path, []byte("a\tb\nsame\n"))
	d := Diff("a\tb\nsame\n", "a b\nsame\n")
	if !strings.Contains(d, `a\tb`) || !strings.Contains(d, "a b") || strings.Count(d, "same") != 1 {
		t.Errorf("diff does not show the changed line and its tab:\n%s", d)
	}
	if Diff("x\n", "x\n") != "" {
		t.Error("equal texts must give no diff")
	}
}
