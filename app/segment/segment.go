// Package segment is Claimdesk's one definition of characters and words:
// Unicode UAX #29 through github.com/rivo/uniseg, with the few refinements a
// labelling tool needs, stated once here. The article view snaps selections
// with it, export cuts CoNLL tokens with it and search finds word edges with
// it, so the three never disagree. Sentences (UAX #29 with the abbreviation
// refinement in sentence.go) serve suggest; export keeps its own rule.
//
// Offsets follow the product's contract: they count Unicode code points
// (indexes into a []rune), and a span's end is exclusive.
//
// uniseg works on UTF-8 and from the start of a text; the view needs answers
// about one offset of a 1 MB text at a time. So the functions here that take
// an offset restart uniseg at the nearest point before it where a fresh start
// is known to give the same answer as a run from the start (see
// graphemeSync and wordSync), which keeps every answer local.
package segment

import "unicode/utf8"

// Span is a half-open range [Start, End) of code points.
type Span struct{ Start, End int }

// encode appends the UTF-8 form of runes to dst.
func encode(dst []byte, runes []rune) []byte {
	for _, r := range runes {
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// encodePair writes a and b to buf and returns the bytes and the length of a.
func encodePair(buf *[2 * utf8.UTFMax]byte, a, b rune) ([]byte, int) {
	n := utf8.EncodeRune(buf[:], a)
	m := utf8.EncodeRune(buf[n:], b)
	return buf[:n+m], n
}

func clamp(v, lo, hi int) int { return min(max(v, lo), hi) }
