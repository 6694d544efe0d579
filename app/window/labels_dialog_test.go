package window

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestLabelsDialogAddsRenamesAndGuardsRemoval(t *testing.T) {
	w := newTestWindow(t)
	press(w, ctrlShift(fyne.KeyL))
	d := w.labelsUI
	if d == nil {
		t.Fatal("Ctrl+Shift+L opened no labels dialog")
	}
	if d.hotkey.Text != "4" || d.colour.Text != "#CC79A7" {
		t.Errorf("a new label is offered hotkey %q colour %q", d.hotkey.Text, d.colour.Text)
	}
	d.name.SetText("speculation")
	d.onSave()
	if _, ok := w.session.LabelForHotkey("4"); !ok || len(w.session.Labels()) != 4 {
		t.Fatalf("labels after adding: %+v", w.session.Labels())
	}
	d.dlg.Hide()
	dragOver(t, w, "absurd")
	test.Type(w.view, "4")
	if c := storedClaims(t, w); len(c) != 1 || c[0].Label != "speculation" {
		t.Fatalf("hotkey 4 made %+v", c)
	}
	i := 0
	for ; w.session.Labels()[i].Name != "speculation"; i++ {
	}
	d.list.Select(i)
	d.name.SetText("conjecture")
	d.onSave()
	if c := storedClaims(t, w); c[0].Label != "conjecture" {
		t.Errorf("the claim did not follow the rename: %q", c[0].Label)
	}
	d.onRemove()
	if len(w.session.Labels()) != 4 {
		t.Errorf("a label in use was removed")
	}
	d.name.SetText("bad name")
	d.onSave()
	if l, ok := w.session.LabelForHotkey("4"); !ok || l.Name != "conjecture" {
		t.Errorf("a refused save changed the label to %+v", l)
	}
	if stored, err := w.store.Labels(); err != nil || len(stored) != 4 || stored[3].Name != "conjecture" {
		t.Errorf("stored labels after a refused save: %+v, %v", stored, err)
	}
	if w.footer.saved.Text == "NOT SAVED" {
		t.Error("a refused name is not a failed write")
	}
}
