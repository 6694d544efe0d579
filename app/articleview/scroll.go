package articleview

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Layout bookkeeping and vertical scrolling. Only visible lines exist as
// canvas objects, so the view scrolls itself instead of sitting in a
// container.Scroll.

// metricsKey identifies what the metrics depend on in a theme.
type metricsKey struct {
	body, heading float32
	font, bold    string
}

func themeKey(th fyne.Theme) metricsKey {
	return metricsKey{
		body:    th.Size(theme.SizeNameText),
		heading: th.Size(theme.SizeNameHeadingText),
		font:    fontName(th.Font(fyne.TextStyle{})),
		bold:    fontName(th.Font(fyne.TextStyle{Bold: true})),
	}
}

func fontName(r fyne.Resource) string {
	if r == nil {
		return ""
	}
	return r.Name()
}

// invalidateLayout drops everything derived from the text and its width.
func (v *View) invalidateLayout() {
	v.lay = nil
	v.bidiCache = map[int]*paraBidi{}
	v.visCache = map[int]*visLine{}
	if v.met != nil {
		clear(v.met.spans)
	}
}

// ensureLayout (re)wraps the article when the text, the width or the theme
// changed. Below minLayoutWidth there is no layout at all.
func (v *View) ensureLayout() {
	th := v.Theme()
	if key := themeKey(th); v.met == nil || key != v.metKey {
		v.met, v.metKey = newMetrics(th), key
		v.invalidateLayout()
	}
	width := v.Size().Width
	if width < minLayoutWidth {
		return
	}
	if v.lay != nil && v.lay.width == width {
		return
	}
	top := -1
	if v.lay != nil && v.scrollY > 0 {
		top = v.lay.lines[max(v.lay.lineAtY(v.scrollY), 0)].start
	}
	v.invalidateLayout()
	v.lay = v.buildLayout(width)
	switch {
	case v.pendingOffset >= 0:
		v.scrollToOffset(v.pendingOffset, false)
	case top >= 0: // keep the first visible line on top across a resize
		v.scrollY = v.lay.lines[v.lay.lineOf(top)].y
	}
	v.scrollY = v.clampScroll(v.scrollY)
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
	v.Refresh()
	return true
}

// scrollBy scrolls on behalf of the user and tells OnScrolled.
func (v *View) scrollBy(dy float32) {
	if v.setScroll(v.scrollY+dy) && v.OnScrolled != nil {
		v.OnScrolled(v.scrollY)
	}
}

// ScrollPosition returns how far the content is scrolled, in pixels.
func (v *View) ScrollPosition() float32 { return v.scrollY }

// SetScrollPosition scrolls to y pixels from the top, clipped to the
// content; before the view is laid out the position is kept for later.
func (v *View) SetScrollPosition(y float32) {
	v.ensureLayout()
	v.pendingOffset = -1
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
		v.pendingOffset = clampInt(offset, 0, len(v.text))
		return
	}
	v.scrollToOffset(offset, true)
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

// Scrolled is part of fyne.Scrollable: the mouse wheel and touchpads.
func (v *View) Scrolled(ev *fyne.ScrollEvent) {
	v.scrollBy(-ev.Scrolled.DY)
}

// page is the distance PageUp and PageDown move: a screen less a line, so
// the reader keeps their place.
func (v *View) page() float32 {
	return max(v.Size().Height-v.met.lineH[styleBody], v.met.lineH[styleBody])
}
