package articleview

import (
	"slices"
	"testing"
)

func TestClusterSnapping(t *testing.T) {
	text := []rune("xe\u0301👨\u200d👩y")
	// x=0 e=1 ◌́=2 👨=3 zwj=4 👩=5 y=6
	tests := []struct {
		i                     int
		start, end, back, fwd int
	}{
		{0, 0, 1, 0, 0},
		{2, 1, 3, 1, 3},
		{4, 3, 6, 3, 6},
		{5, 3, 6, 3, 6},
		{6, 6, 7, 6, 6},
		{7, 7, 7, 7, 7},
	}
	for _, tt := range tests {
		if got := clusterStart(text, tt.i); got != tt.start {
			t.Errorf("clusterStart(%d) = %d, want %d", tt.i, got, tt.start)
		}
		if got := clusterEnd(text, tt.i); got != tt.end {
			t.Errorf("clusterEnd(%d) = %d, want %d", tt.i, got, tt.end)
		}
		if got := snapBoundary(text, tt.i, false); got != tt.back {
			t.Errorf("snapBoundary(%d, back) = %d, want %d", tt.i, got, tt.back)
		}
		if got := snapBoundary(text, tt.i, true); got != tt.fwd {
			t.Errorf("snapBoundary(%d, forward) = %d, want %d", tt.i, got, tt.fwd)
		}
	}
}

func TestWordSpan(t *testing.T) {
	text := []rune("Trump's  café, 中文 👍🏽 x in the U.S. 3.5%")
	tests := []struct {
		at   string // the character double-clicked, by its first occurrence
		want string
	}{
		{"r", "Trump's"},
		{"'", "Trump's"},
		{"s", "Trump's"},
		{" ", "  "},
		{"é", "café"},
		{",", ","},
		{"文", "文"},
		{"👍", "👍🏽"},
		{"x", "x"},
		{"U", "U.S."},
		{".", "U.S."},
		{"3", "3.5"},
		{"%", "%"},
	}
	for _, tt := range tests {
		i := slices.Index(text, []rune(tt.at)[0])
		s, e := wordSpan(text, i)
		if got := string(text[s:e]); got != tt.want {
			t.Errorf("wordSpan at %q = %q, want %q", tt.at, got, tt.want)
		}
	}
	if s, e := wordSpan(nil, 3); s != 0 || e != 0 {
		t.Errorf("wordSpan(empty) = %d, %d", s, e)
	}
}

func TestTrimSpan(t *testing.T) {
	text := []rune("  ab \n")
	if s, e := trimSpan(text, 0, len(text)); s != 2 || e != 4 {
		t.Errorf("trimSpan = %d, %d, want 2, 4", s, e)
	}
	if s, e := trimSpan(text, 0, 2); s != e {
		t.Errorf("trimSpan of blanks = %d, %d, want empty", s, e)
	}
}
