package articleview

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Claim tips: when the pointer rests on claims, a small box near it lists
// the Tip of every claim under it, innermost first, each beside a swatch of
// its colour, so that overlapping claims can be told apart.
//
// The renderer draws the box itself, on top of the text. A widget.PopUp
// cannot serve: a canvas overlay gets its own focus manager, so typed keys
// would stop reaching the view, and while an overlay is up Fyne looks for
// hover and scroll targets in it alone, so the view would get MouseOut and
// no wheel.

const defaultTipDelay = 400 * time.Millisecond

// Geometry of the box, in pixels.
const (
	tipPad    = 6  // inside the border
	tipSwatch = 10 // colour square before each line
	tipGap    = 6  // between the swatch and the text
	tipBelow  = 16 // from the pointer down to the box, clear of the I-beam
	tipAbove  = 8  // from the box up to the pointer, when flipped above it
)

// hoverTip is the state of the tip.
type hoverTip struct {
	lines []tipLine     // claims under the resting pointer; nil off claims
	shown bool          // drawn, at at
	at    fyne.Position // pointer when it showed
	// gen tells a timer that fires late whether the rest it waited for
	// still holds; every move and every hide starts a new one.
	gen    int
	cancel func() bool
	// schedule runs f on the main goroutine after d; nil is the real clock
	// through fyne.Do, tests put their own.
	schedule func(d time.Duration, f func()) (cancel func() bool)
	scratch  []int
}

type tipLine struct {
	text   string
	colour color.Color
	size   fyne.Size // measured when shown
}

// updateTip follows the pointer at pos: when the claims under it change,
// the tip hides and waits for a rest on the new ones. It reports whether
// the view must be redrawn.
func (v *View) updateTip(pos fyne.Position) bool {
	t := &v.tip
	if v.gesture.pressed || v.gesture.dragging || len(v.highlights.items) == 0 {
		return v.hideTip()
	}
	t.scratch = v.tipClaimsAt(pos, t.scratch[:0])
	if v.sameTip(t.scratch) {
		if t.shown {
			return false
		}
		return v.armTip() // still moving: wait for the rest again
	}
	redraw := v.hideTip()
	for _, i := range t.scratch {
		h := &v.highlights.items[i]
		t.lines = append(t.lines, tipLine{text: h.Tip, colour: h.Colour})
	}
	if len(t.lines) > 0 && v.armTip() {
		redraw = true
	}
	return redraw
}

// tipClaimsAt appends the claims with a tip under pos, innermost first.
func (v *View) tipClaimsAt(pos fyne.Position, out []int) []int {
	v.ensureLayout()
	if v.onScrollBar(pos) {
		return out
	}
	h, onLine := v.pointAt(pos)
	if !onLine || !h.inside || h.char < 0 {
		return out
	}
	start := len(out)
	out = v.highlights.holding(h.char, out)
	withTip := out[:start]
	for _, i := range out[start:] {
		if v.highlights.items[i].Tip != "" {
			withTip = append(withTip, i)
		}
	}
	return withTip
}

// sameTip reports whether the claims idx show what the tip holds now.
func (v *View) sameTip(idx []int) bool {
	if len(idx) != len(v.tip.lines) {
		return false
	}
	for k, i := range idx {
		h, l := &v.highlights.items[i], v.tip.lines[k]
		if h.Tip != l.text || !sameColour(h.Colour, l.colour) {
			return false
		}
	}
	return true
}

func sameColour(a, b color.Color) bool {
	if a == nil || b == nil {
		return a == b
	}
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2 && a1 == a2
}

// armTip starts waiting for the pointer to rest; with no delay the tip
// shows at once, and armTip reports that it did.
func (v *View) armTip() bool {
	t := &v.tip
	t.gen++
	if t.cancel != nil {
		t.cancel()
		t.cancel = nil
	}
	if v.TipDelay <= 0 {
		v.showTip()
		return true
	}
	gen := t.gen
	schedule := t.schedule
	if schedule == nil {
		schedule = afterOnMain
	}
	t.cancel = schedule(v.TipDelay, func() {
		if gen == v.tip.gen && !v.tip.shown && len(v.tip.lines) > 0 {
			v.showTip()
			v.Refresh()
		}
	})
	return false
}

func afterOnMain(d time.Duration, f func()) func() bool {
	return time.AfterFunc(d, func() { fyne.Do(f) }).Stop
}

// showTip measures the lines once, so that redraws while it is up cost no
// text shaping.
func (v *View) showTip() {
	t := &v.tip
	size := v.Theme().Size(theme.SizeNameText)
	for i := range t.lines {
		t.lines[i].size = fyne.MeasureText(t.lines[i].text, size, fyne.TextStyle{})
	}
	t.shown, t.at = true, v.hover
}

// hideTip drops the tip and any wait for it; it reports whether one was
// drawn.
func (v *View) hideTip() bool {
	t := &v.tip
	t.gen++
	if t.cancel != nil {
		t.cancel()
		t.cancel = nil
	}
	shown := t.shown
	t.shown, t.lines = false, nil
	return shown
}

// tipText returns the lines of the tip on screen, innermost claim first,
// or nil when none is shown.
func (v *View) tipText() []string {
	if !v.tip.shown {
		return nil
	}
	out := make([]string, len(v.tip.lines))
	for i, l := range v.tip.lines {
		out[i] = l.text
	}
	return out
}

// drawTip draws the box below and right of the pointer, flipped above it
// or moved left where the view ends.
func (r *renderer) drawTip() {
	v := r.v
	t := &v.tip
	if !t.shown {
		return
	}
	var textW, h float32
	for _, l := range t.lines {
		textW = max(textW, l.size.Width)
		h += l.size.Height
	}
	w := tipPad + tipSwatch + tipGap + textW + tipPad
	h += 2 * tipPad
	size := v.Size()
	x := min(t.at.X, size.Width-scrollBarArea-w)
	y := t.at.Y + tipBelow
	if y+h > size.Height {
		y = t.at.Y - tipAbove - h
	}
	x, y = max(x, 0), max(y, 0)

	th := v.Theme()
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	box := r.rect(layerTip, th.Color(theme.ColorNameOverlayBackground, variant), x, y, w, h)
	box.StrokeColor, box.StrokeWidth, box.CornerRadius = th.Color(theme.ColorNameInputBorder, variant), 1, 4
	textSize := th.Size(theme.SizeNameText)
	ly := y + tipPad
	for _, l := range t.lines {
		r.rect(layerTip, withAlpha(l.colour, 0xff), x+tipPad, ly+(l.size.Height-tipSwatch)/2, tipSwatch, tipSwatch).CornerRadius = 2
		r.placeText(layerTip, l.text, r.colours.text, textSize, fyne.TextStyle{},
			fyne.NewPos(x+tipPad+tipSwatch+tipGap, ly), l.size)
		ly += l.size.Height
	}
}
