package window

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// Esc and Enter close the shortcut sheet and the About box; the keys do not
// reach the article behind them, and the text has the keyboard afterwards.
func TestSheetsCloseOnEscAndEnter(t *testing.T) {
	w := newTestWindow(t)
	c := w.win.Canvas()
	for _, key := range []fyne.KeyName{fyne.KeyEscape, fyne.KeyReturn} {
		for name, show := range map[string]func(){"shortcut sheet": w.showShortcutSheet, "about box": w.showAbout} {
			dragOver(t, w, "absurd")
			show()
			if n := len(c.Overlays().List()); n != 1 {
				t.Fatalf("%s: %d overlays", name, n)
			}
			typeKey(w, key)
			if n := len(c.Overlays().List()); n != 0 {
				t.Errorf("%s is still open after %s", name, key)
			}
			if _, _, ok := w.view.Selection(); !ok {
				t.Errorf("%s over the %s cleared the text selection behind it", key, name)
			}
			if c.Focused() != w.view {
				t.Errorf("after closing the %s the keyboard is on %T", name, c.Focused())
			}
		}
	}
}

// Enter in the annotator box saves the name.
func TestAnnotatorDialogSavesOnEnter(t *testing.T) {
	w := newTestWindow(t)
	w.askAnnotator()
	entry := w.win.Canvas().Focused()
	if entry == nil {
		t.Fatal("the annotator box has no focused entry")
	}
	test.Type(entry, "ana")
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := w.session.Annotator(); got != "ana" {
		t.Errorf("annotator after Enter: %q", got)
	}
	if n := len(w.win.Canvas().Overlays().List()); n != 0 {
		t.Errorf("%d overlays left open", n)
	}
}

// The table the end-to-end test drives spells keys as xdotool does.
func TestKeyCommandsInXdotoolSpelling(t *testing.T) {
	want := map[string]string{"Undo": "ctrl+z", "Redo": "ctrl+shift+z", "Next article": "ctrl+Down",
		"Keyboard shortcuts": "ctrl+slash", "Annotator name…": ""}
	seen := 0
	for _, c := range KeyCommands() {
		if keys, ok := want[c.Title]; ok {
			seen++
			if c.Keys != keys {
				t.Errorf("%s: %q, want %q", c.Title, c.Keys, keys)
			}
		}
	}
	if seen != len(want) {
		t.Errorf("found %d of %d commands", seen, len(want))
	}
	if len(Gestures()) < 5 {
		t.Errorf("gestures: %v", Gestures())
	}
}

// Esc cancels the dialogs that ask something; Enter there is left to the
// dialog's own buttons and fields.
func TestEscCancelsDialogs(t *testing.T) {
	w := newTestWindow(t)
	c := w.win.Canvas()
	for name, show := range map[string]func(){
		"delete article": w.confirmDeleteArticle, "export": w.showExportDialog,
		"labels": w.showLabelsDialog, "import folder": w.showImportFolderDialog,
	} {
		show()
		if n := len(c.Overlays().List()); n != 1 {
			t.Fatalf("%s: %d overlays", name, n)
		}
		typeKey(w, fyne.KeyEscape)
		if n := len(c.Overlays().List()); n != 0 {
			t.Errorf("Esc left the %s dialog open", name)
		}
	}
	if len(w.session.Articles()) != 1 {
		t.Error("Esc on the delete confirmation deleted the article")
	}
}
