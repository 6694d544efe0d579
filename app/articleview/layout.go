package articleview

import (
	"sort"
	"strings"
)

// Layout: the article wrapped into lines for one widget width and one
// theme, rebuilt only when the text, the width or the theme changes.
// Wrapping runs over the whole article, so it sums cached per-character
// widths (metrics) instead of shaping text; only what is on screen is
// measured exactly (see visual.go).

// The view draws text in two styles: the body and the article heading.
const (
	styleBody uint8 = iota
	styleHeading
)

// Page geometry, in units of the body line pitch where it should scale
// with the text size.
const (
	minLayoutWidth = 200  // windows first report tiny sizes; skip those
	columnChars    = 84   // readable measure: ~84 average characters
	maxColumnWidth = 760  // and never wider than this many pixels
	sideMargin     = 24   // minimum space left and right of the column
	paragraphGap   = 0.55 // space after a paragraph, in body lines
	headerGap      = 0.9  // space between a separate title and the text
	topMargin      = 1.0  // in body lines
	bottomMargin   = 2.0  // in body lines
)

// paragraph is a run of text between newlines, in code points.
type paragraph struct{ start, end int }

// line is one laid-out line of the article text.
type line struct {
	lineSpan
	para  int
	y     float32 // top, content coordinates
	style uint8
}

// headerLine is a line of the title when it is not part of the text: it is
// drawn but cannot be selected, since it has no offsets.
type headerLine struct {
	text string
	y    float32
}

// layout is the article wrapped for one widget width.
type layout struct {
	width  float32 // widget width the layout was made for
	colX   float32 // column left, widget coordinates
	colW   float32
	lines  []line
	header []headerLine
	height float32 // content height including margins
}

// splitParagraphs cuts text at newlines.
func splitParagraphs(text []rune) []paragraph {
	var out []paragraph
	start := 0
	for i, r := range text {
		if r == '\n' {
			out = append(out, paragraph{start, i})
			start = i + 1
		}
	}
	return append(out, paragraph{start, len(text)})
}

// headingParagraph returns the index of the paragraph that repeats the
// title (stored articles start with their title line), or -1. That
// paragraph is drawn as the heading, and stays selectable.
func headingParagraph(text []rune, paras []paragraph, title string) int {
	title = strings.TrimSpace(title)
	for i, p := range paras {
		s := strings.TrimSpace(string(text[p.start:p.end]))
		if s == "" {
			continue
		}
		if s == title {
			return i
		}
		return -1
	}
	return -1
}

// columnFor returns the column left and width for a widget width. The cap
// grows with the zoom, so that zooming in enlarges the page, as in a
// browser, rather than cutting the measure to fewer words.
func columnFor(width float32, m *metrics, scrollBarW float32) (x, w float32) {
	w = min(m.avgChar*columnChars, maxColumnWidth*m.zoom, width-2*sideMargin-scrollBarW)
	x = (width - scrollBarW - w) / 2
	return x, w
}

// invalidateLayout drops everything derived from the text and its width.
func (v *View) invalidateLayout() {
	v.hideTip() // its claims are no longer where it points
	v.lay = nil
	v.bidiCache = map[int]*paraBidi{}
	v.visCache = map[int]*visLine{}
	if v.met != nil {
		clear(v.met.spans)
	}
}

// ensureLayout (re)wraps the article when the text, the width, the theme or
// the zoom changed, keeping the line at the top of the view on top. Below
// minLayoutWidth there is no layout at all.
func (v *View) ensureLayout() {
	key := metricsKeyOf(v.Theme(), v.zoom)
	width := v.Size().Width
	if v.met != nil && key == v.metKey && v.lay != nil && v.lay.width == width {
		return
	}
	top := v.topPlace()
	if v.met == nil || key != v.metKey {
		// Lines of another size: the top line starts the view, as it
		// would in a browser zooming.
		top.Below = 0
		v.met, v.metKey = newMetrics(v.Theme(), v.zoom), key
		v.invalidateLayout()
	}
	if width < minLayoutWidth {
		return
	}
	v.invalidateLayout()
	v.lay = v.buildLayout(width)
	switch {
	case v.pendingOffset >= 0 && v.pendingTop:
		// Kept as the place itself, so the relayouts a window makes while
		// it settles on its size wrap around it instead of creeping back.
		top = Place{Offset: v.pendingOffset, Below: v.pendingBelow}
		v.scrollY = v.yOf(top)
		v.pendingOffset, v.pendingTop = -1, false
	case v.pendingOffset >= 0:
		v.scrollToOffset(v.pendingOffset, false)
	case top.Offset >= 0:
		v.scrollY = v.yOf(top)
	}
	v.scrollY = v.clampScroll(v.scrollY)
	v.kept = keptTop{place: top, y: v.scrollY}
}

// buildLayout wraps the whole article for the given widget width.
func (v *View) buildLayout(width float32) *layout {
	m := v.met
	l := &layout{width: width}
	l.colX, l.colW = columnFor(width, m, scrollBarArea)
	bodyH := m.lineH[styleBody]
	y := float32(topMargin) * bodyH
	if v.headingPara < 0 && strings.TrimSpace(v.title) != "" {
		y = v.layoutHeader(l, y)
	}
	widths := [2]func(rune) float32{
		func(r rune) float32 { return m.runeWidth(styleBody, r) },
		func(r rune) float32 { return m.runeWidth(styleHeading, r) },
	}
	l.lines = make([]line, 0, len(v.text)/60+len(v.paras))
	var spans []lineSpan
	for pi, p := range v.paras {
		style := styleBody
		if pi == v.headingPara {
			style = styleHeading
		}
		spans = wrapParagraph(v.text, p.start, p.end, l.colW, widths[style], spans[:0])
		blank := v.blankParagraph(pi)
		for _, s := range spans {
			l.lines = append(l.lines, line{lineSpan: s, para: pi, y: y, style: style})
			if !blank {
				y += m.lineH[style]
			}
		}
		if !blank && pi+1 < len(v.paras) {
			y += paragraphGap * bodyH
		}
	}
	l.height = y + bottomMargin*bodyH
	return l
}

// layoutHeader wraps the title above the text and returns the y where the
// text starts.
func (v *View) layoutHeader(l *layout, y float32) float32 {
	m := v.met
	title := []rune(strings.TrimSpace(v.title))
	width := func(r rune) float32 { return m.runeWidth(styleHeading, r) }
	for _, s := range wrapParagraph(title, 0, len(title), l.colW, width, nil) {
		l.header = append(l.header, headerLine{text: displayString(title[s.start:s.trim]), y: y})
		y += m.lineH[styleHeading]
	}
	return y + headerGap*m.lineH[styleBody]
}

// lineAtY returns the index of the line whose box holds content y: the last
// line starting at or above y, so gaps belong to the line above. It is -1
// above the first line.
func (l *layout) lineAtY(y float32) int {
	return sort.Search(len(l.lines), func(i int) bool { return l.lines[i].y > y }) - 1
}

// lineOf returns the index of the line holding code-point offset off. An
// offset at a wrap point belongs to the line it starts.
func (l *layout) lineOf(off int) int {
	i := sort.Search(len(l.lines), func(i int) bool { return l.lines[i].start > off }) - 1
	return max(i, 0)
}

// blankParagraph reports a paragraph of nothing but whitespace: it gets a
// line, so its offsets have a place, but no height.
func (v *View) blankParagraph(pi int) bool {
	p := v.paras[pi]
	return trimEnd(v.text, p.start, p.end) == p.start
}
