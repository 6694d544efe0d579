package articleview

import (
	"unicode"

	"claimdesk/app/segment"
)

// The view's units of text: characters (grapheme clusters) and words, as
// package segment defines them, under the names the view's code uses.

// Characters are grapheme clusters, as package segment defines them; these
// are the view's names for its answers. Every offset the view hands out
// (caret, selection, hit test, line break) is a cluster boundary.

const zwj = '\u200d'

// isBoundary reports whether code-point offset i of text is a grapheme
// cluster boundary. The start and the end of the text always are.
func isBoundary(text []rune, i int) bool { return segment.IsGraphemeBoundary(text, i) }

// clusterStart returns the largest boundary <= i.
func clusterStart(text []rune, i int) int { return segment.GraphemeStart(text, i) }

// clusterEnd returns the smallest boundary > i, or len(text) when i is at
// or past the end.
func clusterEnd(text []rune, i int) int { return segment.GraphemeEnd(text, i) }

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

// isExtend reports characters that join the cluster before them and so have
// no advance of their own.
func isExtend(r rune) bool { return segment.Extends(r) }

func clampInt(v, lo, hi int) int {
	return min(max(v, lo), hi)
}

// Word spans drive snapping: a drag or a double-click grows to whole words,
// the words package segment defines, so that a selection snaps to exactly
// what CoNLL export makes a token ("Trump's", "U.S.", "3.5", 👍🏽, and each
// Han or kana character alone).

// isIdeographic reports characters of scripts written without spaces, between
// any two of which a line may break.
func isIdeographic(r rune) bool { return segment.IsUnspaced(r) }

// inWord reports whether text[i] is part of a word rather than the space or
// punctuation between words.
func inWord(text []rune, i int) bool {
	return i >= 0 && i < len(text) && segment.IsWordRune(text[i])
}

// wordSpan returns the span that double-clicking or snapping picks for the
// character at i: its word, its run of spaces, or its punctuation mark or
// emoji.
func wordSpan(text []rune, i int) (start, end int) {
	s := segment.WordAt(text, i)
	return s.Start, s.End
}

// isBlank is whitespace that stays inside a paragraph.
func isBlank(r rune) bool { return r != '\n' && unicode.IsSpace(r) }

// trimSpan drops whitespace at both ends of [start, end); a span of nothing
// but whitespace becomes empty. A space that carries a mark is a character
// of its own and stays.
func trimSpan(text []rune, start, end int) (int, int) {
	for start < end && unicode.IsSpace(text[start]) && isBoundary(text, start+1) {
		start++
	}
	for end > start && unicode.IsSpace(text[end-1]) && isBoundary(text, end-1) {
		end--
	}
	return start, end
}
