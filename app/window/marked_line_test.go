package window

import (
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// shownText is what line shows now, "…" and all.
func shownText(line *markedLine) string {
	text := ""
	for _, t := range test.WidgetRenderer(line).(*markedLineRenderer).texts {
		if t.Visible() {
			text += t.Text
		}
	}
	return text
}

// TestCutToFit measures every rune as 1 wide and a bold one as 2 ("…"
// too, in its run's style), so the cuts can be worked out by hand.
func TestCutToFit(t *testing.T) {
	width := func(runs []textRun) func(int, string) float32 {
		return func(i int, text string) float32 {
			n := float32(len([]rune(text)))
			if runs[i].bold {
				n *= 2
			}
			return n
		}
	}
	for _, c := range []struct {
		name       string
		runs       []textRun
		room       float32
		last, keep int
	}{
		{"one run cut", []textRun{{text: "abcdefghij"}}, 6, 0, 5},
		{"cut in the second run", []textRun{{text: "abc"}, {text: "defghij"}}, 6, 1, 2},
		{"the first run ends just before the cut", []textRun{{text: "abc"}, {text: "defghij"}}, 4, 1, 0},
		{"no room for … after the first run", []textRun{{text: "abc"}, {text: "d", bold: true}, {text: "efg"}}, 4, 0, 3},
		{"a bold run cut", []textRun{{text: "ab"}, {text: "cdef", bold: true}}, 8, 1, 2},
		{"nothing but … fits", []textRun{{text: "abcdef"}}, 1, 0, 0},
		{"characters are never split", []textRun{{text: "ae\u0301e\u0301e\u0301"}}, 3, 0, 1},
		{"a character whole", []textRun{{text: "ae\u0301e\u0301e\u0301"}}, 4, 0, 3},
	} {
		widths := make([]float32, len(c.runs))
		for i, r := range c.runs {
			widths[i] = width(c.runs)(i, r.text)
		}
		last, keep := cutToFit(c.runs, widths, c.room, width(c.runs))
		if last != c.last || keep != c.keep {
			t.Errorf("%s: cut run %d keeping %d runes, want run %d keeping %d", c.name, last, keep, c.last, c.keep)
		}
	}
}

func TestMarkedLineEndsInAnEllipsisWhereItIsCut(t *testing.T) {
	test.NewTempApp(t)
	quote := strings.Repeat("Peskov said the report was false ", 6) + "and denied the hack"
	runs := emphasised("denial  ", quote, []int{len([]rune(quote)) - 4, len([]rune(quote)) - 3}) // "ha" of "hack"
	line := newMarkedLine()
	line.SetRuns(runs)
	w := test.NewTempWindow(t, line)
	w.Resize(fyne.NewSize(400, 60))
	line.Resize(fyne.NewSize(400, 40))

	shown := shownText(line)
	if !strings.HasSuffix(shown, ellipsis) {
		t.Fatalf("a quote too long for the row shows %q, not ending in …", shown)
	}
	if cut := strings.TrimSuffix(shown, ellipsis); !strings.HasPrefix("denial  "+quote, cut) || len(cut) < 20 {
		t.Errorf("shows %q: not the start of the quote, or too little of it", shown)
	}
	pad := theme.InnerPadding()
	for _, o := range test.WidgetRenderer(line).Objects() {
		if o.Visible() && o.Position().X+o.Size().Width > 400-pad+0.5 {
			t.Errorf("%v at %v reaches past the row's width", o.Size(), o.Position())
		}
	}

	line.Resize(fyne.NewSize(4000, 40))
	if shown := shownText(line); shown != "denial  "+quote {
		t.Errorf("given room, it shows %q, not the whole quote", shown)
	}
	last := test.WidgetRenderer(line).(*markedLineRenderer).texts[len(runs)-2] // the marked "ha"
	if !last.TextStyle.Bold || last.Text != "ha" {
		t.Errorf("the matched letters show as %q, bold %v", last.Text, last.TextStyle.Bold)
	}

	line.SetRuns(emphasised("praise  ", "Short.", nil))
	if shown := shownText(line); shown != "praise  Short." {
		t.Errorf("a row reused for a shorter quote shows %q", shown)
	}
}

func TestMarkedLineKeepsAccentsWithTheirLetters(t *testing.T) {
	test.NewTempApp(t)
	quote := strings.Repeat("e\u0301te\u0301 ", 40)
	line := newMarkedLine()
	line.SetRuns([]textRun{{text: quote}})
	w := test.NewTempWindow(t, line)
	w.Resize(fyne.NewSize(200, 60))
	runes := []rune(quote)
	for width := float32(60); width < 200; width += 7 {
		line.Resize(fyne.NewSize(width, 40))
		cut := []rune(strings.TrimSuffix(shownText(line), ellipsis))
		if len(cut) >= len(runes) {
			t.Fatalf("at %v wide the whole quote shows", width)
		}
		if unicode.Is(unicode.Mn, runes[len(cut)]) {
			t.Errorf("at %v wide the cut leaves a letter without its accent: %q", width, string(cut))
		}
	}
}
