package suggest

import (
	"context"
	"strings"
	"unicode"

	"claimdesk/app/segment"
)

// Candidate is a claim the article most likely holds, not yet accepted:
// the span [Start, End) of the statement in code points, who made it,
// about whom where that is evident, a suggested label and a score in
// [0, 1] (how likely this is a claim with that label).
type Candidate struct {
	Start   int     `json:"start"`
	End     int     `json:"end"`
	Quote   string  `json:"quote"`
	Label   string  `json:"label"`
	Score   float64 `json:"score"`
	Speaker string  `json:"speaker"`
	Target  string  `json:"target"`
	// Cue is the speech or stance verb that governs the statement.
	Cue string `json:"cue,omitempty"`
	// Kind says how it was found: KindQuote, KindReported or KindPropagated.
	Kind Kind `json:"kind"`
	// FromClaim is the labelled claim a propagated candidate repeats.
	FromClaim uint64 `json:"from_claim,omitempty"`
}

// Kind says how a candidate was found.
type Kind string

// The ways a candidate is found.
const (
	KindQuote      Kind = "quote"      // a quoted passage with its attribution
	KindReported   Kind = "reported"   // a sentence governed by a speech or stance verb
	KindPropagated Kind = "propagated" // a claim labelled elsewhere, syndicated here
)

// Above returns the candidates scored at least minScore, in order: what
// "accept all above score S" accepts, as one undoable step.
func Above(cands []Candidate, minScore float64) []Candidate {
	var out []Candidate
	for _, c := range cands {
		if c.Score >= minScore {
			out = append(out, c)
		}
	}
	return out
}

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

// paragraph is one line of an article, cut into sentences, quotes and words.
type paragraph struct {
	text      []rune
	lo, hi    int
	cues      *Cues
	sentences []segment.Span
	quotes    []segment.Span // each quote's marks included
	words     []word
}

func paragraphAt(text []rune, lo, hi int, cues *Cues) *paragraph {
	p := &paragraph{text: text, lo: lo, hi: hi, cues: cues}
	for _, s := range segment.Sentences(text[lo:hi]) {
		p.sentences = append(p.sentences, segment.Span{Start: s.Start + lo, End: s.End + lo})
	}
	p.quotes = findQuotes(text, lo, hi)
	if len(p.sentences) > 0 {
		p.words = tokens(text, lo, hi)
	}
	return p
}

// closingMark gives each opening quotation mark the marks that close it.
var closingMark = map[rune]string{
	'"': `"`, '“': `”“`, '„': `“”`, '«': `»`, '»': `«`, '「': `」`, '『': `』`, '‹': `›`,
}

// findQuotes pairs the quotation marks of text[lo:hi] (one paragraph):
// each opening mark with the next mark that closes it. An unclosed mark
// quotes nothing.
func findQuotes(text []rune, lo, hi int) []segment.Span {
	var out []segment.Span
	for i := lo; i < hi; i++ {
		closers, ok := closingMark[text[i]]
		if !ok {
			continue
		}
		j := i + 1
		for j < hi && !strings.ContainsRune(closers, text[j]) {
			j++
		}
		if j == hi {
			return out
		}
		out = append(out, segment.Span{Start: i, End: j + 1})
		i = j
	}
	return out
}

// isHeadline reports a paragraph that is a title: no sentence-ending mark.
func (p *paragraph) isHeadline() bool {
	e := p.hi
	for e > p.lo && unicode.IsSpace(p.text[e-1]) {
		e--
	}
	return e > p.lo && !strings.ContainsRune(`.!?…"”»’'؟。！？)`, p.text[e-1])
}

