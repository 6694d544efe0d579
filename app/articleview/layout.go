package articleview

import (
	"sort"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
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

// Line breaking: greedy, by estimated widths, at the opportunities a reader
// expects — after spaces, after a hyphen or dash inside a word, between
// characters of scripts written without spaces — and, for a word longer
// than the column, at a grapheme boundary. Spaces at the end of a line hang
// past the column and are never the reason for a break.

// lineSpan is a wrapped line in code points; end excludes the paragraph's
// newline and trim excludes trailing whitespace.
type lineSpan struct{ start, end, trim int }

// wrapParagraph breaks text[ps:pe] into lines no wider than maxW.
func wrapParagraph(text []rune, ps, pe int, maxW float32, width func(rune) float32, out []lineSpan) []lineSpan {
	lineStart := ps
	var x, xAtBreak float32
	brk := -1
	emit := func(end int) {
		out = append(out, lineSpan{start: lineStart, end: end, trim: trimEnd(text, lineStart, end)})
		lineStart = end
	}
	for i := ps; i < pe; i++ {
		r := text[i]
		w := width(r)
		if isBlank(r) {
			x += w
			if isBoundary(text, i+1) { // not a space carrying a mark
				brk, xAtBreak = i+1, x
			}
			continue
		}
		if i > lineStart && canBreakBefore(text, i) {
			brk, xAtBreak = i, x
		}
		if x+w > maxW && i > lineStart && brk > lineStart {
			emit(brk)
			x -= xAtBreak
			brk = -1
		}
		if x+w > maxW && i > lineStart {
			// No opportunity left on this line: the word is longer than
			// the column, so it breaks at the character.
			if b := clusterStart(text, i); b > lineStart {
				emit(b)
				x = 0
				for j := b; j < i; j++ {
					x += width(text[j])
				}
				brk = -1
			}
		}
		x += w
	}
	emit(pe)
	return out
}

// trimEnd returns end moved back over trailing whitespace.
func trimEnd(text []rune, start, end int) int {
	for end > start && isBlank(text[end-1]) {
		end--
	}
	return end
}

// canBreakBefore reports a break opportunity between text[i-1] and text[i]
// (i > 0), other than after a space, which the caller handles.
func canBreakBefore(text []rune, i int) bool {
	a, b := text[i-1], text[i]
	if isDash(a) {
		return i >= 2 && unicode.IsLetter(text[i-2]) && (unicode.IsLetter(b) || unicode.IsDigit(b))
	}
	if a < 0x80 && b < 0x80 { // the common case, decided without tables
		return false
	}
	if a == '\u200b' {
		return isBoundary(text, i)
	}
	if isIdeographic(a) || isIdeographic(b) {
		return isBoundary(text, i) && !noBreakBefore(b) && !noBreakAfter(a)
	}
	return false
}

func isDash(r rune) bool {
	return r == '-' || r == '\u2010' || r == '\u2013' || r == '\u2014' || r == '/'
}

// noBreakBefore lists closing punctuation that must stay with the character
// before it (kinsoku shori for CJK, and Latin closers).
func noBreakBefore(r rune) bool {
	switch r {
	case '、', '。', '，', '．', '：', '；', '？', '！', '）', '」', '』', '】', '〉', '》', '〕', '］', '｝',
		'ー', 'ゝ', 'ゞ', '々', '…', '‥', '・', ')', ']', '}', ',', '.', ':', ';', '!', '?', '"', '\'', '\u201d', '\u2019':
		return true
	}
	return unicode.In(r, unicode.Pe, unicode.Pf)
}

// noBreakAfter lists opening punctuation that must stay with what follows.
func noBreakAfter(r rune) bool {
	switch r {
	case '（', '「', '『', '【', '〈', '《', '〔', '［', '｛', '(', '[', '{', '\u201c', '\u2018':
		return true
	}
	return unicode.In(r, unicode.Ps, unicode.Pi)
}

// metrics measures text for one theme and zoom. Shaping a string costs
// ~150 µs in Fyne, so wrapping sums cached per-rune advances instead, and
// only the spans that are on screen (line pieces, highlight and selection
// edges, hit-tests) are measured exactly, each once, in spanCache.
type metrics struct {
	size     [2]float32
	style    [2]fyne.TextStyle
	textH    [2]float32 // height of a rendered line of text
	baseline [2]float32 // distance from the text top to its baseline
	lineH    [2]float32 // line pitch, text plus leading
	avgChar  float32    // average body advance, for the column cap
	space    float32    // body space advance, for newline nubs
	zoom     float32

	ascii [2][128]float32
	runes [2]map[rune]float32
	spans map[[2]int32]float32
}

// maxSpanCache bounds the exact-width cache; past it the cache restarts,
// which costs a few re-measures of what is on screen.
const maxSpanCache = 1 << 16

// metricsKey identifies what the metrics depend on: the theme's fonts and
// sizes, and the zoom, since every cached width scales with it.
type metricsKey struct {
	body, heading float32
	font, bold    string
	zoom          float32
}

func metricsKeyOf(th fyne.Theme, zoom float32) metricsKey {
	return metricsKey{
		body:    th.Size(theme.SizeNameText),
		heading: th.Size(theme.SizeNameHeadingText),
		font:    fontName(th.Font(fyne.TextStyle{})),
		bold:    fontName(th.Font(fyne.TextStyle{Bold: true})),
		zoom:    zoom,
	}
}

func fontName(r fyne.Resource) string {
	if r == nil {
		return ""
	}
	return r.Name()
}

func newMetrics(th fyne.Theme, zoom float32) *metrics {
	m := &metrics{spans: map[[2]int32]float32{}, zoom: zoom}
	m.size[styleBody] = (th.Size(theme.SizeNameText) + 2) * zoom
	m.size[styleHeading] = th.Size(theme.SizeNameHeadingText) * zoom
	m.style[styleHeading] = fyne.TextStyle{Bold: true}
	drv := fyne.CurrentApp().Driver()
	for s := range m.size {
		size, base := drv.RenderedTextSize("Ag", m.size[s], m.style[s], nil)
		m.textH[s], m.baseline[s] = size.Height, base
		for i := range m.ascii[s] {
			m.ascii[s][i] = -1
		}
		m.runes[s] = map[rune]float32{}
	}
	m.lineH[styleBody] = float32(int(m.textH[styleBody]*1.45 + 0.5))
	m.lineH[styleHeading] = float32(int(m.textH[styleHeading]*1.25 + 0.5))
	const sample = "the quick brown fox jumps over the lazy dog, THEN 1984 more"
	m.avgChar = m.measure(styleBody, sample) / float32(len(sample))
	m.space = m.runeWidth(styleBody, ' ')
	return m
}

// measure returns the exact advance of s in the given style.
func (m *metrics) measure(style uint8, s string) float32 {
	return fyne.MeasureText(s, m.size[style], m.style[style]).Width
}

// runeWidth is the cached advance of r on its own, the estimate wrapping
// uses. Marks and format characters advance nothing once attached.
func (m *metrics) runeWidth(style uint8, r rune) float32 {
	if r < 128 {
		w := m.ascii[style][r]
		if w < 0 {
			w = m.measure(style, string(displayRune(r)))
			m.ascii[style][r] = w
		}
		return w
	}
	if w, ok := m.runes[style][r]; ok {
		return w
	}
	var w float32
	if !isZeroWidth(r) {
		w = m.measure(style, string(displayRune(r)))
	}
	m.runes[style][r] = w
	return w
}

// spanWidth is the exact advance of text[a:b] as one shaped string.
func (m *metrics) spanWidth(text []rune, style uint8, a, b int) float32 {
	if b <= a {
		return 0
	}
	key := [2]int32{int32(a), int32(b)}
	if w, ok := m.spans[key]; ok {
		return w
	}
	if len(m.spans) >= maxSpanCache {
		clear(m.spans)
	}
	w := m.measure(style, displayString(text[a:b]))
	m.spans[key] = w
	return w
}

func isZeroWidth(r rune) bool {
	return isExtend(r) || r == zwj || r == '\u200b' || unicode.Is(unicode.Cf, r)
}

// displayRune maps characters that have no glyph of their own in running
// text (tabs, other controls) to a space, one rune for one, so that a
// displayed string keeps the code-point offsets of the stored text.
func displayRune(r rune) rune {
	if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r == '\u2028' || r == '\u2029' {
		return ' '
	}
	return r
}

// displayString converts a span of text for drawing and measuring.
func displayString(text []rune) string {
	clean := true
	for _, r := range text {
		if displayRune(r) != r {
			clean = false
			break
		}
	}
	if clean {
		return string(text)
	}
	out := make([]rune, len(text))
	for i, r := range text {
		out[i] = displayRune(r)
	}
	return string(out)
}
