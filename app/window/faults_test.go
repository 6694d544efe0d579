package window

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"claimdesk/app/articleview"
	cdstorage "claimdesk/storage"
)

// A store that can no longer be written (here: closed under the window, as
// when the disk goes away) must say NOT SAVED and must not show the claim.
func TestFailedWriteIsNotShownAsSaved(t *testing.T) {
	w := newTestWindow(t)
	path := w.store.Path()
	dragOver(t, w, "absurd")
	if err := w.store.Close(); err != nil {
		t.Fatal(err)
	}
	test.Type(w.view, "1")
	if w.footer.saved.Text != "NOT SAVED" || len(w.session.Claims()) != 0 {
		t.Errorf("status %q with %d claims shown", w.footer.saved.Text, len(w.session.Claims()))
	}
	reopened, err := cdstorage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	w.store = reopened
	if anns, _ := reopened.Claims(w.session.Article().ID); len(anns) != 0 {
		t.Errorf("%d claims stored by a failed write", len(anns))
	}
}

func TestDroppedFilesAreImportedAndOpened(t *testing.T) {
	w := newTestWindow(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "budget.txt")
	empty := filepath.Join(dir, "empty.txt")
	if err := os.WriteFile(good, []byte("Budget talks\n\nMinisters praised the plan."), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	w.onDropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(good), storage.NewFileURI(empty)})
	if w.session.Article().Title != "Budget talks" {
		t.Fatalf("the dropped article was not opened (open: %q)", w.session.Article().Title)
	}
	if len(w.session.Articles()) != 2 {
		t.Errorf("%d articles listed", len(w.session.Articles()))
	}
	overlays := w.win.Canvas().Overlays().List()
	if len(overlays) == 0 || !strings.Contains(test.RenderObjectToMarkup(overlays[len(overlays)-1]), "empty.txt") {
		t.Error("the report naming the empty file was not shown")
	}
}

func TestWindowRemembersArticleAndAnnotator(t *testing.T) {
	w := newTestWindow(t)
	second, _, err := w.store.AddArticle(cdstorage.Article{Text: "Second\n\nText."})
	if err != nil {
		t.Fatal(err)
	}
	w.openArticle(second.ID)
	w.session.SetAnnotator("ana")
	w.rememberPlace()
	again := newTestWindowOn(t, w.app, w.store)
	if again.session.Article().ID != second.ID || again.session.Annotator() != "ana" {
		t.Errorf("reopened on article %d with annotator %q", again.session.Article().ID, again.session.Annotator())
	}
}

