package window

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"claimdesk/storage"
)

func TestSearchPaletteOpensTheClaim(t *testing.T) {
	w := newTestWindow(t)
	other, _, err := w.store.AddArticle(storage.Article{Text: "Other news\n\nNothing to see."})
	if err != nil {
		t.Fatal(err)
	}
	start, end := dragOver(t, w, "a very striking man")
	test.Type(w.view, "3")
	seedID := w.session.Article().ID
	w.openArticle(other.ID)
	press(w, ctrl(fyne.KeyK))
	p := w.palette
	if p == nil {
		t.Fatal("Ctrl+K opened no palette")
	}
	test.Type(p.query, "striking")
	if len(p.results) != 1 {
		t.Fatalf("%d results for 'striking'", len(p.results))
	}
	p.query.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if w.session.Article().ID != seedID || w.palette != nil {
		t.Fatalf("Enter opened article %d", w.session.Article().ID)
	}
	if s, e, _ := w.view.Selection(); s != start || e != end || selectedID(w) == 0 {
		t.Errorf("selection %d–%d, want the claim %d–%d", s, e, start, end)
	}
}

func TestPaletteArrowsChooseTheResult(t *testing.T) {
	w := newTestWindow(t)
	dragOver(t, w, "strong leader")
	test.Type(w.view, "3")
	w.clearSelection()
	dragOver(t, w, "powerful leader")
	test.Type(w.view, "3")
	press(w, ctrl(fyne.KeyK))
	p := w.palette
	test.Type(p.query, "leader")
	if len(p.results) != 2 {
		t.Fatalf("%d results for 'leader'", len(p.results))
	}
	second := p.results[1]
	p.query.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	p.query.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) // stays on the last
	p.query.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if selectedID(w) != second.ID {
		t.Errorf("Enter after ↓ selected claim %d, want %d", selectedID(w), second.ID)
	}
	press(w, ctrl(fyne.KeyK))
	w.palette.query.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.palette != nil || w.win.Canvas().Overlays().Top() != nil {
		t.Error("Esc should close the palette")
	}
}