// inQuote reports whether offset i lies inside one of the paragraph's quotes.
func (p *paragraph) inQuote(i int) bool {
	for _, q := range p.quotes {
		if i >= q.Start && i < q.End {
			return true
		}
	}
	return false
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

// quoteGroups joins a quote interrupted by its attribution ("A," he said,
// "B.") and leaves every other quote alone. Quotes too short to be a
// statement are dropped.
func (p *paragraph) quoteGroups() [][]segment.Span {
	var groups [][]segment.Span
	for _, q := range p.quotes {
		if n := len(groups); n > 0 && p.interrupts(groups[n-1][len(groups[n-1])-1], q) {
			groups[n-1] = append(groups[n-1], q)
			continue
		}
		groups = append(groups, []segment.Span{q})
	}
	kept := groups[:0]
	for _, g := range groups {
		if p.wordCount(g[0].Start+1, g[len(g)-1].End-1) >= minQuoteWords {
			kept = append(kept, g)
		}
	}
	return kept
}

// interrupts reports whether the words between quotes a and b are a short
// attribution after which the first quote goes on: a cue verb, and a comma
// or colon just before b opens.
func (p *paragraph) interrupts(a, b segment.Span) bool {
	gap := p.wordsIn(a.End, b.Start)
	if len(gap) == 0 || len(gap) > maxInterruptionWords+1 {
		return false
	}
	last := gap[len(gap)-1]
	if !last.punct || (last.lower != "," && last.lower != ":") {
		return false
	}
	for i := range gap {
		if v, _ := p.cues.verbAt(gap, i); v != "" {
			return true
		}
	}
	return false
}

// wordsIn returns the paragraph's tokens inside [start, end).
func (p *paragraph) wordsIn(start, end int) []word {
	i := 0
	for i < len(p.words) && p.words[i].start < start {
		i++
	}
	j := i
	for j < len(p.words) && p.words[j].end <= end {
		j++
	}
	return p.words[i:j]
}

func (p *paragraph) wordCount(start, end int) int {
	n := 0
	for _, w := range p.wordsIn(start, end) {
		if !w.punct {
			n++
		}
	}
	return n
}

// sentenceOf returns the sentence holding offset i (or the nearest one).
func (p *paragraph) sentenceOf(i int) segment.Span {
	for _, s := range p.sentences {
		if i < s.End {
			return s
		}
	}
	return p.sentences[len(p.sentences)-1]
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

// quoteContent is the text between the outer quotation marks, without the
// white space and the comma that only join it to its attribution.
func (p *paragraph) quoteContent(open, closeEnd int) segment.Span {
	start, end := open+1, closeEnd-1
	for start < end && unicode.IsSpace(p.text[start]) {
		start++
	}
	for end > start && (unicode.IsSpace(p.text[end-1]) || p.text[end-1] == ',') {
		end--
	}
	return segment.Span{Start: start, End: end}
}

// outside returns the tokens of [start, end) that are in no quote.
func (p *paragraph) outside(start, end int) []word {
	var out []word
	for _, w := range p.wordsIn(start, end) {
		if !p.inQuote(w.start) {
			out = append(out, w)
		}
	}
	return out
}

// questionOutside reports a sentence asked, not stated: its own question
// mark, outside any quote, ends it.
func (p *paragraph) questionOutside(sent segment.Span) bool {
	e := sent.End
	for e > sent.Start && (unicode.IsSpace(p.text[e-1]) || strings.ContainsRune(`"”»’)`, p.text[e-1])) {
		if p.text[e-1] != ' ' && p.inQuote(e-1) {
			return false
		}
		e--
	}
	return e > sent.Start && strings.ContainsRune("?؟？", p.text[e-1]) && !p.inQuote(e-1)
}

// onlyQuotes reports sentences whose words all stand inside quotes: a
// quote standing alone, which goes on with the last speaker's words.
func (p *paragraph) onlyQuotes(sent segment.Span) bool {
	for _, w := range p.wordsIn(sent.Start, sent.End) {
		if !w.punct && !p.inQuote(w.start) {
			return false
		}
	}
	return true
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

// resolvePronoun gives "he" or "she" the last named speaker; "they" and
// "it" are left unnamed, since the last speaker is seldom what they mean.
func resolvePronoun(s *statement, lastSpeaker string) {
	if !s.pronoun {
		return
	}
	if (s.speaker == "he" || s.speaker == "she") && lastSpeaker != "" {
		s.speaker = lastSpeaker
		return
	}
	s.speaker = ""
	s.conf = min(s.conf, confidenceNoSpeaker)
}

// attributionFound is a cue verb with the speaker and target it names.
type attributionFound struct {
	cue, speaker, target  string
	pronoun, hypothetical bool
	subjectAfter          bool // "said Peskov"
}

// attribution finds the cue verb of a zone (the words of a sentence
// outside its quotes) and its subject: the name before the verb, or after
// it ("said Peskov"). nearestLast scans from the end, for the words
// before a quote, where the verb nearest to the quote governs it.
func (p *paragraph) attribution(zone []word, nearestLast bool) (attributionFound, bool) {
	var fallback attributionFound
	found := false
	for k := range zone {
		i := k
		if nearestLast {
			i = len(zone) - 1 - k
		}
		if zone[i].punct {
			continue
		}
		cue, n := p.cues.verbAt(zone, i)
		if cue == "" {
			continue
		}
		a := attributionFound{cue: cue}
		a.hypothetical = p.hypotheticalBefore(zone, i)
		a.speaker, a.pronoun = p.subjectBefore(zone, i)
		if a.speaker == "" && !a.pronoun {
			a.speaker, a.pronoun = p.subjectAfter(zone[min(i+n, len(zone)):])
			a.subjectAfter = a.speaker != "" || a.pronoun
		} else if p.cues.Verbs[cue] != "" {
			a.target, _ = nounPhrase(skipDeterminers(zone[min(i+n, len(zone)):], p.cues), p.cues, p.text)
		}
		if a.speaker != "" || a.pronoun {
			return a, true
		}
		if !found {
			fallback, found = a, true
		}
	}
	return fallback, found
}

// hypotheticalBefore reports "if", "would", "could" … among the three
// words before the verb at i: a statement imagined, not made.
func (p *paragraph) hypotheticalBefore(zone []word, i int) bool {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		if zone[j].punct {
			break
		}
		if p.cues.hypothetical[zone[j].lower] {
			return true
		}
	}
	return false
}

// subjectBefore walks back from the verb at i over time words and
// auxiliaries ("on Wednesday", "has repeatedly") to the name before them:
// capitalised words and titles ("Kremlin spokesman Dmitry Peskov"), and
// lower-case words before those when they reach back to the start of the
// clause ("opposition leader Marta Ruiz", after a comma).
func (p *paragraph) subjectBefore(zone []word, i int) (string, bool) {
	j := i - 1
	for skipped := 0; j >= 0 && skipped < 5 && !zone[j].punct && p.cues.subjectSkip[zone[j].lower]; skipped++ {
		j--
	}
	if j < 0 || zone[j].punct {
		return "", false
	}
	if p.cues.pronouns[zone[j].lower] {
		return zone[j].lower, true
	}
	end := j + 1
	for j >= 0 && !zone[j].punct && (zone[j].capital || p.cues.titles[zone[j].lower]) {
		j--
	}
	k := j
	for k >= 0 && j-k < maxModifierWords && !zone[k].punct && !p.cues.hypothetical[zone[k].lower] && !p.cues.isVerb(zone[k].lower) {
		k--
	}
	if k < 0 || zone[k].punct {
		j = k
	}
	if name := phrase(zone[j+1:end], p.cues, p.text); name != "" {
		return name, false
	}
	return p.commonSubject(zone, i), false
}

// commonSubject reads a subject without a name that opens its clause with
// an article: "The league", "A ministry spokesman", "The delegation of the
// largest emitter" (at most maxCommonSubjectWords words).
func (p *paragraph) commonSubject(zone []word, verb int) string {
	j := verb - 1
	for j >= 0 && verb-j <= maxCommonSubjectWords && !zone[j].punct && !p.cues.isVerb(zone[j].lower) && !p.cues.hypothetical[zone[j].lower] {
		j--
	}
	if j >= 0 && !zone[j].punct || j+1 >= verb || !p.cues.determiners[zone[j+1].lower] || p.cues.pronouns[zone[verb-1].lower] {
		return ""
	}
	ws := zone[j+2 : verb]
	for len(ws) > 0 && p.cues.subjectSkip[ws[len(ws)-1].lower] {
		ws = ws[:len(ws)-1]
	}
	if len(ws) == 0 {
		return ""
	}
	return string(p.text[ws[0].start:ws[len(ws)-1].end])
}

const maxCommonSubjectWords = 7

// maxModifierWords bounds the lower-case words taken before a name.
const maxModifierWords = 3

// subjectAfter reads the name after a verb that comes first ("said
// Karin Lund, who led", "said port authority chief Lars Dahl."): the words
// up to the next mark, if a capitalised one ends them.
func (p *paragraph) subjectAfter(ws []word) (string, bool) {
	if len(ws) > 0 && p.cues.pronouns[ws[0].lower] {
		return ws[0].lower, true
	}
	n := 0
	for n < len(ws) && n < 6 && !ws[n].punct && (n == 0 || !p.cues.subjectSkip[ws[n].lower]) {
		n++
	}
	for n > 0 && !ws[n-1].capital {
		n--
	}
	return phrase(ws[:n], p.cues, p.text), false
}

// nounPhrase reads the name at the start of ws: capitalised words and
// titles ("Kremlin spokesman Dmitry Peskov"), or a pronoun.
func nounPhrase(ws []word, cues *Cues, text []rune) (string, bool) {
	if len(ws) == 0 || ws[0].punct {
		return "", false
	}
	if cues.pronouns[ws[0].lower] {
		return ws[0].lower, true
	}
	n := 0
	for n < len(ws) && !ws[n].punct && (ws[n].capital || cues.titles[ws[n].lower]) && !cues.subjectSkip[ws[n].lower] {
		n++
	}
	return phrase(ws[:n], cues, text), false
}

func skipDeterminers(ws []word, cues *Cues) []word {
	for len(ws) > 0 && cues.determiners[ws[0].lower] {
		ws = ws[1:]
	}
	return ws
}

// phrase is the text of a name's words, without a leading determiner or
// title-less joiner ("of") and only if a capitalised word names someone.
func phrase(ws []word, cues *Cues, text []rune) string {
	for len(ws) > 0 && (cues.determiners[ws[0].lower] || ws[0].lower == "of" || ws[0].lower == "for") {
		ws = ws[1:]
	}
	for len(ws) > 0 && (ws[len(ws)-1].lower == "of" || ws[len(ws)-1].lower == "for") {
		ws = ws[:len(ws)-1]
	}
	named := false
	for _, w := range ws {
		named = named || w.capital
	}
	if !named {
		return ""
	}
	return string(text[ws[0].start:ws[len(ws)-1].end])
}
