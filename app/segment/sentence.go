package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Sentences are UAX #29 sentence segments (uniseg), with one refinement and
// the white space around each left out. UAX #29 ends a sentence at a full
// stop followed by a space and a capital, which cuts "Mr. Peskov" and "the
// U.S. Senate" in two; an abbreviated title or an initialism before the
// full stop keeps the sentence going, as a reader would. A line break
// always ends a sentence (UAX #29's paragraph separators).

// Sentences splits text into sentences, in order, without the white space
// between them. An empty or all-blank text has none.
func Sentences(text []rune) []Span {
	var out []Span
	buf := encode(make([]byte, 0, len(text)), text)
	state, at, start := -1, 0, -1
	for len(buf) > 0 {
		var seg []byte
		seg, buf, state = uniseg.FirstSentence(buf, state)
		end := at + utf8.RuneCount(seg)
		if start < 0 {
			start = at
		}
		if len(buf) == 0 || !abbreviationEnds(text[start:end]) {
			if s, ok := trimSpace(text, start, end); ok {
				out = append(out, s)
			}
			start = -1
		}
		at = end
	}
	return out
}

// abbreviationEnds reports whether sentence ends in an abbreviated title
// or an initialism followed by spaces (no line break), after which UAX #29
// broke only because a capital follows.
func abbreviationEnds(sentence []rune) bool {
	e := len(sentence)
	for e > 0 && unicode.IsSpace(sentence[e-1]) {
		if sentence[e-1] == '\n' || sentence[e-1] == '\u2029' {
			return false
		}
		e--
	}
	if e == 0 || sentence[e-1] != '.' {
		return false
	}
	w := e - 1
	for w > 0 && !unicode.IsSpace(sentence[w-1]) {
		w--
	}
	word := string(sentence[w : e-1])
	if strings.Contains(word, ".") || utf8.RuneCountInString(word) == 1 {
		return true // U.S. or a middle initial
	}
	return titleAbbreviations[strings.ToLower(word)]
}

var titleAbbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "jr": true,
	"sr": true, "gen": true, "sen": true, "rep": true, "gov": true, "lt": true, "col": true,
	"capt": true, "sgt": true, "rev": true, "pres": true, "amb": true,
}

// trimSpace narrows text[start:end] to leave out white space at its ends.
func trimSpace(text []rune, start, end int) (Span, bool) {
	for start < end && unicode.IsSpace(text[start]) {
		start++
	}
	for end > start && unicode.IsSpace(text[end-1]) {
		end--
	}
	return Span{start, end}, end > start
}
