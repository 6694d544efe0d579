package segment

import (
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// referenceBoundaries is every grapheme cluster boundary of text, found by
// running uniseg over all of it: what the local answers must agree with.
func referenceBoundaries(text []rune) []int {
	out := []int{0}
	b := encode(nil, text)
	state, p := -1, 0
	for len(b) > 0 {
		var c []byte
		c, b, _, state = uniseg.FirstGraphemeCluster(b, state)
		p += utf8.RuneCount(c)
		out = append(out, p)
	}
	return out
}

// FuzzSegment checks the contract the view, export and search rely on:
// local grapheme answers agree with uniseg run over the whole text; words
// lie inside the text, in order, cover it and never cut a cluster; and
// WordAt finds at any offset the word Words has there.
func FuzzSegment(f *testing.F) {
	for _, s := range []string{
		"", "Trump's U.S. 3.5", "👨\u200d👩\u200d👧 🇺🇦🇺", "克里姆林宫。カタカナ", "a\u200d👩", "\u0301x", " \u0301 ",
		"ภาษาไทยกำ", "إقرأ هذا", "\u0600١ \u0e33", "🇺\u0301🇦🇺", "a.b.c. d", "x\r\n\u200d", "10\u202f000 A_カ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text := []rune(s)
		ref := referenceBoundaries(text)
		isRef := make([]bool, len(text)+1)
		for _, p := range ref {
			isRef[p] = true
		}
		for i := 0; i <= len(text); i++ {
			if got := IsGraphemeBoundary(text, i); got != isRef[i] {
				t.Fatalf("IsGraphemeBoundary(%q, %d) = %v, uniseg says %v", s, i, got, isRef[i])
			}
		}
		words := Words(text)
		at := 0
		for _, w := range words {
			if w.Start != at || w.End <= w.Start || w.End > len(text) {
				t.Fatalf("Words(%q): %v after offset %d", s, w, at)
			}
			if !isRef[w.End] {
				t.Fatalf("Words(%q): %v ends inside a grapheme cluster", s, w)
			}
			at = w.End
		}
		if at != len(text) {
			t.Fatalf("Words(%q) covers %d of %d", s, at, len(text))
		}
		// WordAt costs the length of the stretch without white space
		// around i; asking at every offset of a long stretch would make the
		// check quadratic, so long texts are sampled.
		k := 0
		for i := 0; i < len(text); i += 1 + len(text)/256 {
			for words[k].End <= i {
				k++
			}
			if got := WordAt(text, i); got != words[k] {
				t.Fatalf("WordAt(%q, %d) = %v, Words has %v", s, i, got, words[k])
			}
		}
	})
}
