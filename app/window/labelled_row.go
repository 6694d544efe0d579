package window

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// A labelled row is a list row of a claim: a bar in its label's colour
// down the left side, beside lines of text. The claims panel, the search
// palette and the adjudication panel list claims so.

// newLabelledRow makes a labelled row of lines, one above the other.
func newLabelledRow(lines ...fyne.CanvasObject) fyne.CanvasObject {
	bar := canvas.NewRectangle(nil)
	bar.SetMinSize(fyne.NewSize(5, 10))
	return container.NewBorder(nil, nil, bar, nil, container.NewVBox(lines...))
}

// paintLabelledRow colours the bar of a row newLabelledRow made for label,
// and returns the row's lines for the caller to fill.
func (w *mainWindow) paintLabelledRow(item fyne.CanvasObject, label string) []fyne.CanvasObject {
	box := item.(*fyne.Container) // the lines first, then the bar
	bar := box.Objects[1].(*canvas.Rectangle)
	bar.FillColor = w.labelColour(label)
	bar.Refresh()
	return box.Objects[0].(*fyne.Container).Objects
}
