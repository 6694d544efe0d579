package window

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// TestClosingAnOverlayReleasesItsEntrysFocus: an entry focused in the
// palette or a dialog stops drawing its cursor once the overlay closes.
// Fyne drops the overlay's focus without telling the entry, whose cursor
// animation then redraws the window for the rest of the process.
func TestClosingAnOverlayReleasesItsEntrysFocus(t *testing.T) {
	for _, tc := range []struct {
		name  string
		open  func(w *mainWindow) fyne.Focusable // the entry to focus
		close func(w *mainWindow)
	}{
		{"palette", func(w *mainWindow) fyne.Focusable { press(w, ctrl(fyne.KeyK)); return w.palette.query },
			func(w *mainWindow) { w.palette.query.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) }},
		{"labels", func(w *mainWindow) fyne.Focusable { w.showLabelsDialog(); return w.labelsUI.description },
			func(w *mainWindow) { w.labelsUI.dlg.Hide() }},
		{"export", func(w *mainWindow) fyne.Focusable { w.showExportDialog(); return w.exporting.dest },
			func(w *mainWindow) { w.exporting.dlg.Hide() }},
		{"open", func(w *mainWindow) fyne.Focusable { w.showOpenDialog(); return w.opening.paths },
			func(w *mainWindow) { w.opening.paths.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) }},
		{"open address", func(w *mainWindow) fyne.Focusable { w.showAddressDialog(); return w.addressing.addresses },
			func(w *mainWindow) { w.addressing.dlg.Hide() }},
		{"join team", func(w *mainWindow) fyne.Focusable { w.showJoinTeamDialog(); return w.joining.name },
			func(w *mainWindow) { w.joining.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newTestWindow(t)
			entry := tc.open(w)
			w.win.Canvas().Focus(entry)
			if !drawsCursor(entry.(fyne.Widget)) {
				t.Fatal("the focused entry draws no cursor")
			}
			tc.close(w)
			if drawsCursor(entry.(fyne.Widget)) {
				t.Error("closed, the entry still draws its cursor: it believes itself focused")
			}
		})
	}
}

// drawsCursor reports whether entry draws a text cursor: a shown rectangle
// filled with the primary colour (its alpha animated), which an entry
// shows only while it believes itself focused.
func drawsCursor(entry fyne.Widget) bool {
	pr, pg, pb, _ := theme.Color(theme.ColorNamePrimary).RGBA()
	sameHue := func(c color.Color) bool {
		if c == nil {
			return false
		}
		n := color.NRGBAModel.Convert(c).(color.NRGBA)
		return n.A > 0 && uint32(n.R)*0x101 == pr && uint32(n.G)*0x101 == pg && uint32(n.B)*0x101 == pb
	}
	var walk func(o fyne.CanvasObject) bool
	walk = func(o fyne.CanvasObject) bool {
		if !o.Visible() {
			return false
		}
		var children []fyne.CanvasObject
		switch o := o.(type) {
		case *canvas.Rectangle:
			return sameHue(o.FillColor)
		case fyne.Widget:
			children = test.WidgetRenderer(o).Objects()
		case *fyne.Container:
			children = o.Objects
		}
		for _, c := range children {
			if walk(c) {
				return true
			}
		}
		return false
	}
	return walk(entry)
}
