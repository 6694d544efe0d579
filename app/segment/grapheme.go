package segment

import (
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// A character, to a reader, is an extended grapheme cluster (UAX #29): "é"
// written as e plus a combining accent, 👍🏽, 👨‍👩‍👧 and 🇺🇦 are one character
// each. Selections, tokens and words never cut one.

const zwj = '\u200d'

// isRegional reports a regional indicator; two of them make a flag.
func isRegional(r rune) bool { return r >= 0x1f1e6 && r <= 0x1f1ff }

// IsGraphemeBoundary reports whether code-point offset i of text is a
// grapheme cluster boundary. The start and the end of the text always are,
// and so is any offset outside it.
func IsGraphemeBoundary(text []rune, i int) bool { return graphemeBoundary(text, i, nil) }

// flagRun remembers a run of regional indicators text[start:end] (text[start-1]
// is none), so that boundaries asked along a long run cost linear time.
type flagRun struct{ start, end int }

// graphemeBoundary is IsGraphemeBoundary, with a flagRun kept by a caller
// that asks about offsets in increasing order (or nil).
//
// uniseg decides from the start of a text; the view asks about one offset of
// a 1 MB text. In Unicode 15.0 (uniseg v0.4.7) only two rules look further
// than the characters either side of a boundary, so every other boundary is
// decided by uniseg on those two alone: a pictograph after a ZWJ joins when
// the ZWJ follows a pictograph and its extending characters (GB11), which
// uniseg decides from that pictograph on; and regional indicators pair up
// from the start of their run (GB12, GB13), which only their count decides.
func graphemeBoundary(text []rune, i int, run *flagRun) bool {
	if i <= 0 || i >= len(text) {
		return true
	}
	a, b := text[i-1], text[i]
	switch {
	case isASCIIGraphic(a) && isASCIIGraphic(b):
		return true // the common case, decided without uniseg's tables
	case isRegional(a) && isRegional(b):
		return (i-flagRunStart(text, i-1, run))%2 == 0
	case a == zwj:
		k := i - 1
		for k > 0 && Extends(text[k]) {
			k--
		}
		return breaksAt(text, k, i)
	}
	return pairBreaks(a, b)
}

// flagRunStart returns where the run of regional indicators holding offset
// j begins, using and updating run when given.
func flagRunStart(text []rune, j int, run *flagRun) int {
	if run != nil && run.start <= j {
		for run.end <= j && isRegional(text[run.end]) {
			run.end++
		}
		if run.end > j {
			return run.start
		}
	}
	k := j
	for k > 0 && isRegional(text[k-1]) {
		k--
	}
	if run != nil {
		*run = flagRun{k, j + 1}
	}
	return k
}

// GraphemeStart returns the start of the cluster holding offset i: the
// largest boundary <= i.
func GraphemeStart(text []rune, i int) int {
	i = clamp(i, 0, len(text))
	for !IsGraphemeBoundary(text, i) {
		i--
	}
	return i
}

// GraphemeEnd returns the end of the cluster holding offset i: the smallest
// boundary > i, or len(text) when i is at or past the end.
func GraphemeEnd(text []rune, i int) int {
	if i >= len(text) {
		return len(text)
	}
	i = max(i, 0) + 1
	for !IsGraphemeBoundary(text, i) {
		i++
	}
	return i
}

// Extends reports whether r joins the cluster of the character before it
// rather than starting one: combining and spacing marks, variation
// selectors, emoji modifiers and tags, ZWJ and ZWNJ. Such characters have no
// advance of their own after a base.
func Extends(r rune) bool {
	if r < 0x300 {
		return false // nothing before the combining diacritics extends; a test checks it
	}
	return !pairBreaks('a', r)
}

// breaksAt runs uniseg from j and reports whether i > j is a boundary. j
// must be a point from which uniseg decides i as it would from the start of
// the text.
func breaksAt(text []rune, j, i int) bool {
	var stack [64]byte
	b := encode(stack[:0], text[j:i+1])
	state, p := -1, j
	for len(b) > 0 {
		var c []byte
		c, b, _, state = uniseg.FirstGraphemeCluster(b, state)
		p += utf8.RuneCount(c)
		if p >= i {
			return p == i
		}
	}
	return true
}

// pairBreaks reports whether uniseg puts a boundary between a and b when the
// two stand alone.
func pairBreaks(a, b rune) bool {
	var buf [2 * utf8.UTFMax]byte
	s, n := encodePair(&buf, a, b)
	c, _, _, _ := uniseg.FirstGraphemeCluster(s, -1)
	return len(c) == n
}

func isASCIIGraphic(r rune) bool { return r >= 0x20 && r < 0x7f }
