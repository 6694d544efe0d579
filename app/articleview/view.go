// Package articleview is Claimdesk's article reading view: a Fyne widget
// that lays out a long article itself, draws claims as coloured highlights
// and proposed claims as dashed outlines, and lets the analyst select text
// with character precision.
//
// Stock widgets cannot carry a 1 MB article or colour ranges, so the view
// wraps the text with cached per-character widths, measures exactly only
// what is on screen and creates canvas objects only for visible lines. All
// offsets are Unicode code points of the text, end exclusive, the storage
// contract; they always fall on grapheme-cluster boundaries.
//
// The view scrolls itself (wheel, keys, its own scroll bar), so it must
// not be put inside a container.Scroll. With focus it copies the selection
// on Ctrl+C and passes other shortcuts on to the window's canvas, typed
// runes and unused keys to its callbacks.
package articleview

import (
	"image/color"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// View shows one article. Create it with New; call its methods and read its
// callbacks on the Fyne main goroutine, as with every widget.
type View struct {
	widget.BaseWidget

	// SnapToWords makes a drag select whole words (the default); holding
	// Ctrl (or Alt) while pressing the mouse selects exact characters for
	// one drag.
	SnapToWords bool

	// OnSelectionChanged is called when the user changes the text selection:
	// at the end of a drag, on a double-click, Shift+click, Esc, or a click
	// that clears it. An empty selection reports start == end. Programmatic
	// SetSelection and ClearSelection do not call it.
	OnSelectionChanged func(start, end int)
	// OnHighlightTapped is called when a click (no drag) lands on a claim,
	// with the innermost claim under the pointer, or with 0 when the click
	// hit no claim, so the owner can deselect.
	OnHighlightTapped func(id uint64)
	// OnClaimEndDragged is called when the user has dragged an end of the
	// selected claim (id): the text selection is where the claim should
	// now be.
	OnClaimEndDragged func(id uint64)
	// OnTypedRune receives the runes typed while the view has focus.
	OnTypedRune func(r rune)
	// OnTypedKey receives the keys the view does not use itself: it keeps
	// the arrows, PageUp/PageDown, Home/End for scrolling, Esc while a
	// selection is there to clear, and Tab while candidates are shown.
	OnTypedKey func(ev *fyne.KeyEvent)
	// OnCandidateStep is called on Tab (forward) and Shift+Tab while
	// candidates are shown.
	OnCandidateStep func(forward bool)
	// OnScrolled is called with the new scroll position after the user
	// scrolls.
	OnScrolled func(offset float32)
	// TipDelay is how long the pointer must rest on a claim before its tip
	// shows; 0 shows it at once.
	TipDelay time.Duration

	title       string
	text        []rune
	paras       []paragraph
	headingPara int

	highlights highlightSet
	selectedID uint64

	candidates       highlightSet // proposed claims, see SetCandidates
	currentCandidate uint64       // its ID in candidates, 0 for none
	selStart         int
	selEnd           int
	anchor           [2]int // span the selection grows from on drag or Shift+click
	// headAtStart is true when Shift+arrows move the selection's start,
	// after they have carried it back past where it began.
	headAtStart bool

	scrollY       float32
	pendingOffset int     // offset to scroll to once laid out, or -1
	pendingTop    bool    // put pendingOffset's line at the top, not a third down
	pendingBelow  float32 // and scroll this far past it, see Place
	zoom          float32 // text size factor, see SetZoom
	kept          keptTop

	met       *metrics
	metKey    metricsKey // theme values met was made for
	lay       *layout
	bidiCache map[int]*paraBidi
	visCache  map[int]*visLine

	gesture gesture
	keys    fyne.KeyModifier // modifier keys held, from KeyDown/KeyUp
	hover   fyne.Position
	hovered bool
	tip     hoverTip
}

var (
	_ fyne.Widget    = (*View)(nil)
	_ fyne.Focusable = (*View)(nil)
)

// New returns an empty view that snaps selections to words.
func New() *View {
	v := &View{SnapToWords: true, TipDelay: defaultTipDelay, headingPara: -1, pendingOffset: -1, zoom: 1}
	v.ExtendBaseWidget(v)
	v.SetDocument("", "")
	return v
}

// SetDocument shows a new article. It clears the highlights, the selected
// claim and the selection, and scrolls to the top; set highlights after it.
// When the text's first line is the title, that line is drawn as the
// heading and stays selectable; otherwise the title is drawn above the text.
func (v *View) SetDocument(title, text string) {
	v.title = title
	v.text = []rune(text)
	v.paras = splitParagraphs(v.text)
	v.headingPara = headingParagraph(v.text, v.paras, title)
	v.highlights = newHighlightSet(nil, 0)
	v.selectedID = 0
	v.candidates, v.currentCandidate = newHighlightSet(nil, 0), 0
	v.selStart, v.selEnd = 0, 0
	v.anchor = [2]int{0, 0}
	v.scrollY = 0
	v.pendingOffset = -1
	v.kept = keptTop{place: Place{Offset: -1}}
	v.gesture = gesture{}
	v.invalidateLayout()
	v.Refresh()
}

// SetHighlights replaces the claims drawn. Spans are clipped to the text
// and empty ones are ignored.
func (v *View) SetHighlights(hs []Highlight) {
	v.highlights = newHighlightSet(hs, len(v.text))
	if v.hovered {
		v.updateTip(v.hover) // the claims or their tips under it may have changed
	} else {
		v.hideTip()
	}
	v.Refresh()
}

// SetSelectedHighlight outlines the claim with id; 0 outlines none.
func (v *View) SetSelectedHighlight(id uint64) {
	if v.selectedID == id {
		return
	}
	v.selectedID = id
	v.Refresh()
}

// The zoom range: below it body text is unreadable, above it a line of a
// maximised window holds too few words to read.
const (
	MinZoom = 0.6
	MaxZoom = 2.5
)

// SetZoom scales the article's text, body and heading, by factor (1 is the
// theme's size), clipped to MinZoom–MaxZoom. The text re-wraps and the line
// at the top of the view stays at the top.
func (v *View) SetZoom(factor float32) {
	if math.IsNaN(float64(factor)) {
		factor = 1
	}
	factor = min(max(factor, MinZoom), MaxZoom)
	if factor == v.zoom {
		return
	}
	v.zoom = factor
	v.Refresh()
}

// Zoom returns the text size factor SetZoom set, 1 by default.
func (v *View) Zoom() float32 { return v.zoom }

// Selection returns the selected span; ok is false when nothing is selected.
func (v *View) Selection() (start, end int, ok bool) {
	return v.selStart, v.selEnd, v.selEnd > v.selStart
}

// SetSelection selects [start, end) (in either order), clipped to the text
// and widened to whole grapheme clusters. It does not scroll.
func (v *View) SetSelection(start, end int) {
	if start > end {
		start, end = end, start
	}
	start = snapBoundary(v.text, start, false)
	end = snapBoundary(v.text, end, true)
	v.anchor = [2]int{start, start}
	v.headAtStart = false
	v.setSelection(start, end)
}

// ClearSelection removes the text selection.
func (v *View) ClearSelection() {
	v.setSelection(0, 0)
}

// setSelection stores a validated selection and redraws when it changed.
func (v *View) setSelection(start, end int) bool {
	if end <= start {
		start, end = 0, 0
	}
	if start == v.selStart && end == v.selEnd {
		return false
	}
	v.selStart, v.selEnd = start, end
	v.Refresh()
	return true
}

// SelectedText returns the text of the selection.
func (v *View) SelectedText() string {
	return string(v.text[v.selStart:v.selEnd])
}

// OffsetAt returns the caret offset nearest to pos (widget coordinates);
// ok is false when pos is not on a line of the text (the title above it,
// the margin below it) or the view is not laid out yet.
func (v *View) OffsetAt(pos fyne.Position) (int, bool) {
	v.ensureLayout()
	h, ok := v.pointAt(pos)
	return h.caret, ok
}

// CharAt returns the offset of the character drawn under pos (the start of
// its grapheme cluster); ok is false when pos is beside or between glyphs.
func (v *View) CharAt(pos fyne.Position) (int, bool) {
	v.ensureLayout()
	h, ok := v.pointAt(pos)
	return h.char, ok && h.inside
}

// PositionOf returns the top-left corner of the character at offset, in
// widget coordinates; ok is false when the view is not laid out yet or the
// offset is outside the text. An offset past the end of a line (a newline,
// hanging spaces, the end of the text) gives the line's end.
func (v *View) PositionOf(offset int) (fyne.Position, bool) {
	pos, _, ok := v.CharBounds(offset)
	return pos, ok
}

// CharBounds returns the box of the grapheme cluster at offset, like
// PositionOf with its size: inside right-to-left text the box's left edge
// is the character's logical end.
func (v *View) CharBounds(offset int) (fyne.Position, fyne.Size, bool) {
	v.ensureLayout()
	return v.charBox(offset)
}

// CreateRenderer is part of fyne.Widget.
func (v *View) CreateRenderer() fyne.WidgetRenderer {
	return newRenderer(v)
}

// Drawing layers, bottom to top.
const (
	layerFill = iota // claim fills
	layerSelection
	layerUnderline // claim underlines, one row per overlap depth
	layerCandidate // dashed outlines of proposed claims
	layerText
	layerOutline // the selected claim, then the scroll bar
	layerTip
	layerCount
)

const (
	underlineRows = 3 // rows drawn; deeper overlaps share the last row
	underlineH    = 2
	underlineStep = 3
)

// renderer turns the visible part of the layout into canvas objects,
// reusing them from pools so that a scroll or drag step allocates nothing.
type renderer struct {
	v       *View
	objects []fyne.CanvasObject
	layers  [layerCount][]fyne.CanvasObject
	texts   []*canvas.Text
	rects   []*canvas.Rectangle
	nText   int
	nRect   int
	ivs     []interval
	colours palette
}

// palette holds the theme colours of one rebuild.
type palette struct {
	text, selection, scrollBar color.Color
	fillAlpha                  uint8
}

func newRenderer(v *View) *renderer {
	return &renderer{v: v}
}

func (r *renderer) Layout(fyne.Size) { r.rebuild() }

func (r *renderer) MinSize() fyne.Size { return fyne.NewSize(minLayoutWidth, 100) }

func (r *renderer) Refresh() {
	r.rebuild()
	canvas.Refresh(r.v)
}

func (r *renderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *renderer) Destroy() {}

// rebuild lays out the canvas objects of what is on screen.
func (r *renderer) rebuild() {
	v := r.v
	v.ensureLayout()
	r.nText, r.nRect = 0, 0
	for i := range r.layers {
		r.layers[i] = r.layers[i][:0]
	}
	if v.lay != nil {
		r.colours = v.palette()
		r.drawHeader()
		bottom := v.scrollY + v.Size().Height
		for li := max(v.lay.lineAtY(v.scrollY), 0); li < len(v.lay.lines) && v.lay.lines[li].y < bottom; li++ {
			r.drawLine(li)
		}
		r.drawScrollBar()
		r.drawTip()
	}
	r.objects = r.objects[:0]
	for _, l := range r.layers {
		r.objects = append(r.objects, l...)
	}
}

func (v *View) palette() palette {
	th := v.Theme()
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	p := palette{
		text:      th.Color(theme.ColorNameForeground, variant),
		selection: th.Color(theme.ColorNameSelection, variant),
		scrollBar: th.Color(theme.ColorNameScrollBar, variant),
		fillAlpha: 0x40,
	}
	// On a dark page a translucent fill needs more strength to be seen.
	if luminance(th.Color(theme.ColorNameBackground, variant)) < 0.5 {
		p.fillAlpha = 0x78
	}
	return p
}

// fill is the translucent colour of a claim: light enough that text on it
// keeps AA contrast, a little stronger for the selected claim (which is
// outlined too).
func (p palette) fill(c color.Color, selected bool) color.Color {
	a := p.fillAlpha
	if selected {
		a += a / 4
	}
	return withAlpha(c, a)
}

func (r *renderer) drawHeader() {
	v := r.v
	for _, h := range v.lay.header {
		y := h.y - v.scrollY + v.textTop(styleHeading)
		if y+v.met.lineH[styleHeading] < 0 || y > v.Size().Height {
			continue
		}
		r.text(h.text, styleHeading, v.lay.colX, y, v.lay.colW)
	}
}

// drawLine draws claims, selection and text of line li.
func (r *renderer) drawLine(li int) {
	v := r.v
	ln := &v.lay.lines[li]
	if ln.trim == ln.start && (v.blankParagraph(ln.para) || !r.selectsNewline(ln)) {
		return // blank paragraphs take no room and show nothing
	}
	top := ln.y - v.scrollY + v.textTop(ln.style)
	textH := v.met.textH[ln.style]
	v.highlights.overlapping(ln.start, ln.trim, func(i int) {
		r.drawHighlight(li, i, top)
	})
	v.candidates.overlapping(ln.start, ln.trim, func(i int) {
		r.drawCandidate(li, i, top)
	})
	if v.selEnd > ln.start && v.selStart < ln.trim {
		r.ivs = v.spanIntervals(li, v.selStart, v.selEnd, r.ivs[:0])
		for _, iv := range r.ivs {
			r.rect(layerSelection, r.colours.selection, iv.x0, top-2, iv.x1-iv.x0, textH+4)
		}
	}
	if r.selectsNewline(ln) {
		x := lineEndX(v.visualLine(li))
		if v.visualLine(li).rtl {
			x -= v.met.space
		}
		r.rect(layerSelection, r.colours.selection, x, top-2, v.met.space, textH+4)
	}
	for _, p := range v.visualLine(li).pieces {
		if p.text != "" {
			r.text(p.text, ln.style, p.x, top, p.w)
		}
	}
}

// selectsNewline reports whether the selection runs on past the end of the
// line's text (its hanging spaces or its newline), shown as a small nub.
func (r *renderer) selectsNewline(ln *line) bool {
	v := r.v
	next := ln.end
	if ln.end == v.paras[ln.para].end && ln.end < len(v.text) {
		next++ // the newline itself
	}
	return v.selStart < next && v.selEnd > ln.trim && next > ln.trim
}

// text places article text in one of the view's styles.
func (r *renderer) text(s string, style uint8, x, y, w float32) {
	m := r.v.met
	r.placeText(layerText, s, r.colours.text, m.size[style], m.style[style], fyne.NewPos(x, y), fyne.NewSize(w, m.textH[style]))
}

// placeText places a pooled canvas.Text.
func (r *renderer) placeText(layer int, s string, c color.Color, size float32, style fyne.TextStyle, pos fyne.Position, box fyne.Size) {
	if r.nText == len(r.texts) {
		r.texts = append(r.texts, &canvas.Text{})
	}
	t := r.texts[r.nText]
	r.nText++
	t.Text, t.Color = s, c
	t.TextSize, t.TextStyle = size, style
	t.Move(pos)
	t.Resize(box)
	r.layers[layer] = append(r.layers[layer], t)
}

// rect places a pooled rectangle, reset to a plain fill.
func (r *renderer) rect(layer int, c color.Color, x, y, w, h float32) *canvas.Rectangle {
	if r.nRect == len(r.rects) {
		r.rects = append(r.rects, &canvas.Rectangle{})
	}
	rc := r.rects[r.nRect]
	r.nRect++
	rc.FillColor, rc.StrokeColor, rc.StrokeWidth, rc.CornerRadius = c, nil, 0, 0
	rc.Move(fyne.NewPos(x, y))
	rc.Resize(fyne.NewSize(w, h))
	r.layers[layer] = append(r.layers[layer], rc)
	return rc
}

func withAlpha(c color.Color, a uint8) color.Color {
	if c == nil {
		c = color.Gray{Y: 0x80}
	}
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = a
	return n
}

// luminance is the relative brightness of c, 0 (black) to 1 (white).
func luminance(c color.Color) float64 {
	if c == nil {
		return 1
	}
	r, g, b, _ := color.NRGBAModel.Convert(c).RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xffff
}
