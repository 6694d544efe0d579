package articleview

import (
	"image/color"

	"fyne.io/fyne/v2"
)

// Handles: the selected claim's two ends can be dragged to correct its
// span, the way a selection is adjusted in a word processor. The press
// must land within handleReach of an end; the other end stays put, and
// the drag snaps to words like any other unless Ctrl is held. The view
// only moves the text selection; OnClaimEndDragged tells the owner to
// move the claim there, so the change is one undo step like Ctrl+R.

// handleReach is how far from a claim's end, in pixels, a press grabs it:
// wider than the drawn handle, which is thin so as not to hide letters.
const handleReach = 6

// handleWidth is how wide the grip at each end of the selected claim is drawn.
const handleWidth = 4

// claimEnd names an end of the selected claim.
type claimEnd uint8

const (
	noEnd claimEnd = iota
	startEnd
	finishEnd
)

// selectedClaim is the highlight of the selected claim, if it is shown.
func (v *View) selectedClaim() (Highlight, bool) {
	if v.selectedID == 0 {
		return Highlight{}, false
	}
	for _, h := range v.highlights.items {
		if h.ID == v.selectedID {
			return h, true
		}
	}
	return Highlight{}, false
}

// caretEdge is where the caret at off stands beside the character at
// inside (off itself for a claim's start, off-1 for its end), in widget
// coordinates: its x and the top and height of its line's text.
func (v *View) caretEdge(off, inside int) (x, top, h float32, ok bool) {
	if v.lay == nil || inside < 0 || inside >= len(v.text) {
		return 0, 0, 0, false
	}
	li := v.lay.lineOf(inside)
	ln := &v.lay.lines[li]
	p := pieceAt(v.visualLine(li), inside)
	if p == nil {
		return 0, 0, 0, false
	}
	top = ln.y - v.scrollY + v.textTop(ln.style)
	return v.pieceX(p, ln.style, off), top, v.met.textH[ln.style], true
}

// handleAt reports which end of the selected claim pos grabs.
func (v *View) handleAt(pos fyne.Position) (Highlight, claimEnd) {
	h, ok := v.selectedClaim()
	if !ok || v.lay == nil {
		return Highlight{}, noEnd
	}
	near := func(off, inside int) bool {
		x, top, height, ok := v.caretEdge(off, inside)
		return ok && pos.X >= x-handleReach && pos.X <= x+handleReach &&
			pos.Y >= top-handleReach && pos.Y <= top+height+handleReach
	}
	switch {
	case near(h.End, h.End-1): // first: a one-letter claim's end is its start's neighbour
		return h, finishEnd
	case near(h.Start, h.Start):
		return h, startEnd
	}
	return Highlight{}, noEnd
}

// dragEnd moves the grabbed end of the claim to the pointer: the
// selection runs from the end that stays to the word (or, with Ctrl, the
// caret) under the pointer, on whichever side of it the pointer is.
func (v *View) dragEnd(pos fyne.Position) {
	g := &v.gesture
	snap := v.snapping(g)
	p := v.spanAt(pos, snap)
	s, e := min(g.fixed, p[0]), max(g.fixed, p[1])
	if snap {
		s, e = trimSpan(v.text, s, e)
	}
	if s < e {
		v.setSelection(s, e)
	}
}

// drawHandles draws the grips of the selected claim's ends that fall on
// line li: taller than the outline, so they read as something to drag.
func (r *renderer) drawHandles(li int, h Highlight, c color.Color, fillTop, fillH float32) {
	v := r.v
	for _, end := range [][2]int{{h.Start, h.Start}, {h.End, h.End - 1}} {
		if v.lay.lineOf(end[1]) != li {
			continue
		}
		if x, _, _, ok := v.caretEdge(end[0], end[1]); ok {
			r.rect(layerOutline, c, x-handleWidth/2, fillTop-5, handleWidth, fillH+9).CornerRadius = handleWidth / 2
		}
	}
}
