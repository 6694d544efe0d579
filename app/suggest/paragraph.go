package suggest

import (
	"strings"
	"unicode"

	"claimdesk/app/segment"
)

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
