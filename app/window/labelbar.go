package window

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/storage"
)

// labelBar sits above the article: a chip per label (colour, hotkey,
// name) that applies it. The chips wrap into rows, so any number of labels
// fits the window's width.
type labelBar struct {
	w         *mainWindow
	chips     *fyne.Container
	box       *fyne.Container
	host      *fyne.Container // the bar above the article, laid out again when its height changes
	suggested string          // the label marked as suggested for the selection
}

func newLabelBar(w *mainWindow) *labelBar {
	rows := &chipRows{}
	b := &labelBar{w: w, chips: container.New(rows)}
	b.box = container.NewBorder(nil, widget.NewSeparator(), nil, nil, b.chips)
	// The bar's height follows its width; Fyne asks for heights before it
	// gives widths, so a width that changes the rows lays the bar and the
	// article below it out again, after the layout under way. Only they
	// move: refreshing the whole window instead redrew every list's rows
	// (25–30 ms of the start-up at 100,000 claims).
	rows.rowsChanged = func() {
		fyne.Do(func() {
			if b.host != nil {
				b.host.Layout.Layout(b.host.Objects, b.host.Size())
			}
		})
	}
	return b
}

// above is the bar set above content, the two laid out again together
// whenever the bar's rows change.
func (b *labelBar) above(content fyne.CanvasObject) fyne.CanvasObject {
	b.host = container.NewBorder(b.box, nil, nil, nil, content)
	return b.host
}

func (b *labelBar) refreshLabels() {
	b.chips.RemoveAll()
	for _, l := range b.w.session.Labels() {
		b.chips.Add(b.chip(l))
	}
	b.chips.Refresh()
}

// markSuggested shows which label the assistant suggests for the text
// selection (Enter applies it) as the one chip drawn strong; "" marks
// none.
func (b *labelBar) markSuggested(label string) {
	if label == b.suggested {
		return
	}
	b.suggested = label
	for _, o := range b.chips.Objects {
		chip := o.(*fyne.Container).Objects[1].(*labelChip)
		importance := widget.LowImportance
		if chip.name == label {
			importance = widget.HighImportance
		}
		if chip.Importance != importance {
			chip.Importance = importance
			chip.Refresh()
		}
	}
}

func (b *labelBar) chip(l storage.Label) fyne.CanvasObject {
	name := l.Name
	text := shortLabelName(name)
	if l.Hotkey != "" {
		text = l.Hotkey + "  " + text
	}
	swatch := canvas.NewRectangle(labelSwatch(l.Colour))
	swatch.CornerRadius = 3
	swatch.SetMinSize(fyne.NewSize(14, 14))
	button := &labelChip{footer: b.w.footer, meaning: labelMeaning(l), name: name}
	button.Text, button.Importance, button.OnTapped = text, widget.LowImportance, func() { b.w.applyLabel(name) }
	if name == b.suggested {
		button.Importance = widget.HighImportance
	}
	button.ExtendBaseWidget(button)
	return container.NewHBox(container.NewCenter(swatch), button)
}

// labelChip is a label's button that shows the label's meaning, its
// guideline for annotators, in the footer while the pointer rests on it.
type labelChip struct {
	widget.Button
	footer  *footer
	meaning string
	name    string
}

// MouseIn is part of desktop.Hoverable.
func (c *labelChip) MouseIn(ev *desktop.MouseEvent) {
	c.Button.MouseIn(ev)
	c.footer.hint(c.meaning)
}

// MouseOut is part of desktop.Hoverable.
func (c *labelChip) MouseOut() {
	c.Button.MouseOut()
	c.footer.hint("")
}

// labelMeaning is how the help sheet and a chip's hover say what a label
// is for.
func labelMeaning(l storage.Label) string {
	if l.Description == "" {
		return l.Name + ": no meaning written yet (Edit > Labels…)"
	}
	return l.Name + ": " + l.Description
}

// shortLabelName keeps a chip no wider than a few words: imported label
// names can be sentences, and one wide chip would widen the whole column.
func shortLabelName(name string) string {
	const most = 16
	if r := []rune(name); len(r) > most {
		return string(r[:most-1]) + "…"
	}
	return name
}

// chipRows lays chips out left to right in as many rows as the width
// needs. Unlike Fyne's row-wrap layout its minimum width is the widest
// chip, not the width it was last given, so the column around it can
// shrink again; its height is that of the rows at the last width.
type chipRows struct {
	width       float32 // the last width given, 0 before the first layout
	reported    float32 // the height MinSize last returned
	rowsChanged func()  // called when a new width needs another height
}

func (l *chipRows) MinSize(chips []fyne.CanvasObject) fyne.Size {
	widest := float32(0)
	for _, c := range chips {
		widest = max(widest, c.MinSize().Width)
	}
	width := l.width
	if width == 0 {
		width = float32(math.MaxFloat32) // one row until a width is known
	}
	l.reported = l.place(chips, max(width, widest), false)
	return fyne.NewSize(widest, l.reported)
}

func (l *chipRows) Layout(chips []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	if height := l.place(chips, size.Width, true); height != l.reported && l.rowsChanged != nil {
		l.reported = height
		l.rowsChanged()
	}
}

// place puts the chips in rows within width, moving them when apply is
// set, and returns the rows' height.
func (l *chipRows) place(chips []fyne.CanvasObject, width float32, apply bool) float32 {
	gap := theme.Padding()
	var x, y, rowHeight float32
	for _, c := range chips {
		size := c.MinSize()
		if x > 0 && x+size.Width > width {
			x, y = 0, y+rowHeight+gap
			rowHeight = 0
		}
		if apply {
			c.Move(fyne.NewPos(x, y))
			c.Resize(size)
		}
		x += size.Width + gap
		rowHeight = max(rowHeight, size.Height)
	}
	return y + rowHeight
}
