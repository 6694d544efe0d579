package testkit

import (
	"image/color"
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

func TestContrastAndOver(t *testing.T) {
	black, white := color.NRGBA{A: 0xff}, color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	if c := Contrast(black, white); c < 20.9 || c > 21.1 {
		t.Errorf("black on white: %.2f", c)
	}
	if c := Contrast(white, white); c != 1 {
		t.Errorf("white on white: %.2f", c)
	}
	// #767676 on white is the well-known lightest grey that passes AA.
	if c := Contrast(color.NRGBA{R: 0x76, G: 0x76, B: 0x76, A: 0xff}, white); c < 4.5 || c > 4.6 {
		t.Errorf("#767676 on white: %.2f", c)
	}
	if got := Over(color.NRGBA{A: 0x80}, white); got != (color.NRGBA{R: 0x7f, G: 0x7f, B: 0x7f, A: 0xff}) {
		t.Errorf("half black over white: %v", got)
	}
}
