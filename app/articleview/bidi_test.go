package articleview

import (
	"slices"
	"strings"
	"testing"
)

// Hebrew letters stand in for right-to-left text in the tables: one code
// point, one glyph, no joining. "א" etc. below.

func TestParagraphLevels(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		base   uint8
		levels string // one digit per rune
	}{
		{"latin", "ab c", 0, "0000"},
		{"hebrew", "אב ג", 1, "1111"},
		{"seed arabic line", "إقرأ هذا W460", 1, "1111111112222"},
		{"rtl in ltr", "ab אב cd", 0, "00011000"},
		{"number after rtl in ltr", "x א 12 b", 0, "00112200"},
		{"number after latin stays", "a 12 א", 0, "000001"},
		{"decimal inside rtl", "א 1.5", 1, "11222"},
		{"trailing neutral takes paragraph dir", "אב!", 1, "111"},
		{"neutral between directions", "ab !אב", 0, "000011"},
		{"mark follows base", "אְb", 1, "112"},
		{"arabic number", "a ١٢", 0, "0022"},
		{"european after arabic letter is arabic", "ب 12", 1, "1122"},
		{"rlm makes paragraph rtl", "\u200fab", 1, "122"},
		{"no strong is ltr", "12 !", 0, "0000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, levels := paragraphLevels([]rune(tt.in))
			var got strings.Builder
			for _, l := range levels {
				got.WriteByte('0' + l)
			}
			if base != tt.base || got.String() != tt.levels {
				t.Errorf("paragraphLevels(%q) = %d %s, want %d %s", tt.in, base, got.String(), tt.base, tt.levels)
			}
		})
	}
}

// visualText returns the line as a reader sees it, left to right:
// right-to-left runs reversed.
func visualText(text []rune, runs []run) string {
	var b strings.Builder
	for _, r := range runs {
		part := slices.Clone(text[r.start:r.end])
		if r.rtl {
			slices.Reverse(part)
		}
		b.WriteString(string(part))
	}
	return b.String()
}

func TestLineRunsVisualOrder(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"abc", "abc"},
		{"אבג דה", "הד גבא"},
		{"ab אב גד cd", "ab דג בא cd"},
		{"אב 12 גד", "דג 12 בא"},
		{"אב cd ef", "cd ef בא"},
		{"ab אב 12 גד x", "ab דג 12 בא x"},
	}
	for _, tt := range tests {
		text := []rune(tt.in)
		b := &paraBidi{}
		if hasRTL(text) {
			b.base, b.levels = paragraphLevels(text)
		}
		if got := visualText(text, lineRuns(text, 0, len(text), 0, b)); got != tt.want {
			t.Errorf("visual(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLineRunsOnePartOfParagraph(t *testing.T) {
	// A wrapped line reorders only its own runs, with the paragraph's levels.
	text := []rune("ab אב גד cd")
	b := &paraBidi{}
	b.base, b.levels = paragraphLevels(text)
	if got := visualText(text, lineRuns(text, 3, 8, 0, b)); got != "דג בא" {
		t.Errorf("second line visual = %q", got)
	}
	if runs := lineRuns(text, 4, 4, 0, b); runs != nil {
		t.Errorf("empty line has runs %v", runs)
	}
}

func TestHasRTL(t *testing.T) {
	for in, want := range map[string]bool{"abc 中文 é": false, "aא": true, "إقرأ": true, "a\u200f": true, "": false} {
		if got := hasRTL([]rune(in)); got != want {
			t.Errorf("hasRTL(%q) = %v", in, got)
		}
	}
}
