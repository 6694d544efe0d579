package articleview

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// The mouse: how presses, drags, clicks, the wheel and hovering drive the
// view (the keyboard: keys.go).
//
// A press is seen by MouseDown; Fyne turns a move of 2 px or more into
// Dragged events and otherwise, on release, into a click: the view takes
// the click in MouseUp, because Tapped comes only after the double-click
// delay. Tapped still serves touch and synthetic taps. The view takes
// focus on a press.

var (
	_ fyne.Draggable      = (*View)(nil)
	_ fyne.Tappable       = (*View)(nil)
	_ fyne.DoubleTappable = (*View)(nil)
	_ fyne.Scrollable     = (*View)(nil)
	_ desktop.Mouseable   = (*View)(nil)
	_ desktop.Hoverable   = (*View)(nil)
	_ desktop.Cursorable  = (*View)(nil)
)

// gesture is the state of one press–drag–release.
type gesture struct {
	pressed  bool
	press    fyne.Position // widget coordinates at the press
	pressY   float32       // content y of the press, stable while scrolling
	mods     fyne.KeyModifier
	dragging bool
	other    bool // another button is down: its drags select nothing
	extend   bool // Shift+press: grow the selection from its anchor
	onBar    bool // the press was on the scroll bar
	grab     float32
	before   [2]int // selection when the gesture began
	clicked  bool   // MouseUp took the click; the late Tapped ignores it
	handle   claimEnd
	claim    uint64 // the claim whose handle was pressed
	fixed    int    // the end of it that stays where it is
}

// MouseDown is part of desktop.Mouseable.
func (v *View) MouseDown(ev *desktop.MouseEvent) {
	v.requestFocus()
	if ev.Button != desktop.MouseButtonPrimary {
		v.gesture = gesture{other: true}
		return
	}
	v.beginGesture(ev.Position, ev.Modifier)
	if !v.gesture.onBar && ev.Modifier&fyne.KeyModifierShift != 0 {
		v.gesture.extend, v.gesture.handle = true, noEnd
		v.extendTo(ev.Position)
	}
}

func (v *View) beginGesture(pos fyne.Position, mods fyne.KeyModifier) {
	v.ensureLayout()
	if v.hideTip() {
		v.Refresh()
	}
	v.headAtStart = false
	v.gesture = gesture{pressed: true, press: pos, pressY: pos.Y + v.scrollY, mods: mods | v.keys,
		before: [2]int{v.selStart, v.selEnd}}
	if v.onScrollBar(pos) {
		v.pressScrollBar(pos)
		return
	}
	if h, end := v.handleAt(pos); end != noEnd {
		v.gesture.handle, v.gesture.claim = end, h.ID
		v.gesture.fixed = h.End
		if end == finishEnd {
			v.gesture.fixed = h.Start
		}
	}
}

// MouseUp is part of desktop.Mouseable.
func (v *View) MouseUp(ev *desktop.MouseEvent) {
	g := &v.gesture
	if ev.Button != desktop.MouseButtonPrimary || !g.pressed {
		g.other = false
		return
	}
	g.pressed = false
	switch {
	case g.dragging: // DragEnd follows and reports
	case g.onBar:
		g.onBar = false
		v.Refresh()
	case g.extend:
		v.notifySelection(g.before)
		// The real driver follows MouseUp with Tapped, whose plain click
		// would drop the selection just extended.
		g.clicked = true
	default:
		v.click(ev.Position)
		g.clicked = true
	}
}

// Dragged is part of fyne.Draggable.
func (v *View) Dragged(ev *fyne.DragEvent) {
	g := &v.gesture
	if g.other {
		return
	}
	if !g.pressed && !g.dragging {
		// No MouseDown came (touch, or a synthetic drag): the drag began
		// where the pointer was before this first step.
		start := fyne.NewPos(ev.Position.X-ev.Dragged.DX, ev.Position.Y-ev.Dragged.DY)
		v.beginGesture(start, 0)
	}
	if g.onBar {
		v.dragThumb(ev.Position.Y)
		return
	}
	g.dragging = true
	v.autoScroll(ev.Position.Y)
	if g.handle != noEnd {
		v.dragEnd(ev.Position)
		return
	}
	v.extendTo(ev.Position)
}

// DragEnd is part of fyne.Draggable.
func (v *View) DragEnd() {
	g := v.gesture
	v.gesture = gesture{clicked: g.clicked}
	if g.onBar {
		v.Refresh()
		return
	}
	if g.dragging && g.handle != noEnd {
		v.anchor = [2]int{v.selStart, v.selEnd}
		v.notifySelection(g.before)
		if v.OnClaimEndDragged != nil {
			v.OnClaimEndDragged(g.claim)
		}
		return
	}
	if g.dragging {
		if !g.extend {
			v.anchor = v.pressSpan(g)
		}
		v.notifySelection(g.before)
	}
}

// Tapped is part of fyne.Tappable.
func (v *View) Tapped(ev *fyne.PointEvent) {
	if v.gesture.clicked {
		v.gesture.clicked = false
		return
	}
	v.requestFocus()
	v.ensureLayout()
	v.click(ev.Position)
}

// DoubleTapped is part of fyne.DoubleTappable: it selects the word under
// the pointer (or the character, outside words).
func (v *View) DoubleTapped(ev *fyne.PointEvent) {
	v.ensureLayout()
	h, onLine := v.pointAt(ev.Position)
	if !onLine || h.char < 0 {
		return
	}
	before := [2]int{v.selStart, v.selEnd}
	s, e := wordSpan(v.text, h.char)
	s, e = trimSpan(v.text, s, e)
	if s == e {
		return
	}
	v.anchor = [2]int{s, e}
	v.setSelection(s, e)
	v.notifySelection(before)
}

