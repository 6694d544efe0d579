package articleview

import "fyne.io/fyne/v2"

// The scroll bar is part of the view, as only visible lines exist as
// canvas objects and so the view cannot sit in a container.Scroll: a thin
// thumb at the right edge that widens under the pointer, dragged to
// scroll, with a press on the track paging towards the press.

const (
	scrollBarArea = 16 // strip at the right edge that belongs to the bar
	scrollBarThin = 6
	scrollBarWide = 10
	minThumb      = 32
)

// thumb returns the thumb's top and height; ok is false when the whole
// article fits and there is nothing to scroll.
func (v *View) thumb() (y, h float32, ok bool) {
	size := v.Size()
	if v.lay == nil || v.lay.height <= size.Height {
		return 0, 0, false
	}
	h = max(minThumb, size.Height*size.Height/v.lay.height)
	y = (size.Height - h) * v.scrollY / (v.lay.height - size.Height)
	return y, h, true
}

// onScrollBar reports whether pos is in the scroll bar's strip.
func (v *View) onScrollBar(pos fyne.Position) bool {
	_, _, ok := v.thumb()
	return ok && pos.X >= v.Size().Width-scrollBarArea && pos.X <= v.Size().Width
}

// pressScrollBar starts a thumb drag, or pages when the press is on the
// track above or below the thumb.
func (v *View) pressScrollBar(pos fyne.Position) {
	y, h, _ := v.thumb()
	v.gesture.onBar = true
	switch {
	case pos.Y < y:
		v.scrollBy(-v.page())
		v.gesture.grab = -1
	case pos.Y > y+h:
		v.scrollBy(v.page())
		v.gesture.grab = -1
	default:
		v.gesture.grab = pos.Y - y
	}
	v.Refresh()
}

// dragThumb keeps the grabbed point of the thumb under the pointer.
func (v *View) dragThumb(pointerY float32) {
	_, h, ok := v.thumb()
	if !ok || v.gesture.grab < 0 {
		return
	}
	size := v.Size()
	frac := (pointerY - v.gesture.grab) / (size.Height - h)
	v.scrollBy(frac*(v.lay.height-size.Height) - v.scrollY)
}

func (r *renderer) drawScrollBar() {
	v := r.v
	y, h, ok := v.thumb()
	if !ok {
		return
	}
	w := float32(scrollBarThin)
	if v.gesture.onBar || (v.hovered && v.onScrollBar(v.hover)) {
		w = scrollBarWide
	}
	x := v.Size().Width - w - (scrollBarArea-scrollBarWide)/2
	r.rect(layerOutline, r.colours.scrollBar, x, y, w, h).CornerRadius = w / 2
}
