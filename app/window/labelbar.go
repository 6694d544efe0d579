package window

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"claimdesk/storage"
)

// labelBar sits above the article: a chip per label (colour, name, hotkey)
// that applies it, the article's status and the word-snapping switch.
type labelBar struct {
	w             *mainWindow
	chips         *fyne.Container
	articleStatus *widget.Select
	snap          *widget.Check
	box           *fyne.Container
	// showing is true while the bar shows the session's status, so the
	// select's handler does not write it back.
	showing bool
}

var statusChoices = []string{string(storage.StatusNew), string(storage.StatusInProgress), string(storage.StatusDone)}

func newLabelBar(w *mainWindow) *labelBar {
	b := &labelBar{w: w, chips: container.NewHBox()}
	b.articleStatus = widget.NewSelect(statusChoices, func(s string) {
		if !b.showing {
			w.setArticleStatus(storage.Status(s))
		}
	})
	b.snap = widget.NewCheck("Snap to words", func(on bool) {
		w.view.SnapToWords = on
		w.focusText()
	})
	b.snap.Checked = true
	b.box = container.NewBorder(nil, widget.NewSeparator(), nil,
		container.NewHBox(b.snap, widget.NewLabel("Status"), b.articleStatus), b.chips)
	return b
}

func (b *labelBar) container() fyne.CanvasObject { return b.box }

func (b *labelBar) refreshLabels() {
	b.chips.RemoveAll()
	for _, l := range b.w.session.Labels() {
		b.chips.Add(b.chip(l))
	}
	b.chips.Refresh()
}

func (b *labelBar) refreshStatus() {
	b.showing = true
	b.articleStatus.SetSelected(string(b.w.session.Article().Status))
	b.showing = false
}

func (b *labelBar) chip(l storage.Label) fyne.CanvasObject {
	name := l.Name
	text := name
	if l.Hotkey != "" {
		text = l.Hotkey + "  " + name
	}
	swatch := canvas.NewRectangle(labelSwatch(l.Colour))
	swatch.CornerRadius = 3
	swatch.SetMinSize(fyne.NewSize(14, 14))
	button := &widget.Button{Text: text, Importance: widget.LowImportance, OnTapped: func() { b.w.applyLabel(name) }}
	return container.NewHBox(container.NewCenter(swatch), button)
}
