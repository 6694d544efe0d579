package articleview

import (
	"slices"
	"testing"
)

// clusters splits s at every boundary isBoundary reports.
func clusters(s string) []string {
	text := []rune(s)
	var out []string
	start := 0
	for i := 1; i <= len(text); i++ {
		if isBoundary(text, i) {
			out = append(out, string(text[start:i]))
			start = i
		}
	}
	return out
}

func TestGraphemeClusters(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"ascii", "ab", []string{"a", "b"}},
		{"combining acute", "e\u0301x", []string{"e\u0301", "x"}},
		{"two marks", "a\u0323\u0302b", []string{"a\u0323\u0302", "b"}},
		{"crlf", "a\r\nb", []string{"a", "\r\n", "b"}},
		{"newline breaks before mark", "\n\u0301", []string{"\n", "\u0301"}},
		{"skin tone", "👍🏽!", []string{"👍🏽", "!"}},
		{"zwj family", "👨\u200d👩\u200d👧x", []string{"👨\u200d👩\u200d👧", "x"}},
		{"zwj after letter splits", "a\u200d👩", []string{"a\u200d", "👩"}},
		{"variation selector", "❤\ufe0f.", []string{"❤\ufe0f", "."}},
		{"flags pair up", "🇩🇪🇫🇷🇮", []string{"🇩🇪", "🇫🇷", "🇮"}},
		{"tag sequence", "🏴\U000e0067\U000e0062\U000e007f!", []string{"🏴\U000e0067\U000e0062\U000e007f", "!"}},
		{"hangul jamo", "\u1100\u1161\u11a8가", []string{"\u1100\u1161\u11a8", "가"}},
		{"hangul LV+T", "\uac00\u11a8", []string{"\uac00\u11a8"}},
		{"devanagari spacing mark", "कि", []string{"कि"}},
		{"arabic harakat", "بِسْم", []string{"بِ", "سْ", "م"}},
		{"cjk", "中文", []string{"中", "文"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := clusters(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("clusters(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

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
	text := []rune("Trump's  café, 中文 👍🏽 x")
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