// Another store in the same app keeps its own place: the last article
// (ids mean other articles there), the window size and where the analyst
// had scrolled to; the annotator is the analyst's and follows them.
func TestPlaceBelongsToItsStore(t *testing.T) {
	w := newTestWindow(t)
	peskov := strings.Index(w.session.Article().Text, "Peskov said Wednesday")
	offset := cdstorage.RuneOffset(w.session.Article().Text, peskov)
	w.view.ScrollToPlace(articleview.Place{Offset: offset})
	top := w.view.TopPlace().Offset
	if top == 0 || top > offset {
		t.Fatalf("after scrolling to %d the top shows %d", offset, top)
	}
	w.session.SetAnnotator("ana")
	w.win.Resize(fyne.NewSize(1100, 700))
	w.rememberPlace()

	other, err := cdstorage.Open(filepath.Join(t.TempDir(), "other.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	for _, text := range []string{"First\n\nOne.", "Second\n\nTwo."} {
		if _, _, err := other.AddArticle(cdstorage.Article{Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	elsewhere := newTestWindowOn(t, w.app, other)
	if got := elsewhere.session.Article().Title; got != "First" {
		t.Errorf("the other store opened %q, not its first article", got)
	}
	if elsewhere.session.Annotator() != "ana" {
		t.Errorf("the annotator did not follow: %q", elsewhere.session.Annotator())
	}
	if elsewhere.memory.place(other.Path()).Width == 1100 {
		t.Error("the other store took this store's window width")
	}

	again := newTestWindowOn(t, w.app, w.store)
	again.view.Refresh()
	// The test window wraps at another width than the one saved, so the
	// top line is the one holding the saved offset, starting at or before it.
	if got := again.view.TopPlace().Offset; got > top || top-got > 120 {
		t.Errorf("reopened with %d at the top, want the line holding %d", got, top)
	}
}

func TestDeleteArticleOpensTheNext(t *testing.T) {
	w := newTestWindow(t)
	dragOver(t, w, "absurd")
	test.Type(w.view, "2")
	seedID := w.session.Article().ID
	other, _, err := w.store.AddArticle(cdstorage.Article{Text: "Other\n\nText."})
	if err != nil {
		t.Fatal(err)
	}
	w.deleteArticle()
	if w.session.Article().ID != other.ID || len(w.session.Articles()) != 1 {
		t.Fatalf("after delete: open %d, %d listed", w.session.Article().ID, len(w.session.Articles()))
	}
	if _, err := w.store.Article(seedID); err == nil {
		t.Error("the article is still stored")
	}
	if w.index.Len() != 0 {
		t.Errorf("the search index still holds %d claims of the deleted article", w.index.Len())
	}
	w.deleteArticle()
	if w.session.Article().ID != 0 || len(w.session.Claims()) != 0 {
		t.Errorf("deleting the last article leaves %d open", w.session.Article().ID)
	}
}

// File > Open takes several paths at once, typed or pasted a line each:
// all are imported, the first opened, and a path that is not there is
// named in the report while the rest still land. Esc closes the box.
func TestOpenDialogImportsSeveralPaths(t *testing.T) {
	w := newTestWindow(t)
	dir := t.TempDir()
	first, second := filepath.Join(dir, "budget.txt"), filepath.Join(dir, "border.md")
	for path, text := range map[string]string{first: "Budget talks\n\nMinisters praised the plan.", second: "# Border\n\nOfficials denied it."} {
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	press(w, ctrl(fyne.KeyO))
	d := w.opening
	if d == nil {
		t.Fatal("Ctrl+O opened no dialog")
	}
	missing := filepath.Join(dir, "nowhere.txt")
	d.paths.SetText(first + "\n\n  " + second + "  \n" + missing + "\n")
	d.dlg.Confirm()
	if got := w.session.Article().Title; got != "Budget talks" {
		t.Errorf("opened %q, want the first path's article", got)
	}
	if n := len(w.session.Articles()); n != 3 {
		t.Errorf("%d articles after opening two", n)
	}
	overlays := w.win.Canvas().Overlays().List()
	if len(overlays) == 0 || !strings.Contains(test.RenderObjectToMarkup(overlays[len(overlays)-1]), "nowhere.txt") {
		t.Error("the report does not name the missing path")
	}

	// While the report is open, Ctrl+O waits: dialogs do not stack.
	opened := w.opening
	press(w, ctrl(fyne.KeyO))
	if w.opening != opened {
		t.Error("Ctrl+O opened a dialog over the report")
	}
	typeKey(w, fyne.KeyEscape) // closes the report
	press(w, ctrl(fyne.KeyO))
	if w.opening == opened || len(w.win.Canvas().Overlays().List()) != 1 {
		t.Fatalf("Ctrl+O after the report: %d overlays", len(w.win.Canvas().Overlays().List()))
	}
	w.opening.paths.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if got := len(w.win.Canvas().Overlays().List()); got != 0 {
		t.Errorf("Esc left %d overlays", got)
	}
}

// typeKey is a key that reaches the window itself, as keys do while a
// dialog is open and nothing in it has the keyboard.
func typeKey(w *mainWindow, name fyne.KeyName) {
	w.win.Canvas().(interface {
		OnTypedKey() func(*fyne.KeyEvent)
	}).OnTypedKey()(&fyne.KeyEvent{Name: name})
}

// A failed read says nothing was changed; only a failed write speaks of an
// unsaved change.
func TestReadFailuresDoNotClaimAnUnsavedChange(t *testing.T) {
	w := newTestWindow(t)
	w.openArticle(9999)
	overlays := w.win.Canvas().Overlays().List()
	if len(overlays) == 0 {
		t.Fatal("opening a missing article said nothing")
	}
	text := test.RenderObjectToMarkup(overlays[len(overlays)-1])
	if !strings.Contains(text, "Nothing was changed") || strings.Contains(text, "not saved") {
		t.Errorf("the read failure reads:\n%s", text)
	}
}