// click clears the selection and reports the claim under the pointer.
func (v *View) click(pos fyne.Position) {
	h, onLine := v.pointAt(pos)
	before := [2]int{v.selStart, v.selEnd}
	v.anchor = [2]int{h.caret, h.caret}
	v.setSelection(0, 0)
	v.notifySelection(before)
	var id uint64
	if onLine && h.inside {
		if hl, ok := v.highlights.innermost(h.char); ok {
			id = hl.ID
		}
	}
	if v.OnHighlightTapped != nil {
		v.OnHighlightTapped(id)
	}
}

// snapping reports whether the gesture selects whole words: SnapToWords,
// unless Ctrl (or Alt) was held at the press or is held now. Ctrl is the
// one to teach: under the GLFW driver, Alt pressed and let go with no key
// between opens the window's menu bar, so after an Alt-drag the next key
// would go to the menu instead of labelling the selection.
func (v *View) snapping(g *gesture) bool {
	return v.SnapToWords && (g.mods|v.keys)&(fyne.KeyModifierAlt|fyne.KeyModifierControl) == 0
}

// spanAt is what a point contributes to a selection: the word under it
// when snapping, else the caret position.
func (v *View) spanAt(pos fyne.Position, snap bool) [2]int {
	h, _ := v.pointAt(pos)
	if snap && h.char >= 0 {
		s, e := wordSpan(v.text, h.char)
		return [2]int{s, e}
	}
	return [2]int{h.caret, h.caret}
}

// pressSpan is the span under the gesture's press point.
func (v *View) pressSpan(g gesture) [2]int {
	return v.spanAt(fyne.NewPos(g.press.X, g.pressY-v.scrollY), v.snapping(&g))
}

// extendTo selects from the anchor (the press point, or for Shift the
// existing anchor) to the pointer.
func (v *View) extendTo(pos fyne.Position) {
	g := &v.gesture
	snap := v.snapping(g)
	anchor := v.anchor
	if !g.extend {
		anchor = v.pressSpan(*g)
	}
	p := v.spanAt(pos, snap)
	s, e := min(anchor[0], p[0]), max(anchor[1], p[1])
	if snap {
		s, e = trimSpan(v.text, s, e)
	}
	v.setSelection(s, e)
}

// autoScroll scrolls while a drag holds the pointer above or below the
// view, faster the farther out it is.
func (v *View) autoScroll(y float32) {
	lineH := v.met.lineH[styleBody]
	switch h := v.Size().Height; {
	case y < 0:
		v.scrollBy(max(y, -3*lineH))
	case y > h:
		v.scrollBy(min(y-h, 3*lineH))
	}
}

func (v *View) notifySelection(before [2]int) {
	if (before != [2]int{v.selStart, v.selEnd}) && v.OnSelectionChanged != nil {
		v.OnSelectionChanged(v.selStart, v.selEnd)
	}
}

func (v *View) requestFocus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(v); c != nil && c.Focused() != v {
		c.Focus(v)
	}
}

// A wheel notch scrolls wheelLines body lines. Fyne's GLFW driver reports
// a notch as 25 px off macOS (GLFW gives 1 per notch on X11, Windows and
// Wayland; the driver multiplies by its scrollSpeed, 25, 10 on macOS).
// Touchpads report fractions of a notch and move the same fraction, so
// they stay smooth.
const (
	wheelNotch = 25
	wheelLines = 3
)

// Scrolled is part of fyne.Scrollable: the mouse wheel and touchpads.
func (v *View) Scrolled(ev *fyne.ScrollEvent) {
	v.ensureLayout()
	if v.hideTip() {
		v.Refresh()
	}
	v.scrollBy(-ev.Scrolled.DY * wheelLines * v.met.lineH[styleBody] / wheelNotch)
}

// MouseIn is part of desktop.Hoverable.
func (v *View) MouseIn(ev *desktop.MouseEvent) {
	v.hovered = true
	v.moveHover(ev.Position)
}

// MouseMoved is part of desktop.Hoverable.
func (v *View) MouseMoved(ev *desktop.MouseEvent) {
	v.moveHover(ev.Position)
}

// MouseOut is part of desktop.Hoverable.
func (v *View) MouseOut() {
	wasOnBar := v.onScrollBar(v.hover)
	v.hovered = false
	if v.hideTip() || wasOnBar {
		v.Refresh()
	}
}

// moveHover tracks the pointer so the bar can widen under it and the tip
// of the claims under it can show.
func (v *View) moveHover(pos fyne.Position) {
	wasOnBar := v.onScrollBar(v.hover)
	v.hover = pos
	tip := v.updateTip(pos)
	if tip || v.onScrollBar(pos) != wasOnBar {
		v.Refresh()
	}
}

// Cursor is part of desktop.Cursorable: a text cursor over the text, the
// arrow over the scroll bar.
func (v *View) Cursor() desktop.Cursor {
	if v.hovered && v.onScrollBar(v.hover) {
		return desktop.DefaultCursor
	}
	if v.gesture.handle != noEnd {
		return desktop.HResizeCursor
	}
	if _, end := v.handleAt(v.hover); v.hovered && end != noEnd {
		return desktop.HResizeCursor
	}
	return desktop.TextCursor
}
