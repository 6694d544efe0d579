package search

import (
	"slices"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"
)

// Marking: what the palette emphasises in a result's quote, from the
// words' occurrences as matching finds them (match.go).

// quoteMatches marks what to emphasise in a result's quote: for each word,
// its best contiguous occurrence in the quote, or else the characters
// fuzzy.Find matched in the quote. A word found only in another field (the
// speaker, the title), or found there whole but in the quote only as
// scattered letters, marks nothing in the quote: "peskov" that matched the
// speaker must not light up a p, an e and an s across the quote.
func quoteMatches(m *matcher, r *record, quote string) []int {
	folded := r.field(fieldQuote)
	var marks []int
	clean := ""
	for i, w := range m.words {
		if _, pos := occurrence(folded, w); pos >= 0 {
			start := utf8.RuneCountInString(folded[:pos])
			for k := range utf8.RuneCountInString(w) {
				marks = append(marks, start+k)
			}
			continue
		}
		if !subsequence(folded, w) || foundWholeElsewhere(r, w) {
			continue
		}
		if clean == "" {
			clean = sanitize(quote)
		}
		for _, match := range fuzzy.Find(m.raw[i], []string{clean}) {
			marks = appendRuneIndexes(marks, clean, match.MatchedIndexes)
		}
	}
	slices.Sort(marks)
	return slices.Compact(marks)
}

// appendRuneIndexes converts ascending byte offsets of s (what fuzzy.Find
// reports) into rune indexes, the unit of Result.QuoteMatches.
func appendRuneIndexes(dst []int, s string, byteOffsets []int) []int {
	runeIndex, next := 0, 0
	for b := range s {
		if next == len(byteOffsets) {
			break
		}
		if b == byteOffsets[next] {
			dst = append(dst, runeIndex)
			next++
		}
		runeIndex++
	}
	return dst
}

// foundWholeElsewhere reports whether word occurs contiguously in a field
// of r other than the quote.
func foundWholeElsewhere(r *record, word string) bool {
	for f := fieldQuote + 1; f < numFields; f++ {
		if _, pos := occurrence(r.field(f), word); pos >= 0 {
			return true
		}
	}
	return false
}
