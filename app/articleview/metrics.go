package articleview

import (
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// metrics measures text for one theme and zoom. Shaping a string costs
// ~150 µs in Fyne, so wrapping sums cached per-rune advances instead, and
// only the spans that are on screen (line pieces, highlight and selection
// edges, hit-tests) are measured exactly, each once, in spans.
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
