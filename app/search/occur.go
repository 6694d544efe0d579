package search

import (
	"strings"
	"unicode/utf8"
)

// occurrence finds the best contiguous occurrence of w in text: its tier and
// byte position, the first of that tier. pos is -1 when w does not occur.
func occurrence(text, w string) (tier, int) {
	p := index(text, w, 0)
	if p < 0 {
		return tierScattered, -1
	}
	return bestOccurrence(text, w, p)
}

// bestOccurrence is occurrence given w's first occurrence p. As w is valid
// UTF-8, it is only ever found where a rune starts.
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
	return index(text, w, from)
}

// window is the length of text index hands to strings.Index at a time.
const window = 64

// index is strings.Index(text[from:], w) + from, or -1. On a long text,
// strings.Index hops from one occurrence of w's first byte to the next,
// which is slow when that byte is a common letter; on a text of up to 64
// bytes (amd64) it compares many offsets at once instead. So index skips to
// the first byte once, then searches windows of 64 bytes that overlap by
// len(w)-1, so no occurrence falls between two. That halves the cost of
// short common words, the ones typed first.
func index(text, w string, from int) int {
	if len(w) >= window/2 {
		if i := strings.Index(text[from:], w); i >= 0 {
			return from + i
		}
		return -1
	}
	i := strings.IndexByte(text[from:], w[0])
	if i < 0 {
		return -1
	}
	step := window - len(w) + 1
	for lo := from + i; lo < len(text); lo += step {
		hi := min(lo+window, len(text))
		if i := strings.Index(text[lo:hi], w); i >= 0 {
			return lo + i
		}
		if hi == len(text) {
			break
		}
	}
	return -1
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
