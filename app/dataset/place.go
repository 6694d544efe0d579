package dataset

import (
	"fmt"
	"strings"

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
		if got, ok := storage.Slice(raw, a, b); ok && sameQuote(got, s.quote) {
			return a, b, u, ""
		}
	}
	if !fits {
		return 0, 0, 0, notFit(s, rawLen)
	}
	got, _ := storage.Slice(raw, s.Start, s.End)
	return 0, 0, 0, fmt.Sprintf("the quote %q does not match the text at %d–%d, which reads %q", clip(s.quote), s.Start, s.End, clip(got))
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

// clip shortens a quote for a message.
func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}
