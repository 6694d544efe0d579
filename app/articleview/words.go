package articleview

import (
	"unicode"

	"claimdesk/app/segment"
)

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
