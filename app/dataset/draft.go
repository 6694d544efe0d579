package dataset

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"claimdesk/app/segment"
	"claimdesk/storage"
)

// draft is a record on its way to becoming a Document: the raw text as the
// file holds it, and spans whose offsets count code points of that raw text.
type draft struct {
	file, source string
	line         int
	title, text  string
	meta         storage.Meta
	spans        []rawSpan
	bomConsumed  bool // a byte-order mark was removed while decoding the file
	spansLeftOut int  // spans the file holds that could not be read
}

// rawSpan is a span as the file wrote it.
type rawSpan struct {
	Span
	quote    string // the text the file says the span covers, if it says
	hasQuote bool
	line     int    // where the span was written; 0 means the record's line
	ref      string // how the file names it: "T3", "spans[2]"
	// frags are a brat span's fragments as the file lists them, when it
	// has more than one: its quote is their texts joined by a space.
	frags [][2]int
	// triple is set for doccano's [start, end, "label"], which has no room
	// for details; meta.claims supplies them (applyMetaClaims).
	triple bool
}

// finish normalises the text, checks every span against it and moves the
// offsets to the normalised text. A span that does not fit is reported and
// dropped; the error, a Problem, means the record has no text at all.
func (d draft) finish() (Document, []Problem, error) {
	text, norm := storage.Normalize(d.text)
	norm.RemovedBOM = norm.RemovedBOM || d.bomConsumed
	if strings.TrimSpace(text) == "" {
		return Document{}, nil, Problem{File: d.file, Line: d.line, Message: "no text"}
	}
	if i := strings.IndexByte(text, 0); i >= 0 {
		// Only a JSON \u0000 gets here: files holding NUL bytes are refused
		// as binary (checkText), and a text must not differ by its source.
		return Document{}, nil, Problem{File: d.file, Line: d.line, Message: fmt.Sprintf(
			"the text holds a NUL character (\\u0000) at character %d; text never holds NUL, so the record is refused", storage.RuneLen(text[:i]))}
	}
	doc := Document{
		Title: cleanTitle(d.title, text), Source: d.source, Text: text,
		Meta: d.meta, Line: d.line, Normalization: norm, SpansLeftOut: d.spansLeftOut,
	}
	if doc.Source == "" {
		doc.Source = d.file
	}
	var problems []Problem
	warn := func(s rawSpan, format string, args ...any) {
		line := s.line
		if line == 0 {
			line = d.line
		}
		problems = append(problems, Problem{File: d.file, Line: line, Message: s.ref + ": " + fmt.Sprintf(format, args...), Warning: true})
	}
	rawLen := utf8.RuneCountInString(d.text)
	m := newRemap(d.text)
	var runes []rune // of text, made for the first span
	converted := make([]int, len(unitNames))
	seen := make(map[Span]bool, len(d.spans))
	for _, s := range d.spans {
		start, end, unit, msg := place(s, d.text, rawLen, m)
		if msg != "" {
			warn(s, "%s%s", msg, ClaimLeftOut)
			doc.SpansLeftOut++
			continue
		}
		span := s.Span
		span.Start, span.End = m.pos(start), m.pos(end)
		switch {
		case span.Start >= span.End:
			warn(s, "span %d–%d covers only a line end, which normalisation removes%s", s.Start, s.End, ClaimLeftOut)
			doc.SpansLeftOut++
		case seen[span]:
			warn(s, "same span, label and details as an earlier claim; stored once")
		default:
			seen[span] = true
			doc.Spans = append(doc.Spans, span)
			converted[unit]++
			if runes == nil {
				runes = []rune(text)
			}
			if how, character := cutCharacter(runes, span); how != "" {
				warn(s, "span %d–%d %s the character %q (one character of several code points); kept as the file gives it", s.Start, s.End, how, character)
			}
		}
	}
	for unit := unitUTF16; unit < offsetUnit(len(unitNames)); unit++ {
		if n := converted[unit]; n > 0 {
			problems = append(problems, Problem{File: d.file, Line: d.line, Warning: true,
				Message: fmt.Sprintf("%s counted offsets in %s; converted to code points", storage.Plural(n, "span"), unitNames[unit])})
		}
	}
	return doc, problems, nil
}

// cutCharacter says how a span cuts a character of several code points
// (e plus a combining accent, 👩‍💻, a flag): "starts inside" or "ends
// inside" and the character, or "" when it does not. Such a span is kept
// as the file gives it: the analyst sees where it cuts and can fit it in
// the window.
func cutCharacter(text []rune, s Span) (how, character string) {
	for _, edge := range []struct {
		at  int
		how string
	}{{s.Start, "starts inside"}, {s.End, "ends inside"}} {
		if !segment.IsGraphemeBoundary(text, edge.at) {
			return edge.how, string(text[segment.GraphemeStart(text, edge.at):segment.GraphemeEnd(text, edge.at)])
		}
	}
	return "", ""
}

// cleanTitle puts a title on one line; without one, the text's first line
// serves, as for a plain text file.
func cleanTitle(title, text string) string {
	title = strings.Join(strings.Fields(title), " ")
	if title == "" {
		return storage.TitleFromText(text)
	}
	if r := []rune(title); len(r) > 200 {
		return string(r[:200]) + "…"
	}
	return title
}
