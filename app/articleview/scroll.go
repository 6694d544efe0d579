package articleview

// ScrollPosition returns how far the content is scrolled, in pixels.
func (v *View) ScrollPosition() float32 { return v.scrollY }

// SetScrollPosition scrolls to y pixels from the top, clipped to the
// content; before the view is laid out the position is kept for later.
func (v *View) SetScrollPosition(y float32) {
	v.ensureLayout()
	v.pendingOffset, v.pendingTop = -1, false
	if v.lay == nil {
		v.scrollY = max(y, 0)
		return
	}
	v.setScroll(y)
}

// ScrollToOffset brings the line holding offset into view, a third of the
// way down, unless it is already well inside the view. Called before the
// view has a size, it takes effect at the first layout.
func (v *View) ScrollToOffset(offset int) {
	v.ensureLayout()
	if v.lay == nil {
		v.pendingOffset, v.pendingTop = clampInt(offset, 0, len(v.text)), false
		return
	}
	v.scrollToOffset(offset, true)
}

// Place is where the reader is: the line holding Offset at the top of
// the view, scrolled Below pixels (at actual size) past that line's top.
// A wheel notch or a drag usually stops inside a line or the gap after a
// paragraph, so the line alone would bring the reader back a little off.
type Place struct {
	Offset int
	Below  float32
}

// TopPlace is the place at the top of the view (offset 0 at the top of
// the article), whatever the width the text was wrapped at. ScrollToPlace
// brings it back.
func (v *View) TopPlace() Place {
	v.ensureLayout()
	p := v.topPlace()
	if p.Offset < 0 {
		return Place{}
	}
	return p
}

// ScrollToPlace scrolls to p, as TopPlace gave it. Called before the view
// has a size, it takes effect at the first layout.
func (v *View) ScrollToPlace(p Place) {
	v.ensureLayout()
	p.Offset, p.Below = clampInt(p.Offset, 0, len(v.text)), max(p.Below, 0)
	if v.lay == nil {
		v.pendingOffset, v.pendingTop, v.pendingBelow = p.Offset, true, p.Below
		return
	}
	v.pendingOffset, v.pendingTop = -1, false
	v.setScroll(v.yOf(p))
	v.kept = keptTop{place: p, y: v.scrollY} // kept across the next relayouts
}

// yOf is the scroll position of place p: its line's top, and p.Below past
// it scaled by the zoom, though never into the next line, which would
// make that the line at the top.
func (v *View) yOf(p Place) float32 {
	li := v.lay.lineOf(p.Offset)
	y := v.topOf(p.Offset)
	below := p.Below * v.zoom
	if li+1 < len(v.lay.lines) {
		below = min(below, v.lay.lines[li+1].y-y-1)
	}
	return y + max(below, 0)
}

// topOf is the scroll position that makes the line holding offset the top
// line; the first line keeps the article's top margin above it.
func (v *View) topOf(offset int) float32 {
	li := v.lay.lineOf(offset)
	if li == 0 {
		return 0
	}
	return v.lay.lines[li].y
}

func (v *View) scrollToOffset(offset int, refresh bool) {
	v.pendingOffset = -1
	ln := v.lay.lines[v.lay.lineOf(clampInt(offset, 0, len(v.text)))]
	h := v.Size().Height
	lineH := v.met.lineH[ln.style]
	if ln.y >= v.scrollY+lineH && ln.y+2*lineH <= v.scrollY+h {
		return
	}
	y := v.clampScroll(ln.y - h/3)
	if refresh {
		v.setScroll(y)
	} else {
		v.scrollY = y
	}
}

// clampScroll limits y to the scrollable range.
func (v *View) clampScroll(y float32) float32 {
	if v.lay == nil {
		return max(y, 0)
	}
	return max(min(y, v.lay.height-v.Size().Height), 0)
}

// setScroll moves the view and reports whether it moved.
func (v *View) setScroll(y float32) bool {
	y = v.clampScroll(y)
	if y == v.scrollY {
		return false
	}
	v.scrollY = y
	v.hideTip() // the text under the pointer is another now
	v.Refresh()
	return true
}

// scrollBy scrolls on behalf of the user and tells OnScrolled.
func (v *View) scrollBy(dy float32) {
	if v.setScroll(v.scrollY+dy) && v.OnScrolled != nil {
		v.OnScrolled(v.scrollY)
	}
}

// page is the distance PageUp and PageDown move: a screen less a line, so
// the reader keeps their place.
func (v *View) page() float32 {
	return max(v.Size().Height-v.met.lineH[styleBody], v.met.lineH[styleBody])
}

// keptTop is the place a relayout kept on top, and where that put the
// view.
type keptTop struct {
	place Place
	y     float32
}

// topPlace is the place to keep on top across a relayout, Offset -1 at the
// top of the article: the start of the top line and how far past it the
// view is, unless the last relayout kept a place inside that line and
// nothing scrolled since. Without that every step of a resize or a run of
// zooms would move on to the start of the line holding the kept offset,
// and the text would creep back.
func (v *View) topPlace() Place {
	if v.lay == nil || v.scrollY <= 0 {
		return Place{Offset: -1}
	}
	li := max(v.lay.lineAtY(v.scrollY), 0)
	if k := v.kept; k.place.Offset >= 0 && k.y == v.scrollY && v.lay.lineOf(k.place.Offset) == li {
		return k.place
	}
	start := v.lay.lines[li].start
	return Place{Offset: start, Below: (v.scrollY - v.topOf(start)) / v.zoom}
}
