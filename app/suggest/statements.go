package suggest

import (
	"context"
	"strings"
	"unicode"

	"claimdesk/app/segment"
)

// How sure the structure alone makes a candidate, before its label is
// weighed: an attributed quote is almost surely a statement; a quote that
// is a paragraph of its own continues the last speaker; reported speech is
// more often background than a claim.
const (
	confidenceAttributed = 0.95
	confidenceContinued  = 0.7
	confidenceNoSpeaker  = 0.6
	confidenceReported   = 0.75
	minQuoteWords        = 3 // shorter quotes are scare quotes ("absurd")
	maxInterruptionWords = 6 // "Quote," Kremlin spokesman Dmitry Peskov said, "quote."
)

// statement is a candidate's structure, found before it is labelled.
type statement struct {
	span      segment.Span
	context   segment.Span // the sentences around it
	speaker   string
	target    string
	cue       string
	kind      Kind
	conf      float64
	pronoun   bool // speaker is "he", "she" …, to be resolved
	continued bool // a quote standing alone: the last speaker's
}

// findStatements finds the attributed statements of text, paragraph by
// paragraph, in text order, and then names the speakers that "he" or
// "she" and quotes standing alone stand for. It stops with ctx's error
// when ctx is done, so that a 50 MiB article's search ends when the
// analyst opens another.
func findStatements(ctx context.Context, text []rune, cues *Cues) ([]statement, error) {
	var out []statement
	for lo := 0; lo < len(text); {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		hi := lineEnd(text, lo)
		if mayHoldStatement(text[lo:hi], cues) {
			out = append(out, paragraphAt(text, lo, hi, cues).statements()...)
		}
		lo = hi
		if lo < len(text) && text[lo] == '\n' {
			lo++
		}
	}
	return resolveSpeakers(out), nil
}

// maxLineRunes bounds a paragraph: a text without line breaks (a 50 MiB
// dump) is read in pieces cut after a sentence's end where one is near, so
// that the search stays cancellable and its memory small. A statement cut
// in two is lost; news paragraphs are far shorter.
const maxLineRunes = 20_000

// lineEnd returns where the paragraph starting at lo ends: at its line
// break, or where a piece of at most maxLineRunes ends.
func lineEnd(text []rune, lo int) int {
	limit := min(len(text), lo+maxLineRunes)
	for i := lo; i < limit; i++ {
		if text[i] == '\n' {
			return i
		}
	}
	if limit == len(text) {
		return limit
	}
	for i := limit - 1; i > lo+maxLineRunes/2; i-- {
		if strings.ContainsRune(".!?", text[i-1]) && unicode.IsSpace(text[i]) {
			return i
		}
	}
	return limit
}

// mayHoldStatement reports a line with a quotation mark or a cue verb:
// only such a line is cut into sentences and words (UAX #29 costs), so
// that background paragraphs cost a scan.
func mayHoldStatement(line []rune, cues *Cues) bool {
	for _, r := range line {
		if _, ok := closingMark[r]; ok {
			return true
		}
	}
	found := false
	forEachWord(line, func(_, _ int, w []byte) {
		if !found {
			_, found = cues.Verbs[string(w)]
			_, multi := cues.multiVerbs[string(w)]
			found = found || multi
		}
	})
	return found
}

// resolveSpeakers walks the statements in text order: a pronoun or a
// quote standing alone takes the last speaker named before it; a quote
// standing alone with nobody named before it is dropped.
func resolveSpeakers(ss []statement) []statement {
	lastSpeaker := ""
	kept := ss[:0]
	for _, s := range ss {
		switch {
		case s.continued && lastSpeaker == "":
			continue
		case s.continued:
			s.speaker = lastSpeaker
		case s.pronoun:
			resolvePronoun(&s, lastSpeaker)
		case s.speaker != "":
			lastSpeaker = s.speaker
		}
		kept = append(kept, s)
	}
	return kept
}

// closingMark gives each opening quotation mark the marks that close it.
var closingMark = map[rune]string{
	'"': `"`, '“': `”“`, '„': `“”`, '«': `»`, '»': `«`, '「': `」`, '『': `』`, '‹': `›`,
}

func (p *paragraph) statements() []statement {
	if len(p.words) == 0 || p.isHeadline() {
		return nil
	}
	var out []statement
	for _, group := range p.quoteGroups() {
		if s, ok := p.quoteStatement(group); ok {
			out = append(out, s)
		}
	}
	for _, sent := range p.sentences {
		if overlapsAny(sent, out) {
			continue
		}
		if s, ok := p.reportedStatement(sent); ok {
			out = append(out, s)
		}
	}
	sortStatements(out)
	return out
}

func overlapsAny(sp segment.Span, ss []statement) bool {
	for _, s := range ss {
		if sp.Start < s.span.End && s.span.Start < sp.End {
			return true
		}
	}
	return false
}

func sortStatements(ss []statement) {
	for i := 1; i < len(ss); i++ {
		for j := i; j > 0 && ss[j].span.Start < ss[j-1].span.Start; j-- {
			ss[j], ss[j-1] = ss[j-1], ss[j]
		}
	}
}

// quoteStatement attributes a group of quotes: the cue verb after it in
// its sentence (", Peskov said"), in the interruption, or before it
// ("Putin praised Trump as"), with the speaker it names; a quote that
// makes a paragraph of its own continues the last speaker.
func (p *paragraph) quoteStatement(group []segment.Span) (statement, bool) {
	first, last := group[0], group[len(group)-1]
	s := statement{kind: KindQuote, span: p.quoteContent(first.Start, last.End)}
	before := p.sentenceOf(first.Start)
	after := p.sentenceOf(last.End - 1)
	s.context = segment.Span{Start: before.Start, End: max(after.End, last.End)}
	zones := [][]word{p.outside(last.End, after.End)}
	for i := 1; i < len(group); i++ {
		zones = append(zones, p.outside(group[i-1].End, group[i].Start))
	}
	zones = append(zones, p.outside(before.Start, first.Start))
	if p.questionOutside(s.context) {
		return s, false
	}
	for zi, zone := range zones {
		nearestFirst := zi == len(zones)-1 // before the quote, the verb nearest to it
		a, ok := p.attribution(zone, nearestFirst)
		if !ok {
			continue
		}
		if a.hypothetical {
			return s, false
		}
		s.cue, s.speaker, s.target, s.pronoun = a.cue, a.speaker, a.target, a.pronoun
		s.conf = confidenceAttributed
		if s.speaker == "" {
			s.conf = confidenceNoSpeaker
		}
		return s, true
	}
	if p.onlyQuotes(s.context) {
		s.continued, s.conf = true, confidenceContinued
		return s, true
	}
	return s, false
}

// reportedStatement finds reported speech: a sentence (no quote of its
// own long enough to be a statement) whose subject says, denies, accuses
// or praises. The whole sentence is the candidate, without its full stop.
func (p *paragraph) reportedStatement(sent segment.Span) (statement, bool) {
	s := statement{kind: KindReported, context: sent}
	if p.questionOutside(sent) {
		return s, false
	}
	a, ok := p.attribution(p.outside(sent.Start, sent.End), false)
	if !ok || a.hypothetical || (a.speaker == "" && !a.pronoun) || a.subjectAfter {
		return s, false
	}
	end := sent.End
	for end > sent.Start && strings.ContainsRune(".!…", p.text[end-1]) {
		end--
	}
	s.span = segment.Span{Start: sent.Start, End: end}
	s.cue, s.speaker, s.target, s.pronoun = a.cue, a.speaker, a.target, a.pronoun
	s.conf = confidenceReported
	return s, true
}
