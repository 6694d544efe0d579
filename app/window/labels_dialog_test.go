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
	if _, ok := w.labelForHotkey("4"); !ok || len(w.labels) != 4 {
		t.Fatalf("labels after adding: %+v", w.labels)
	}
	d.dlg.Hide()
	dragOver(t, w, "absurd")
	test.Type(w.view, "4")
	if c := storedClaims(t, w); len(c) != 1 || c[0].Label != "speculation" {
		t.Fatalf("hotkey 4 made %+v", c)
	}
	i := 0
	for ; w.labels[i].Name != "speculation"; i++ {
	}
	d.list.Select(i)
	d.name.SetText("conjecture")
	d.onSave()
	if c := storedClaims(t, w); c[0].Label != "conjecture" {
		t.Errorf("the claim did not follow the rename: %q", c[0].Label)
	}
	d.onRemove()
	if len(w.labels) != 4 {
		t.Errorf("a label in use was removed")
	}
	d.name.SetText("bad name")
	d.onSave()
	if _, ok := w.labelForHotkey("4"); !ok {
		t.Error("a refused save changed the labels")
	}
}
