package articleview

import "unicode"

// Word spans drive snapping: a drag or a double-click grows to whole words.
// A word is a run of letters, digits, marks and connectors, with apostrophes
// kept inside it ("Trump's"). Han, kana and similar scripts write no spaces,
// so there each character is a word of its own rather than a whole sentence.

// isWordRune reports whether r belongs to a word.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsNumber(r) ||
		unicode.IsMark(r) || unicode.Is(unicode.Pc, r) || r == zwj || isExtend(r)
}

// isApostrophe reports the characters that join two halves of one word.
func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' }

// isIdeographic reports characters of scripts written without spaces.
func isIdeographic(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}

// inWord reports whether text[i] continues or starts a word, counting an
// apostrophe only between two word characters.
func inWord(text []rune, i int) bool {
	if i < 0 || i >= len(text) {
		return false
	}
	r := text[i]
	if isApostrophe(r) {
		return i > 0 && i+1 < len(text) && isWordRune(text[i-1]) && isWordRune(text[i+1]) &&
			!isIdeographic(text[i-1])
	}
	return isWordRune(r) && !isIdeographic(r)
}

// wordSpan returns the span that double-clicking or snapping picks for the
// character at i: its word, its run of spaces, or its grapheme cluster.
func wordSpan(text []rune, i int) (start, end int) {
	if len(text) == 0 {
		return 0, 0
	}
	i = clampInt(i, 0, len(text)-1)
	i = clusterStart(text, i)
	switch {
	case inWord(text, i):
		start, end = i, i
		for start > 0 && inWord(text, start-1) {
			start--
		}
		for end < len(text) && inWord(text, end) {
			end++
		}
	case isBlank(text[i]):
		start, end = i, i+1
		for start > 0 && isBlank(text[start-1]) {
			start--
		}
		for end < len(text) && isBlank(text[end]) {
			end++
		}
	default:
		return i, clusterEnd(text, i)
	}
	return snapBoundary(text, start, false), snapBoundary(text, end, true)
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
