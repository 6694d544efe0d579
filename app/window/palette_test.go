package window

import (
	"fmt"
	"strings"
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

// TestPaletteSearchesOnlyTheNewestQuery: keys typed while a search runs
// off the UI goroutine wait for it, and then only what the box holds is
// searched, so a fast typist waits for one search and one redraw.
func TestPaletteSearchesOnlyTheNewestQuery(t *testing.T) {
	w := newTestWindow(t)
	dragOver(t, w, "a very striking man")
	test.Type(w.view, "3")
	queued := queueBackground(w)
	press(w, ctrl(fyne.KeyK))
	p := w.palette
	test.Type(p.query, "strik")
	if len(*queued) != 1 {
		t.Fatalf("opening the palette and typing 5 keys queued %d searches, want the one begun on opening", len(*queued))
	}
	if searches := queued.runAll(); searches != 2 {
		t.Errorf("%d searches ran, want 2: the one begun on opening and one for %q", searches, p.query.Text)
	}
	if len(p.results) != 1 || p.info.Text != "1 result" {
		t.Errorf("the palette shows %d results saying %q, want the claim with 'striking'", len(p.results), p.info.Text)
	}
}

// TestPaletteEnterBeforeTheAnswerOpensItsFirstClaim: Enter pressed while
// the query's search still runs opens the first claim it finds, not the
// first of the results shown for an older query.
func TestPaletteEnterBeforeTheAnswerOpensItsFirstClaim(t *testing.T) {
	w := newTestWindow(t)
	dragOver(t, w, "strong leader")
	test.Type(w.view, "3")
	w.clearSelection()
	start, end := dragOver(t, w, "a very striking man")
	test.Type(w.view, "3")
	w.clearSelection()
	queued := queueBackground(w)
	press(w, ctrl(fyne.KeyK))
	p := w.palette
	queued.runAll() // the most recent claims, shown on opening
	if len(p.results) != 2 {
		t.Fatalf("the palette opened on %d claims, want 2", len(p.results))
	}
	test.Type(p.query, "striking")
	p.query.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if w.palette == nil || selectedID(w) != 0 {
		t.Fatalf("Enter before the answer opened claim %d from the old results", selectedID(w))
	}
	queued.runAll()
	if w.palette != nil {
		t.Fatal("the answer came and the palette is still open")
	}
	if s, e, _ := w.view.Selection(); s != start || e != end {
		t.Errorf("selection %d–%d, want the claim 'a very striking man' at %d–%d", s, e, start, end)
	}
}

// TestPaletteDrawsEachRowOncePerAnswer: an answer shown draws each row
// once (twice where Fyne's list itself does). Under software GL a row's redraw costs more than the search:
// Select, ScrollToTop and Refresh one after another drew them up to three
// times a keystroke.
func TestPaletteDrawsEachRowOncePerAnswer(t *testing.T) {
	w := newTestWindow(t)
	text := strings.Repeat("The minister denied the report. ", 30)
	a, _, err := w.store.AddArticle(storage.Article{Title: "Denials", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 30 {
		start := i * len("The minister denied the report. ")
		if _, err := w.store.AddClaim(storage.Claim{ArticleID: a.ID, Start: start, End: start + len("The minister denied the report."), Label: "denial"}); err != nil {
			t.Fatal(err)
		}
	}
	w.index.Load(w.store)
	queued := queueBackground(w)
	press(w, ctrl(fyne.KeyK))
	p := w.palette
	drawn := countRowDraws(p.list)
	// Rows that were not on the screen before Fyne's List draws twice on a
	// refresh (laying them out, then refreshing every row): answers after
	// an empty one may draw a row twice, no more.
	for _, step := range []struct {
		query string
		most  int
	}{{"", 2}, {"minister", 1}, {"minister denied", 1}, {"nothing like it", 1}, {"report", 2}, {"denied", 1}} {
		p.query.SetText(step.query)
		clear(drawn)
		queued.runAll()
		if len(p.results) > 0 && len(drawn) == 0 {
			t.Errorf("the answer to %q drew no row", step.query)
		}
		drewRowsAtMost(t, drawn, step.most, fmt.Sprintf("the answer to %q", step.query))
		if len(p.results) > 0 && p.chosen != 0 {
			t.Errorf("after the answer to %q row %d is chosen, want the first", step.query, p.chosen)
		}
	}
	for _, key := range []fyne.KeyName{fyne.KeyDown, fyne.KeyDown, fyne.KeyUp} {
		clear(drawn)
		p.query.TypedKey(&fyne.KeyEvent{Name: key})
		drewRowsAtMost(t, drawn, 1, string(key))
	}
	if p.chosen != 1 {
		t.Errorf("↓ ↓ ↑ chose row %d, want the second", p.chosen)
	}
}
