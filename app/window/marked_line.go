package window

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/rivo/uniseg"
)

// markedLine is one line of text in runs, some bold or coloured, cut with
// "…" where its width ends: the search palette's quote, with its label
// before it and the letters the query matched marked. Fyne's RichText cuts
// each run on its own and adds "…" only after a row's last run, so a quote
// cut before a later match ended bare, with no sign that it went on.
type markedLine struct {
	widget.BaseWidget
	runs []textRun
}

// textRun is a stretch of a markedLine's text in one style.
type textRun struct {
	text   string
	bold   bool
	colour fyne.ThemeColorName // empty: the text's own colour
}

func newMarkedLine() *markedLine {
	l := &markedLine{}
	l.ExtendBaseWidget(l)
	return l
}

// SetRuns shows runs in place of the line's text.
func (l *markedLine) SetRuns(runs []textRun) {
	l.runs = runs
	l.Refresh()
}

func (l *markedLine) CreateRenderer() fyne.WidgetRenderer {
	r := &markedLineRenderer{line: l}
	r.update()
	return r
}

// markedLineRenderer draws a markedLine as one canvas.Text a run.
type markedLineRenderer struct {
	line    *markedLine
	texts   []*canvas.Text
	objects []fyne.CanvasObject
}

// update makes one text a run, in the run's style and the theme's colours.
func (r *markedLineRenderer) update() {
	runs := r.line.runs
	for len(r.texts) < len(runs) {
		t := canvas.NewText("", nil)
		r.texts = append(r.texts, t)
		r.objects = append(r.objects, t)
	}
	th := r.line.Theme()
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	for i, t := range r.texts {
		if i >= len(runs) {
			t.Hide()
			continue
		}
		colour := runs[i].colour
		if colour == "" {
			colour = theme.ColorNameForeground
		}
		t.Color = th.Color(colour, variant)
		t.TextSize = th.Size(theme.SizeNameText)
		t.TextStyle = fyne.TextStyle{Bold: runs[i].bold}
	}
}

// Layout sets the runs side by side from the left, the first that does
// not fit cut to end in "…" and those after it hidden.
func (r *markedLineRenderer) Layout(size fyne.Size) {
	if len(r.texts) < len(r.line.runs) {
		r.update()
	}
	th := r.line.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	textSize := th.Size(theme.SizeNameText)
	runs := r.line.runs
	widths := make([]float32, len(runs))
	total := float32(0)
	for i, run := range runs {
		widths[i] = fyne.MeasureText(run.text, textSize, r.texts[i].TextStyle).Width
		total += widths[i]
	}
	room := size.Width - 2*pad
	last, cutAt := len(runs)-1, -1 // the last run shown, and where it is cut (-1: whole)
	if total > room {
		last, cutAt = cutToFit(runs, widths, room, func(i int, text string) float32 {
			return fyne.MeasureText(text, textSize, r.texts[i].TextStyle).Width
		})
	}
	x := pad
	for i, t := range r.texts {
		if i >= len(runs) || i > last {
			t.Hide()
			continue
		}
		t.Show()
		t.Text = runs[i].text
		width := widths[i]
		if i == last && cutAt >= 0 {
			t.Text = string([]rune(runs[i].text)[:cutAt]) + ellipsis
			width = fyne.MeasureText(t.Text, textSize, t.TextStyle).Width
		}
		height := t.MinSize().Height
		t.Move(fyne.NewPos(x, (size.Height-height)/2))
		t.Resize(fyne.NewSize(width, height))
		x += width
	}
}

const ellipsis = "…"

// cutToFit finds where runs, whole widths wide, must be cut so that they
// and "…" fit in room: the run cut and the runes of it kept, as many
// whole characters as fit (perhaps none). width measures a text in run
// i's style.
func cutToFit(runs []textRun, widths []float32, room float32, width func(i int, text string) float32) (last, keep int) {
	before := float32(0) // the widths of the runs before run i, all shown
	for i, run := range runs {
		if i > 0 && before+width(i, ellipsis) > room {
			// Not even "…" fits after the runs before: cut the one before.
			return cutToFit(runs[:i], widths[:i], room, width)
		}
		if i < len(runs)-1 && before+widths[i]+width(i, ellipsis) <= room {
			before += widths[i]
			continue
		}
		runes := []rune(run.text)
		ends := characterEnds(run.text)
		fits := func(n int) bool { return before+width(i, string(runes[:ends[n]])+ellipsis) <= room }
		low, high := 0, len(ends)-1 // fits(0) is taken as true: at worst "…" alone overflows
		for low < high {
			mid := (low + high + 1) / 2
			if fits(mid) {
				low = mid
			} else {
				high = mid - 1
			}
		}
		return i, ends[low]
	}
	return len(runs) - 1, -1
}

// characterEnds is 0 and the rune offset of the end of each character
// (grapheme cluster) of text: where it may be cut without splitting an
// accent from its letter or an emoji sequence.
func characterEnds(text string) []int {
	ends := []int{0}
	g := uniseg.NewGraphemes(text)
	for g.Next() {
		ends = append(ends, ends[len(ends)-1]+len(g.Runes()))
	}
	return ends
}

func (r *markedLineRenderer) MinSize() fyne.Size {
	th := r.line.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	size := fyne.MeasureText(ellipsis, th.Size(theme.SizeNameText), fyne.TextStyle{})
	return fyne.NewSize(size.Width+2*pad, size.Height+2*pad)
}

func (r *markedLineRenderer) Refresh() {
	r.update()
	r.Layout(r.line.Size())
	canvas.Refresh(r.line)
}

func (r *markedLineRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *markedLineRenderer) Destroy() {}
