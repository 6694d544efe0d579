package articleview

import (
	"image/color"
	"slices"
	"sort"
)

// Highlight is a claim drawn over the text: code points, end exclusive, in
// its label's colour.
type Highlight struct {
	ID         uint64
	Start, End int
	Colour     color.Color
	// Tip is the line shown for the claim when the pointer rests on it,
	// which tells overlapping claims apart; empty shows none.
	Tip string
}

// highlightSet holds the highlights sorted by start, with what drawing and
// hit-testing need precomputed.
type highlightSet struct {
	items  []Highlight
	track  []int // underline row, so overlapping claims stack
	maxEnd []int // maxEnd[i] = max End of items[:i+1], to find overlaps fast
}

// newHighlightSet validates hs against a text of n code points: spans are
// clipped to the text and empty ones dropped.
func newHighlightSet(hs []Highlight, n int) highlightSet {
	items := make([]Highlight, 0, len(hs))
	for _, h := range hs {
		h.Start, h.End = clampInt(h.Start, 0, n), clampInt(h.End, 0, n)
		if h.Start < h.End {
			items = append(items, h)
		}
	}
	// Longer first among equal starts, so an enclosing claim takes the
	// upper underline row and the one inside it the next.
	slices.SortStableFunc(items, func(a, b Highlight) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	s := highlightSet{items: items, track: make([]int, len(items)), maxEnd: make([]int, len(items))}
	var rowEnds []int // end of the last claim in each row
	for i, h := range items {
		row := slices.IndexFunc(rowEnds, func(end int) bool { return end <= h.Start })
		if row < 0 {
			row = len(rowEnds)
			rowEnds = append(rowEnds, 0)
		}
		rowEnds[row] = h.End
		s.track[i] = row
		s.maxEnd[i] = h.End
		if i > 0 {
			s.maxEnd[i] = max(h.End, s.maxEnd[i-1])
		}
	}
	return s
}

// overlapping calls fn for every highlight that intersects [a, b), in
// start order.
func (s *highlightSet) overlapping(a, b int, fn func(i int)) {
	hi := sort.Search(len(s.items), func(i int) bool { return s.items[i].Start >= b })
	lo := sort.Search(hi, func(i int) bool { return s.maxEnd[i] > a })
	for i := lo; i < hi; i++ {
		if s.items[i].End > a {
			fn(i)
		}
	}
}

// innermost returns the shortest highlight holding character off; among
// equal lengths the one starting last wins, so a click always picks the
// claim drawn on top.
func (s *highlightSet) innermost(off int) (Highlight, bool) {
	best := -1
	s.overlapping(off, off+1, func(i int) {
		if best < 0 || s.length(i) <= s.length(best) {
			best = i
		}
	})
	if best < 0 {
		return Highlight{}, false
	}
	return s.items[best], true
}

// holding appends the indices of the highlights holding character off to
// out, innermost first, in the order innermost breaks ties.
func (s *highlightSet) holding(off int, out []int) []int {
	first := len(out)
	s.overlapping(off, off+1, func(i int) { out = append(out, i) })
	slices.SortFunc(out[first:], func(a, b int) int {
		if d := s.length(a) - s.length(b); d != 0 {
			return d
		}
		return b - a
	})
	return out
}

func (s *highlightSet) length(i int) int { return s.items[i].End - s.items[i].Start }

// drawHighlight draws claim i on line li: a translucent fill, a solid
// underline in the claim's row, and an outline when it is selected.
func (r *renderer) drawHighlight(li, i int, top float32) {
	v := r.v
	h := v.highlights.items[i]
	selected := h.ID != 0 && h.ID == v.selectedID
	fill := r.colours.fill(h.Colour, selected)
	solid := withAlpha(h.Colour, 0xff)
	// The fill covers the letters down to just below the baseline; the
	// underline rows sit beneath it, one per overlap depth.
	fillTop := top + 1
	fillH := v.met.baseline[v.lay.lines[li].style] + 4 - 1
	row := min(v.highlights.track[i], underlineRows-1)
	underY := fillTop + fillH + 2 + float32(row*underlineStep)
	r.ivs = v.spanIntervals(li, h.Start, h.End, r.ivs[:0])
	for _, iv := range r.ivs {
		r.rect(layerFill, fill, iv.x0, fillTop, iv.x1-iv.x0, fillH).CornerRadius = 3
		r.rect(layerUnderline, solid, iv.x0, underY, iv.x1-iv.x0, underlineH)
		if selected {
			// The outline stops short of the underline rows below it.
			o := r.rect(layerOutline, color.Transparent, iv.x0-2, fillTop-2, iv.x1-iv.x0+4, fillH+3)
			o.StrokeColor, o.StrokeWidth, o.CornerRadius = solid, 2, 4
		}
	}
	if selected {
		r.drawHandles(li, h, solid, fillTop, fillH)
	}
}
