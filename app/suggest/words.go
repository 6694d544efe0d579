package suggest

import (
	"strings"
	"unicode"

	"claimdesk/app/segment"
)

// word is a token of a stretch of text: a word as package segment defines
// it, or a single punctuation mark (which ends a speaker's name).
type word struct {
	start, end int    // code points into the article
	lower      string // folded for lookups
	capital    bool   // starts with an upper-case letter
	punct      bool   // a mark, not a word
}

// tokens splits text[lo:hi] into words and punctuation marks, leaving out
// white space.
func tokens(text []rune, lo, hi int) []word {
	segs := segment.Words(text[lo:hi])
	out := make([]word, 0, len(segs)/2+1)
	for _, s := range segs {
		start, end := s.Start+lo, s.End+lo
		r := text[start]
		if unicode.IsSpace(r) {
			continue
		}
		w := word{start: start, end: end}
		if segment.IsWordRune(r) {
			w.lower = strings.ToLower(string(text[start:end]))
			w.capital = unicode.IsUpper(r)
		} else {
			w.lower = string(text[start:end])
			w.punct = true
		}
		out = append(out, w)
	}
	return out
}
