package window

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// shareLayout sets two labels that cut their text short side by side,
// the first as wide as its text needs if the second's leaves room, and
// never narrower than half the row unless it needs less. The footer's
// counts so take the whole row when no hint shows, and a hint takes what
// the counts leave, where two fixed halves cut the counts at mid-window
// beside an empty hint.
type shareLayout struct{}

func (shareLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	first, second := objects[0].(*widget.Label), objects[1].(*widget.Label)
	width := min(textWidth(first), max(size.Width/2, size.Width-textWidth(second)))
	first.Move(fyne.NewPos(0, 0))
	first.Resize(fyne.NewSize(width, size.Height))
	second.Move(fyne.NewPos(width, 0))
	second.Resize(fyne.NewSize(size.Width-width, size.Height))
}

func (shareLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	a, b := objects[0].MinSize(), objects[1].MinSize()
	return fyne.NewSize(a.Width+b.Width, max(a.Height, b.Height))
}

// textWidth is how wide l would be to show its whole text on one line.
// Fyne cuts a label's text to the whole pixels it has: the width is
// rounded up, and a pixel more, so that rounding never costs a letter.
func textWidth(l *widget.Label) float32 {
	if l.Text == "" {
		return 0
	}
	text := fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle).Width
	return float32(math.Ceil(float64(text))) + 1 + 2*theme.InnerPadding()
}
