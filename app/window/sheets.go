package window

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// showShortcutSheet lists every keyboard command, from the same table the
// menus are built from.
func (w *mainWindow) showShortcutSheet() {
	grid := container.NewGridWithColumns(2)
	add := func(keys, what string) {
		grid.Add(widget.NewLabelWithStyle(keys, fyne.TextAlignTrailing, fyne.TextStyle{Monospace: true}))
		grid.Add(widget.NewLabel(what))
	}
	for _, k := range keysOnlyInSheet {
		add(k[0], k[1])
	}
	for _, s := range shortcutTable() {
		if s.keys != nil {
			add(shortcutText(s.keys), strings.TrimSuffix(s.title, "…"))
		}
	}
	for _, l := range w.session.Labels() {
		if l.Hotkey != "" {
			add(l.Hotkey, "label as "+labelMeaning(l))
		}
	}
	d := dialog.NewCustom("Keyboard shortcuts", "Close", container.NewVScroll(grid), w.win)
	d.Resize(fyne.NewSize(620, 640))
	w.dialogKeys(d, true)
	d.Show()
}

// closable is what dialogKeys needs of a dialog: Fyne's file dialogs have
// it without being a dialog.Dialog.
type closable interface {
	Hide()
	SetOnClosed(func())
}

// dialogKeys makes the keyboard work while d shows as it does in every
// other program: Esc closes d (cancels it, for a dialog that asks), and so
// does Enter when enterCloses (a sheet to read, nothing to confirm). Fyne's
// dialogs leave the keyboard with the widget behind them, so meanwhile the
// keys go to the window; a dialog over another hands them back on closing.
func (w *mainWindow) dialogKeys(d closable, enterCloses bool) {
	c := w.win.Canvas()
	below := c.OnTypedKey()
	c.Unfocus()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		switch {
		case ev.Name == fyne.KeyEscape:
			d.Hide()
		case enterCloses && (ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter):
			d.Hide()
		}
	})
	d.SetOnClosed(func() {
		c.SetOnTypedKey(below)
		if below == nil {
			w.focusText()
		}
	})
}

func (w *mainWindow) showAbout() {
	meta := w.app.Metadata()
	text := "Claimdesk " + meta.Version + "\n\nLabel claims in news articles: denial, accusation, praise.\n" +
		"Every change is saved at once to\n" + w.store.Path()
	d := dialog.NewInformation("About Claimdesk", text, w.win)
	w.dialogKeys(d, true)
	d.Show()
}

func (w *mainWindow) askAnnotator() {
	entry := widget.NewEntry()
	entry.SetText(w.session.Annotator())
	entry.SetPlaceHolder("Your name or initials")
	d := dialog.NewForm("Annotator", "Save", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Name", entry),
	}, func(ok bool) {
		if ok {
			w.session.SetAnnotator(strings.TrimSpace(entry.Text))
			w.rememberPlace()
			w.footer.refreshAnnotator()
		}
		w.focusText()
	}, w.win)
	entry.OnSubmitted = func(string) { d.Submit() } // Enter saves, as in any form
	d.Resize(fyne.NewSize(420, 160))
	releaseFocusOnClose(d, entry)
	d.Show()
	w.win.Canvas().Focus(entry)
}
