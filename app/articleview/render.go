package articleview

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// Drawing layers, bottom to top.
const (
	layerFill = iota // claim fills
	layerSelection
	layerUnderline // claim underlines, one row per overlap depth
	layerText
	layerOutline // the selected claim, then the scroll bar
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
}

// text places a pooled canvas.Text.
func (r *renderer) text(s string, style uint8, x, y, w float32) {
	if r.nText == len(r.texts) {
		r.texts = append(r.texts, &canvas.Text{})
	}
	t := r.texts[r.nText]
	r.nText++
	t.Text, t.Color = s, r.colours.text
	t.TextSize, t.TextStyle = r.v.met.size[style], r.v.met.style[style]
	t.Move(fyne.NewPos(x, y))
	t.Resize(fyne.NewSize(w, r.v.met.textH[style]))
	r.layers[layerText] = append(r.layers[layerText], t)
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
