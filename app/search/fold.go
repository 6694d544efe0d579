package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"claimdesk/app/segment"
)

// foldRune maps r to one member of its simple case-folding orbit (the set
// unicode.SimpleFold cycles through). sahilm/fuzzy compares runes with an
// equalFold that tests exactly "same orbit", so comparing folded runes with ==
// decides the same thing. The member chosen is the lower-case ASCII letter
// when the orbit has one (so K, k and the Kelvin sign all become k), else the
// smallest rune of the orbit.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		least = min(least, f)
	}
	if 'A' <= least && least <= 'Z' {
		return least + 'a' - 'A'
	}
	return least
}

// cleanRune is how a candidate text stores r: sahilm/fuzzy stops reading a
// string at its first NUL, so a NUL becomes a space and the rest of the field
// stays searchable.
func cleanRune(r rune) rune {
	if r == 0 {
		return ' '
	}
	return r
}

// sanitize returns s with each invalid UTF-8 byte replaced by U+FFFD and NUL
// by a space. Rune by rune it reads as s does (Go and sahilm/fuzzy both count
// an invalid byte as one U+FFFD), so rune indexes into it are indexes into s.
func sanitize(s string) string {
	if utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(cleanRune(r))
	}
	return b.String()
}

// appendFolded appends the folded, sanitised s to dst.
func appendFolded(dst []byte, s string) []byte {
	dst, _ = appendFoldedMask(dst, s)
	return dst
}

// appendFoldedMask is appendFolded that also returns the runeBit of every
// rune it appended: a search over the stored claims folds every one of
// them, and rules most out by that mask alone. ASCII, nearly all of most
// text, is folded a byte at a time.
func appendFoldedMask(dst []byte, s string) (_ []byte, mask uint64) {
	dst = slices.Grow(dst, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return appendFoldedRunes(dst, s[i:], mask)
		}
		f := asciiFolded[c]
		dst = append(dst, f)
		mask |= asciiBits[f]
	}
	return dst, mask
}

// asciiFolded is foldRune(cleanRune(c)) of each ASCII byte.
var asciiFolded = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		t[c] = byte(foldRune(cleanRune(rune(c))))
	}
	return t
}()

// appendFoldedRunes is appendFoldedMask rune by rune, adding to mask.
func appendFoldedRunes(dst []byte, s string, mask uint64) ([]byte, uint64) {
	for _, r := range s {
		f := foldRune(cleanRune(r))
		dst = utf8.AppendRune(dst, f)
		mask |= runeBit(f)
	}
	return dst, mask
}

// foldWord folds a query word rune by rune, as sahilm/fuzzy reads a pattern
// ([]rune(pattern), an invalid byte being U+FFFD). ok is false when the word
// holds a NUL: fuzzy.Find never matches such a pattern, since it never reads
// past a NUL of a candidate.
func foldWord(w string) (folded string, mask uint64, ok bool) {
	b := make([]byte, 0, len(w))
	for _, r := range w {
		if r == 0 {
			return "", 0, false
		}
		f := foldRune(r)
		b = utf8.AppendRune(b, f)
		mask |= runeBit(f)
	}
	return string(b), mask, true
}

// foldText folds s for comparisons that are not fuzzy (filter values, which
// may hold anything the user typed).
func foldText(s string) string {
	return string(appendFolded(make([]byte, 0, len(s)), s))
}

// runeBit is the bit of a folded rune in a candidate's mask: one bit for each
// ASCII letter and digit, the remaining 28 shared by all other runes. A
// candidate whose mask lacks a bit of a word cannot hold that word.
func runeBit(r rune) uint64 {
	if r < utf8.RuneSelf {
		return asciiBits[r]
	}
	return otherRuneBit(r)
}

// asciiBits is runeBit of each ASCII rune.
var asciiBits = func() (t [utf8.RuneSelf]uint64) {
	for r := range t {
		t[r] = otherRuneBit(rune(r))
	}
	return t
}()

// otherRuneBit is runeBit worked out.
func otherRuneBit(r rune) uint64 {
	switch {
	case 'a' <= r && r <= 'z':
		return 1 << uint(r-'a')
	case '0' <= r && r <= '9':
		return 1 << uint(26+r-'0')
	default:
		return 1 << uint(36+uint32(r)%28)
	}
}

// exactBit reports whether a folded byte has a runeBit of its own, so that
// a mask answers for it exactly.
func exactBit(b byte) bool {
	return 'a' <= b && b <= 'z' || '0' <= b && b <= '9'
}

// isWordRune tells the runes that make up words, so that "whole word" and
// "start of a word" mean the same in every script, and the same as in the
// article view and the CoNLL export: package segment's rule, per rune.
func isWordRune(r rune) bool { return segment.IsWordRune(r) }
