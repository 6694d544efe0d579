package articleview

import (
	"image/color"

	"fyne.io/fyne/v2"
)

// Candidates are claims the assistant proposes, not yet accepted: drawn
// as dashed outlines in their suggested label's colour, with no fill, so
// they never read as claims. The one the analyst walked to with Tab is
// drawn stronger.

// Candidate is a proposed claim over [Start, End) of the text, in code
// points, in the colour of its suggested label.
type Candidate struct {
	Start, End int
	Colour     color.Color
}

var _ fyne.Tabbable = (*View)(nil)

// SetCandidates replaces the proposed claims drawn and which of them is
// current (-1 for none).
func (v *View) SetCandidates(cs []Candidate, current int) {
	hs := make([]Highlight, len(cs))
	for i, c := range cs {
		hs[i] = Highlight{ID: uint64(i + 1), Start: c.Start, End: c.End, Colour: c.Colour}
	}
	v.candidates = newHighlightSet(hs, len(v.text))
	v.currentCandidate = uint64(current + 1)
	v.Refresh()
}

// AcceptsTab is part of fyne.Tabbable: while candidates are shown, Tab and
// Shift+Tab walk them (OnCandidateStep) instead of moving the focus on.
func (v *View) AcceptsTab() bool { return len(v.candidates.items) > 0 && v.OnCandidateStep != nil }

// stepCandidate hands Tab (forward) or Shift+Tab on to OnCandidateStep.
func (v *View) stepCandidate() {
	if v.OnCandidateStep != nil {
		v.OnCandidateStep(v.keys&fyne.KeyModifierShift == 0)
	}
}

// pastel is a label's colour halfway to white, for the dashes of a
// candidate that is not current: light enough on a white page to stay in
// the background, light enough on a dark page to be seen, and in both far
// paler than the claims' underlines, so a proposal never reads as a claim.
func pastel(c color.Color) color.Color {
	const white = 0.55
	n := color.NRGBAModel.Convert(withAlpha(c, 0xff)).(color.NRGBA)
	mix := func(v uint8) uint8 { return uint8(float64(v)*(1-white) + 0xff*white) }
	return color.NRGBA{R: mix(n.R), G: mix(n.G), B: mix(n.B), A: 0xff}
}

// The dashes of a candidate's outline, in pixels.
const (
	dashOn  = 5
	dashOff = 3
)

// drawCandidate outlines candidate i on line li with dashes above and
// below the text and a bar at each end that falls on the line.
func (r *renderer) drawCandidate(li, i int, top float32) {
	v := r.v
	c := v.candidates.items[i]
	current := c.ID == v.currentCandidate
	colour, width := pastel(c.Colour), float32(1)
	if current {
		colour, width = withAlpha(c.Colour, 0xff), 2
	}
	y0 := top - 1
	y1 := top + v.met.baseline[v.lay.lines[li].style] + 5
	r.ivs = v.spanIntervals(li, c.Start, c.End, r.ivs[:0])
	for _, iv := range r.ivs {
		for x := iv.x0 - 1; x < iv.x1+1; x += dashOn + dashOff {
			w := min(dashOn, iv.x1+1-x)
			r.rect(layerCandidate, colour, x, y0, w, width)
			r.rect(layerCandidate, colour, x, y1, w, width)
		}
	}
	for _, end := range [][2]int{{c.Start, c.Start}, {c.End, c.End - 1}} {
		if v.lay.lineOf(end[1]) != li {
			continue
		}
		if x, _, _, ok := v.caretEdge(end[0], end[1]); ok {
			r.rect(layerCandidate, colour, x-width/2, y0, width, y1-y0+width)
		}
	}
}
