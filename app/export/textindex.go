package export

import (
	"strings"
	"unicode/utf16"

	"claimdesk/storage"
)

// textIndex is storage's code-point index of one article text, built
// once per article by an export, with the UTF-16 offsets Label Studio
// needs, made on first use.
type textIndex struct {
	*storage.TextIndex
	// units is the UTF-16 offset of every code point, plus the end, built on
	// the first call of utf16At; nil when every code point is one unit.
	units     []int32
	unitsMade bool
}

func newTextIndex(text string) *textIndex {
	return &textIndex{TextIndex: storage.NewTextIndex(text)}
}

// utf16At is code point r's offset in UTF-16 code units, as JavaScript
// counts: a code point outside the Basic Multilingual Plane (most emoji,
// rarer CJK) takes two. r must be in [0, n].
func (x *textIndex) utf16At(r int) int {
	if !x.unitsMade {
		x.units, x.unitsMade = utf16Offsets(x.Text(), x.Len()), true
	}
	if x.units == nil {
		return r
	}
	return int(x.units[r])
}

// utf16Offsets is the table utf16At reads; nil when text has no code point
// that takes two units, which is most texts.
func utf16Offsets(text string, n int) []int32 {
	if !strings.ContainsFunc(text, func(r rune) bool { return utf16.RuneLen(r) == 2 }) {
		return nil
	}
	units := make([]int32, 0, n+1)
	u := int32(0)
	for _, r := range text {
		units = append(units, u)
		// Ranging over a string never yields a surrogate or an invalid rune
		// (bad bytes come as U+FFFD), so RuneLen is 1 or 2.
		u += int32(utf16.RuneLen(r))
	}
	return append(units, u)
}
