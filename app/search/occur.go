package search

import (
	"strings"
	"unicode/utf8"
)

// occurrence finds the best contiguous occurrence of w in text: its tier and
// byte position, the first of that tier. pos is -1 when w does not occur.
func occurrence(text, w string) (tier, int) {
	p := strings.Index(text, w)
	if p < 0 {
		return tierScattered, -1
	}
	return bestOccurrence(text, w, p)
}

// bestOccurrence is occurrence given w's first occurrence p. Occurrences
// are found with strings.Index, which compares many bytes at once; as w is
// valid UTF-8, it is only ever found where a rune starts.
func bestOccurrence(text, w string, p int) (tier, int) {
	best, bestPos := tierScattered, -1
	for p >= 0 {
		t := tierInside
		if wordStartsAt(text, p) {
			if wordEndsAt(text, p+len(w)) {
				return tierWhole, p
			}
			t = tierPrefix
		}
		if t > best {
			best, bestPos = t, p
		}
		p = nextOccurrence(text, w, p+1)
	}
	return best, bestPos
}

// nextOccurrence is the position of w in text at or after from, or -1.
func nextOccurrence(text, w string, from int) int {
	if from >= len(text) {
		return -1
	}
	i := strings.Index(text[from:], w)
	if i < 0 {
		return -1
	}
	return from + i
}

func wordStartsAt(text string, p int) bool {
	if p == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:p])
	return !isWordRune(r)
}

func wordEndsAt(text string, p int) bool {
	if p == len(text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[p:])
	return !isWordRune(r)
}

// subsequence is sahilm/fuzzy's matching rule over folded text: the runes of
// w occur in text in order. fuzzy.Find scans greedily (each pattern rune is
// taken at its first occurrence after the previous one), and greedy is exact
// for subsequences, so the answers agree; the tests check it. Searching
// with IndexByte/IndexRune skips most of the text, where fuzzy.Find scores
// every rune of every candidate. Both strings are valid UTF-8, so an encoded
// rune is only ever found at a rune boundary.
func subsequence(text, w string) bool {
	return subsequenceEnd(text, w, 0) >= 0
}

// subsequenceEnd matches w greedily as a subsequence of text from byte from
// and returns where the match ends, or -1 when w is not there.
func subsequenceEnd(text, w string, from int) int {
	for _, r := range w {
		var i int
		if r < utf8.RuneSelf {
			i = strings.IndexByte(text[from:], byte(r))
		} else {
			i = strings.IndexRune(text[from:], r)
		}
		if i < 0 {
			return -1
		}
		from += i + utf8.RuneLen(r)
	}
	return from
}
