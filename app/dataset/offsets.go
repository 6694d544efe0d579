package dataset

import (
	"sort"
	"unicode/utf8"
)

// remap moves code-point offsets of a raw text to the text
// storage.Normalize makes of it. Normalize removes a leading byte-order
// mark and the CR of every CRLF, and replaces everything else one for one
// (a lone CR by LF, each invalid byte by U+FFFD), so an offset moves back by
// the number of removed code points before it.
type remap struct {
	removed []int // raw code-point indices that Normalize drops, ascending
	bom     bool  // removed[0] is a byte-order mark
}

func newRemap(raw string) remap {
	var m remap
	i := 0
	for b, r := range raw {
		switch {
		case i == 0 && r == '\uFEFF':
			m.removed, m.bom = append(m.removed, 0), true
		case r == '\r' && b+1 < len(raw) && raw[b+1] == '\n':
			m.removed = append(m.removed, i)
		}
		i++
	}
	return m
}

// pos maps a raw offset. An offset at a removed code point lands where the
// next kept one went, so a span ending between CR and LF ends before the LF.
func (m remap) pos(raw int) int {
	return raw - sort.SearchInts(m.removed, raw)
}

// fromTextMode converts an offset counted the way Python's text mode reads
// a file, each CRLF one line end and a byte-order mark kept, into a raw
// offset: every CR of a CRLF at or before it moves it forward.
func (m remap) fromTextMode(off int) int {
	crs := m.removed
	if m.bom {
		crs = crs[1:]
	}
	raw := off
	for _, r := range crs {
		if r > raw {
			break
		}
		raw++
	}
	return raw
}

// runeOffsetFromUTF16 converts an offset counted in UTF-16 code units, as
// JavaScript tools count, into code points of text. It fails when the offset
// splits a surrogate pair or passes the end.
func runeOffsetFromUTF16(text string, units int) (int, bool) {
	if units < 0 {
		return 0, false
	}
	u, n := 0, 0
	for _, r := range text {
		if u >= units {
			break
		}
		u += utf16Len(r)
		n++
	}
	return n, u == units
}

// runeOffsetFromBytes converts a UTF-8 byte offset, as tools that slice Go
// or C strings count, into code points; it fails inside a character.
func runeOffsetFromBytes(text string, b int) (int, bool) {
	if b < 0 || b > len(text) || (b < len(text) && !utf8.RuneStart(text[b])) {
		return 0, false
	}
	return utf8.RuneCountInString(text[:b]), true
}

func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}
