package dataset

import (
	"fmt"
	"strings"
	"unicode/utf8"

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
}

// rawSpan is a span as the file wrote it.
type rawSpan struct {
	Span
	quote    string // the text the file says the span covers, if it says
	hasQuote bool
	line     int    // where the span was written; 0 means the record's line
	ref      string // how the file names it: "T3", "spans[2]"
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
	doc := Document{
		Title: cleanTitle(d.title, text), Source: d.source, Text: text,
		Meta: d.meta, Line: d.line, Normalization: norm,
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
	converted := make([]int, len(unitNames))
	seen := make(map[Span]bool, len(d.spans))
	for _, s := range d.spans {
		start, end, unit, msg := place(s, d.text, rawLen, m)
		if msg != "" {
			warn(s, "%s%s", msg, ClaimLeftOut)
			continue
		}
		span := s.Span
		span.Start, span.End = m.pos(start), m.pos(end)
		switch {
		case span.Start >= span.End:
			warn(s, "span %d–%d covers only a line end, which normalisation removes%s", s.Start, s.End, ClaimLeftOut)
		case seen[span]:
			warn(s, "same span, label and details as an earlier claim; stored once")
		default:
			seen[span] = true
			doc.Spans = append(doc.Spans, span)
			converted[unit]++
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
