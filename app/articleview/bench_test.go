package articleview

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// benchText makes about size bytes of distinct pseudo-words in paragraphs
// of ~70 words, with the seed's Arabic line now and then.
func benchText(size int) string {
	syllables := []string{"ka", "lo", "mir", "te", "vos", "an", "ul", "pre", "sid", "ent", "qua", "ro", "z", "bel"}
	var b strings.Builder
	seed := uint32(1)
	next := func(n int) int {
		seed = seed*1664525 + 1013904223
		return int(seed>>16) % n
	}
	for words := 0; b.Len() < size; words++ {
		for s := next(3) + 1; s > 0; s-- {
			b.WriteString(syllables[next(len(syllables))])
		}
		switch {
		case words%700 == 699:
			b.WriteString("\nإقرأ هذا الخبر بالعربية W460\n")
		case words%70 == 69:
			b.WriteString(".\n")
		default:
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func benchView(b *testing.B, size int) *View {
	v, _ := newTestView(b, "Benchmark article", benchText(size), fyne.NewSize(1000, 800))
	return v
}

func BenchmarkLayout(b *testing.B) {
	for _, size := range []int{100 << 10, 1 << 20} {
		b.Run(fmt.Sprintf("%dKB", size>>10), func(b *testing.B) {
			v := benchView(b, size)
			for b.Loop() {
				v.buildLayout(1000)
			}
			b.ReportMetric(float64(len(v.lay.lines)), "lines")
		})
	}
}

// BenchmarkOpen is SetDocument to a drawn frame: wrapping plus the exact
// measuring and canvas objects of the visible lines.
func BenchmarkOpen(b *testing.B) {
	for _, size := range []int{100 << 10, 1 << 20} {
		b.Run(fmt.Sprintf("%dKB", size>>10), func(b *testing.B) {
			text := benchText(size)
			v, w := newTestView(b, "", "", fyne.NewSize(1000, 800))
			i := 0
			for b.Loop() {
				i++
				v.SetDocument("Benchmark article", fmt.Sprint(i)+text) // new first line each time
				_ = test.WidgetRenderer(v).Objects()
			}
			_ = w
		})
	}
}

func BenchmarkHitTest(b *testing.B) {
	v := benchView(b, 1<<20)
	v.SetScrollPosition(v.lay.height / 2)
	var points []fyne.Position
	for y := float32(10); y < 790; y += 37 {
		for x := float32(150); x < 900; x += 101 {
			points = append(points, fyne.NewPos(x, y))
		}
	}
	i := 0
	for b.Loop() {
		v.OffsetAt(points[i%len(points)])
		i++
	}
}

// BenchmarkDragStep moves a drag between two lines, so that every step
// changes the selection and redraws the visible lines.
func BenchmarkDragStep(b *testing.B) {
	v := benchView(b, 1<<20)
	v.SetScrollPosition(v.lay.height / 2)
	start := fyne.NewPos(300, 200)
	v.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: start}, Button: desktop.MouseButtonPrimary})
	ends := []fyne.Position{fyne.NewPos(600, 400), fyne.NewPos(420, 560)}
	i := 0
	for b.Loop() {
		end := ends[i%2]
		i++
		v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: end}, Dragged: fyne.NewDelta(1, 1)})
	}
	v.DragEnd()
}

// BenchmarkSetHighlights applies one more claim to an article with 300,
// as labelling a selection does, and redraws what is visible.
func BenchmarkSetHighlights(b *testing.B) {
	v := benchView(b, 1<<20)
	v.SetScrollPosition(v.lay.height / 2)
	top, _ := v.OffsetAt(fyne.NewPos(300, 10))
	colours := []Highlight{{Colour: blue}, {Colour: vermilion}, {Colour: green}}
	hs := make([]Highlight, 0, 301)
	for i := range 300 {
		h := colours[i%3]
		h.ID, h.Start = uint64(i+1), top-3000+i*20
		h.End = h.Start + 15 + i%40
		hs = append(hs, h)
	}
	more := append(hs, Highlight{ID: 999, Start: top + 100, End: top + 160, Colour: blue})
	i := 0
	for b.Loop() {
		if i%2 == 0 {
			v.SetHighlights(more)
		} else {
			v.SetHighlights(hs)
		}
		i++
	}
}

// BenchmarkHoverStep moves the pointer across claims with tips, as it
// does all day: every step hit-tests and finds the claims under it.
func BenchmarkHoverStep(b *testing.B) {
	v := benchView(b, 1<<20)
	v.SetScrollPosition(v.lay.height / 2)
	top, _ := v.OffsetAt(fyne.NewPos(300, 10))
	hs := make([]Highlight, 0, 300)
	for i := range 300 {
		start := top - 3000 + i*20
		hs = append(hs, Highlight{ID: uint64(i + 1), Start: start, End: start + 15 + i%40, Colour: blue, Tip: "denial · Dmitry Peskov → USA · ana"})
	}
	v.SetHighlights(hs)
	v.tip.schedule = func(time.Duration, func()) func() bool { return func() bool { return true } }
	v.MouseIn(&desktop.MouseEvent{})
	points := []fyne.Position{fyne.NewPos(300, 200), fyne.NewPos(420, 230), fyne.NewPos(610, 420), fyne.NewPos(611, 421)}
	i := 0
	for b.Loop() {
		v.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: points[i%len(points)]}})
		i++
	}
}
