package articleview

import "unicode"

// Grapheme cluster boundaries, after UAX #29 (extended grapheme clusters),
// decided locally from the runes around an offset so that the view can snap
// any offset in a 1 MB text without segmenting it from the start.
//
// Covered: CR LF, controls, combining and spacing marks, ZWJ and ZWNJ,
// variation selectors, emoji modifiers and tag sequences, emoji ZWJ
// sequences, regional-indicator pairs (flags) and Hangul syllable sequences.
// Not covered: Prepend characters (a handful of Brahmic and Arabic signs
// that attach to the following character); they become their own cluster,
// which can split such a sequence but never corrupts an offset.

// isBoundary reports whether code-point offset i of text is a grapheme
// cluster boundary. The start and the end of the text always are.
func isBoundary(text []rune, i int) bool {
	if i <= 0 || i >= len(text) {
		return true
	}
	a, b := text[i-1], text[i]
	if a >= 0x20 && a < 0x7f && b >= 0x20 && b < 0x7f { // printable ASCII
		return true
	}
	if a == '\r' && b == '\n' {
		return false
	}
	if isControl(a) || isControl(b) {
		return true
	}
	if hangulJoins(a, b) {
		return false
	}
	if isExtend(b) || b == zwj {
		return false
	}
	if a == zwj && isPictographic(b) && pictographBeforeZWJ(text, i-1) {
		return false
	}
	if isRegional(a) && isRegional(b) {
		n := 0
		for j := i - 1; j >= 0 && isRegional(text[j]); j-- {
			n++
		}
		return n%2 == 0
	}
	return true
}

// clusterStart returns the largest boundary <= i.
func clusterStart(text []rune, i int) int {
	i = clampInt(i, 0, len(text))
	for !isBoundary(text, i) {
		i--
	}
	return i
}

// clusterEnd returns the smallest boundary > i, or len(text) when i is at
// or past the end.
func clusterEnd(text []rune, i int) int {
	if i >= len(text) {
		return len(text)
	}
	i = max(i, 0) + 1
	for !isBoundary(text, i) {
		i++
	}
	return i
}

// snapBoundary moves i to the nearest boundary on the side given: back to
// the cluster start, or forward to the next boundary when i is inside one.
func snapBoundary(text []rune, i int, forward bool) int {
	i = clampInt(i, 0, len(text))
	if isBoundary(text, i) {
		return i
	}
	if forward {
		return clusterEnd(text, i)
	}
	return clusterStart(text, i)
}

const zwj = '\u200d'

func isControl(r rune) bool {
	switch {
	case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
		return true
	case r == zwj || r == '\u200c':
		return false
	case r >= 0xe0020 && r <= 0xe007f: // tag characters extend emoji flags
		return false
	}
	return unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r)
}

// isExtend covers Grapheme_Extend and SpacingMark: characters that never
// start a cluster of their own after another character.
func isExtend(r rune) bool {
	switch {
	case r < 0x300:
		return false
	case r == '\u200c':
		return true
	case r >= 0xfe00 && r <= 0xfe0f, r >= 0xe0100 && r <= 0xe01ef: // variation selectors
		return true
	case r >= 0x1f3fb && r <= 0x1f3ff: // emoji skin-tone modifiers
		return true
	case r >= 0xe0020 && r <= 0xe007f:
		return true
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc)
}

func isRegional(r rune) bool { return r >= 0x1f1e6 && r <= 0x1f1ff }

// isPictographic approximates Extended_Pictographic by the emoji blocks.
func isPictographic(r rune) bool {
	switch {
	case r == 0xa9 || r == 0xae || r == 0x203c || r == 0x2049 || r == 0x2122 || r == 0x2139:
		return true
	case r >= 0x2194 && r <= 0x21aa, r >= 0x2300 && r <= 0x23ff, r >= 0x25aa && r <= 0x27bf:
		return true
	case r >= 0x2934 && r <= 0x2935, r >= 0x2b05 && r <= 0x2b55, r == 0x3030 || r == 0x303d:
		return true
	case r >= 0x1f000 && r <= 0x1fffd:
		return !isRegional(r) && !(r >= 0x1f3fb && r <= 0x1f3ff)
	}
	return false
}

// pictographBeforeZWJ reports whether the ZWJ at z follows a pictograph,
// possibly with extending characters (modifiers, selectors) in between.
func pictographBeforeZWJ(text []rune, z int) bool {
	for j := z - 1; j >= 0; j-- {
		if isExtend(text[j]) {
			continue
		}
		return isPictographic(text[j])
	}
	return false
}

// Hangul syllable types for the conjoining-jamo rules GB6–GB8.
const (
	hangulNone = iota
	hangulL
	hangulV
	hangulT
	hangulLV
	hangulLVT
)

func hangulType(r rune) int {
	switch {
	case r >= 0x1100 && r <= 0x115f, r >= 0xa960 && r <= 0xa97c:
		return hangulL
	case r >= 0x1160 && r <= 0x11a7, r >= 0xd7b0 && r <= 0xd7c6:
		return hangulV
	case r >= 0x11a8 && r <= 0x11ff, r >= 0xd7cb && r <= 0xd7fb:
		return hangulT
	case r >= 0xac00 && r <= 0xd7a3:
		if (r-0xac00)%28 == 0 {
			return hangulLV
		}
		return hangulLVT
	}
	return hangulNone
}

func hangulJoins(a, b rune) bool {
	ta, tb := hangulType(a), hangulType(b)
	switch ta {
	case hangulL:
		return tb == hangulL || tb == hangulV || tb == hangulLV || tb == hangulLVT
	case hangulLV, hangulV:
		return tb == hangulV || tb == hangulT
	case hangulLVT, hangulT:
		return tb == hangulT
	}
	return false
}

func clampInt(v, lo, hi int) int {
	return min(max(v, lo), hi)
}
