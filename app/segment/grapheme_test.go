package segment

import (
	"slices"
	"strings"
	"testing"

	"github.com/rivo/uniseg"
)

// clusters splits s at every boundary IsGraphemeBoundary reports.
func clusters(s string) []string {
	text := []rune(s)
	var out []string
	start := 0
	for i := 1; i <= len(text); i++ {
		if IsGraphemeBoundary(text, i) {
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
		{"zwj family with skin tones", "👩🏽\u200d👨🏿.", []string{"👩🏽\u200d👨🏿", "."}},
		{"zwj after letter splits", "a\u200d👩", []string{"a\u200d", "👩"}},
		{"variation selector", "❤\ufe0f.", []string{"❤\ufe0f", "."}},
		{"flags pair up", "🇩🇪🇫🇷🇮", []string{"🇩🇪", "🇫🇷", "🇮"}},
		{"flags after a letter", "x🇩🇪🇫", []string{"x", "🇩🇪", "🇫"}},
		{"tag sequence", "🏴\U000e0067\U000e0062\U000e007f!", []string{"🏴\U000e0067\U000e0062\U000e007f", "!"}},
		{"hangul jamo", "\u1100\u1161\u11a8가", []string{"\u1100\u1161\u11a8", "가"}},
		{"hangul LV+T", "\uac00\u11a8", []string{"\uac00\u11a8"}},
		{"devanagari spacing mark", "कि", []string{"कि"}},
		{"prepend joins what follows", "\u0600١", []string{"\u0600١"}},
		{"arabic harakat", "بِسْم", []string{"بِ", "سْ", "م"}},
		{"thai", "กำไร", []string{"กำ", "ไ", "ร"}},
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

func TestGraphemeStartEnd(t *testing.T) {
	text := []rune("xe\u0301👨\u200d👩y")
	// x=0 e=1 ◌́=2 👨=3 zwj=4 👩=5 y=6
	tests := []struct{ i, start, end int }{
		{-1, 0, 1}, {0, 0, 1}, {1, 1, 3}, {2, 1, 3}, {4, 3, 6}, {5, 3, 6}, {6, 6, 7}, {7, 7, 7}, {9, 7, 7},
	}
	for _, tt := range tests {
		if got := GraphemeStart(text, tt.i); got != tt.start {
			t.Errorf("GraphemeStart(%d) = %d, want %d", tt.i, got, tt.start)
		}
		if got := GraphemeEnd(text, tt.i); got != tt.end {
			t.Errorf("GraphemeEnd(%d) = %d, want %d", tt.i, got, tt.end)
		}
	}
}

// TestExtends checks the fast path below U+0300 against uniseg and a few
// characters above it.
func TestExtends(t *testing.T) {
	for r := rune(0); r < 0x300; r++ {
		s := string([]rune{'a', r})
		if c, _, _, _ := uniseg.FirstGraphemeClusterInString(s, -1); len(c) != 1 {
			t.Fatalf("%U joins the character before it, but Extends says no", r)
		}
	}
	for _, r := range "\u0301\u093f\u200d\u200c\ufe0f🏽\U000e0067\u0e33" {
		if !Extends(r) {
			t.Errorf("Extends(%U) = false", r)
		}
	}
	for _, r := range "a中\u1161🇺\u0600😀" {
		if Extends(r) {
			t.Errorf("Extends(%U) = true", r)
		}
	}
}

// TestLongRunsStayLocal: walking a long run of marks or of emoji joined by
// ZWJs cluster by cluster costs time in proportion to the run, and a long
// run of flags is segmented into words in linear time: a look-back from each
// offset to the start of the run took minutes.
func TestLongRunsStayLocal(t *testing.T) {
	for _, unit := range []string{"\u0301", "👩\u200d", "e\u0301"} {
		text := []rune("x" + strings.Repeat(unit, 100_000))
		var got []int
		for i := 0; i < len(text); {
			i = GraphemeEnd(text, i)
			got = append(got, i)
		}
		if want := referenceBoundaries(text)[1:]; !slices.Equal(got, want) {
			t.Errorf("%q ×100,000: %d clusters, uniseg finds %d", unit, len(got), len(want))
		}
	}
	text := []rune(strings.Repeat("🇺", 200_001))
	words := Words(text)
	if len(words) != 100_001 || words[0] != (Span{0, 2}) || words[100_000] != (Span{200_000, 200_001}) {
		t.Errorf("200,001 regional indicators: %d words, first %v, last %v", len(words), words[0], words[len(words)-1])
	}
}
