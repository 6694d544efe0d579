package suggest

import "claimdesk/app/segment"

// contextReach bounds how far the sentence around a selection is looked
// for, so that a selection in a 50 MiB article with no line breaks costs
// what one in a short article does.
const contextReach = 600

// describe makes the example for the span [start, end) of text: its quote,
// its paragraph around it (the reach of a news quote's attribution and of
// the sentence that introduces it), and the cue verb and speaker of the
// sentences it stands in. speaker, when given, is the analyst's and wins.
func describe(text []rune, start, end int, speaker string, cues *Cues) Example {
	return newDescriber(text, cues).describe(start, end, speaker)
}

// describer describes many spans of one text, cutting each paragraph into
// sentences and words once however many claims stand in it: at 100,000
// claims, cutting it again for each claim was most of the engine's start.
type describer struct {
	text       []rune
	cues       *Cues
	paragraphs map[[2]int]*paragraph // by bounds: a paragraph longer than twice contextReach has several
}

func newDescriber(text []rune, cues *Cues) *describer {
	return &describer{text: text, cues: cues, paragraphs: map[[2]int]*paragraph{}}
}

// describe is the package's describe for a span of the describer's text.
func (d *describer) describe(start, end int, speaker string) Example {
	text := d.text
	start, end = clampSpan(text, start, end)
	lo, hi := paragraphAround(text, start, end)
	ex := Example{Quote: string(text[start:end]), Speaker: speaker, Context: contextOf(text, lo, hi, start, end)}
	if lo >= hi {
		return ex
	}
	p := d.paragraphs[[2]int{lo, hi}]
	if p == nil {
		p = paragraphAt(text, lo, hi, d.cues)
		d.paragraphs[[2]int{lo, hi}] = p
	}
	var sent segment.Span
	found := false
	for _, s := range p.sentences {
		if s.Start < max(end, start+1) && start < s.End {
			if !found {
				sent.Start = s.Start
			}
			sent.End, found = s.End, true
		}
	}
	if !found {
		return ex
	}
	var zone []word
	for _, w := range p.wordsIn(sent.Start, sent.End) {
		if (w.end <= start || w.start >= end) && !p.inQuote(w.start) {
			zone = append(zone, w)
		}
	}
	if a, ok := p.attribution(zone, false); ok {
		ex.Cue = a.cue
		if ex.Speaker == "" && !a.pronoun {
			ex.Speaker = a.speaker
		}
	}
	return ex
}

// paragraphAround returns the bounds of the line holding [start, end),
// cut to contextReach on either side.
func paragraphAround(text []rune, start, end int) (lo, hi int) {
	lo, hi = max(0, start-contextReach), min(len(text), end+contextReach)
	for i := start - 1; i >= lo; i-- {
		if text[i] == '\n' {
			lo = i + 1
			break
		}
	}
	for i := end; i < hi; i++ {
		if text[i] == '\n' {
			hi = i
			break
		}
	}
	return lo, hi
}

// contextOf is text[lo:hi] with the span [start, end) left out.
func contextOf(text []rune, lo, hi, start, end int) string {
	if lo >= hi {
		return ""
	}
	return string(text[lo:max(lo, min(start, hi))]) + " " + string(text[min(hi, max(end, lo)):hi])
}

// clampSpan puts [start, end) inside text, in order.
func clampSpan(text []rune, start, end int) (int, int) {
	start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
	if end < start {
		start, end = end, start
	}
	return start, end
}
