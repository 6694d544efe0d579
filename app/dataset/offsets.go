package dataset

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"claimdesk/storage"
)

// offsetUnit is a way a tool may have counted offsets. Code points are the
// contract; the others are tried only when the file says which text a span
// covers and code points do not give that text.
type offsetUnit int

const (
	unitCodePoints offsetUnit = iota
	unitUTF16
	unitBytes
	unitSkipBOM
	unitTextMode
)

var unitNames = [...]string{
	"code points",
	"UTF-16 code units (as JavaScript counts)",
	"UTF-8 bytes",
	"code points without the byte-order mark",
	"code points with each CRLF read as one line end (as Python's text mode reads)",
}

// place checks a span against the raw text and returns its offsets in code
// points of that text, the unit they were found in, or why it does not fit.
func place(s rawSpan, raw string, rawLen int, m remap) (start, end int, unit offsetUnit, msg string) {
	switch {
	case strings.TrimSpace(s.Label) == "":
		return 0, 0, 0, fmt.Sprintf("span %d–%d has no label", s.Start, s.End)
	case s.End <= s.Start:
		return 0, 0, 0, fmt.Sprintf("span %d–%d is empty or reversed (the end must come after the start)", s.Start, s.End)
	}
	fits := s.Start >= 0 && s.End <= rawLen
	if !s.hasQuote {
		if !fits {
			return 0, 0, 0, notFit(s, rawLen)
		}
		return s.Start, s.End, unitCodePoints, ""
	}
	for u := unitCodePoints; u < offsetUnit(len(unitNames)); u++ {
		a, okA := convertOffset(raw, s.Start, u, m)
		b, okB := convertOffset(raw, s.End, u, m)
		if !okA || !okB {
			continue
		}
		if got, ok := s.textAt(raw, a, b, u, m); ok && sameQuote(got, s.quote) {
			return a, b, u, ""
		}
	}
	if !fits {
		return 0, 0, 0, notFit(s, rawLen)
	}
	got, _ := s.textAt(raw, s.Start, s.End, unitCodePoints, m)
	return 0, 0, 0, fmt.Sprintf("the quote %q does not match the text at %s, which reads %q", clip(s.quote), s.where(), clip(got))
}

// textAt is the text a span's quote must match when its offsets count in
// unit u (start and end already converted): the text from start to end
// or, for a span of several fragments, their texts in the order the file
// lists them, joined by a space, as brat writes and checks them.
func (s rawSpan) textAt(raw string, start, end int, u offsetUnit, m remap) (string, bool) {
	if len(s.frags) == 0 {
		return storage.Slice(raw, start, end)
	}
	texts := make([]string, len(s.frags))
	for i, f := range s.frags {
		a, okA := convertOffset(raw, f[0], u, m)
		b, okB := convertOffset(raw, f[1], u, m)
		if !okA || !okB {
			return "", false
		}
		var ok bool
		if texts[i], ok = storage.Slice(raw, a, b); !ok {
			return "", false
		}
	}
	return strings.Join(texts, " "), true
}

// where names a span's offsets as the file wrote them.
func (s rawSpan) where() string {
	if len(s.frags) == 0 {
		return fmt.Sprintf("%d–%d", s.Start, s.End)
	}
	parts := make([]string, len(s.frags))
	for i, f := range s.frags {
		parts[i] = fmt.Sprintf("%d–%d", f[0], f[1])
	}
	return strings.Join(parts, ";")
}

func notFit(s rawSpan, rawLen int) string {
	return fmt.Sprintf("span %d–%d %q does not fit the text (%d characters)", s.Start, s.End, s.Label, rawLen)
}

func convertOffset(raw string, off int, u offsetUnit, m remap) (int, bool) {
	switch u {
	case unitTextMode:
		return m.fromTextMode(off), len(m.removed) > 0 && !(m.bom && len(m.removed) == 1)
	case unitUTF16:
		return runeOffsetFromUTF16(raw, off)
	case unitBytes:
		return runeOffsetFromBytes(raw, off)
	case unitSkipBOM:
		return off + 1, strings.HasPrefix(raw, "\uFEFF")
	}
	return off, true
}

// sameQuote compares the quote a file gives with the text at the span.
// White space may differ: brat joins the fragments of a span with a space,
// and some tools collapse line ends in the quote.
func sameQuote(got, want string) bool {
	return got == want || strings.Join(strings.Fields(got), " ") == strings.Join(strings.Fields(want), " ")
}

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

// OffsetsMetaKey is the meta field where a doccano export with UTF-16
// offsets (what doccano's own interface counts) says so, with the value
// OffsetsUTF16. Code points, the contract, need no mark.
const (
	OffsetsMetaKey = "offsets"
	OffsetsUTF16   = "utf16"
)

// takeOffsetsUnit reports whether a record's meta marks its offsets as
// UTF-16 code units, and takes the mark out: it describes the file, not
// the article.
func takeOffsetsUnit(meta storage.Meta) bool {
	unit, ok := jsonString(meta[OffsetsMetaKey])
	if !ok || unit != OffsetsUTF16 {
		return false
	}
	delete(meta, OffsetsMetaKey)
	return true
}

// spansFromUTF16 converts spans counted in UTF-16 code units of text into
// code points; a span whose offsets split a character or pass the end is
// left out, and said why.
func spansFromUTF16(text string, spans []rawSpan) (kept []rawSpan, left []string) {
	for _, s := range spans {
		start, okStart := runeOffsetFromUTF16(text, s.Start)
		end, okEnd := runeOffsetFromUTF16(text, s.End)
		if !okStart || !okEnd {
			left = append(left, fmt.Sprintf("span %d–%d in UTF-16 units (meta.offsets) splits a character or passes the end of the text", s.Start, s.End))
			continue
		}
		s.Start, s.End = start, end
		kept = append(kept, s)
	}
	return kept, left
}
