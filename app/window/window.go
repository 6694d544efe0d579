package window

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"claimdesk/app/annotate"
	"claimdesk/app/articleview"
	"claimdesk/app/search"
	"claimdesk/storage"
)

// background runs slow work (import, export, indexing) off the UI
// goroutine; the tests make it synchronous to drive the window race-free.
var background = func(f func()) { go f() }

// later runs f on the UI goroutine after d; the tests replace it with a
// queue they fire themselves.
var later = func(d time.Duration, f func()) {
	time.AfterFunc(d, func() { fyne.Do(f) })
}

// mainWindow is the annotation window: it owns the panels and the state
// they share (the open article, its claims, the selected claim).
type mainWindow struct {
	app    fyne.App
	win    fyne.Window
	store  *storage.Store
	editor *annotate.Editor
	index  *search.Index

	labels   []storage.Label
	article  storage.Article
	claims   []storage.Claim
	selected uint64 // id of the selected claim, 0 for none

	articles *articlePanel
	view     *articleview.View
	toolbar  *labelBar
	claimsUI *claimPanel
	details  *claimDetails
	status   *statusBar

	palette        *searchPalette
	exporting      *exportDialog // last export dialog opened, for tests
	labelsUI       *labelsDialog // last labels dialog opened, for tests // open search palette, if any
	refreshPending bool
}

func newMainWindow(a fyne.App, store *storage.Store) *mainWindow {
	w := &mainWindow{
		app:    a,
		win:    a.NewWindow("Claimdesk"),
		store:  store,
		editor: annotate.NewEditor(store),
		index:  search.NewIndex(),
	}
	w.editor.Annotator = a.Preferences().String(prefAnnotator)
	w.buildUI()
	w.reloadLabels()
	w.articles.reload()
	w.startIndexing()
	store.OnChange(w.onStoreChanged)
	w.restorePreferences()
	return w
}

func (w *mainWindow) buildUI() {
	w.view = articleview.New()
	w.view.OnSelectionChanged = w.onTextSelectionChanged
	w.view.OnHighlightTapped = w.onHighlightTapped
	w.view.OnTypedRune = w.onTypedRune
	w.view.OnTypedKey = w.onTypedKey
	w.articles = newArticlePanel(w)
	w.toolbar = newLabelBar(w)
	w.claimsUI = newClaimPanel(w)
	w.details = newClaimDetails(w)
	w.status = newStatusBar(w)

	centre := container.NewBorder(w.toolbar.container(), nil, nil, nil, w.view)
	right := container.NewVSplit(w.claimsUI.container(), w.details.container())
	right.Offset = 0.55
	inner := container.NewHSplit(centre, right)
	inner.Offset = 0.7
	outer := container.NewHSplit(w.articles.container(), inner)
	outer.Offset = 0.2
	w.win.SetContent(container.NewBorder(nil, w.status.container(), nil, nil, outer))
	w.win.SetMainMenu(w.buildMenu())
	w.registerShortcuts()
	w.win.SetOnDropped(w.onDropped)
	w.win.SetCloseIntercept(w.quit)
	w.win.Resize(fyne.NewSize(1280, 800))
}

// openArticle shows the article with id in the centre; a failure leaves the
// current article open and tells why.
func (w *mainWindow) openArticle(id uint64) {
	if id == w.article.ID && id != 0 {
		return
	}
	a, err := w.store.Article(id)
	if err != nil {
		w.showError("Opening the article", err)
		return
	}
	w.details.flush()
	w.article = a
	w.selected = 0
	w.view.SetDocument(a.Title, a.Text)
	w.reloadClaims()
	w.toolbar.refresh()
	w.articles.markOpen(id)
	w.win.SetTitle(fmt.Sprintf("%s — Claimdesk", a.Title))
	w.app.Preferences().SetInt(prefLastArticle, int(id))
	w.view.ScrollToOffset(0)
	w.focusText()
}

// reloadClaims reads the open article's claims again and brings every panel
// that shows them up to date.
func (w *mainWindow) reloadClaims() {
	if w.article.ID == 0 {
		w.claims = nil
	} else {
		claims, err := w.store.Claims(w.article.ID)
		if err != nil {
			w.showError("Reading the claims", err)
			return
		}
		w.claims = claims
	}
	if w.claimIndex(w.selected) < 0 {
		w.selected = 0
	}
	w.view.SetHighlights(w.highlights())
	w.view.SetSelectedHighlight(w.selected)
	w.claimsUI.refresh()
	w.details.show(w.selectedClaim())
	w.status.refresh()
}

func (w *mainWindow) claimIndex(id uint64) int {
	for i, c := range w.claims {
		if c.ID == id {
			return i
		}
	}
	return -1
}

func (w *mainWindow) selectedClaim() (storage.Claim, bool) {
	if i := w.claimIndex(w.selected); i >= 0 {
		return w.claims[i], true
	}
	return storage.Claim{}, false
}

// selectClaim makes claim id the selected one everywhere; scroll brings it
// into view in the text.
func (w *mainWindow) selectClaim(id uint64, scroll bool) {
	if id != w.selected {
		w.details.flush()
	}
	w.selected = id
	w.view.SetSelectedHighlight(id)
	c, ok := w.selectedClaim()
	if ok {
		w.view.SetSelection(c.Start, c.End)
		if scroll {
			w.view.ScrollToOffset(c.Start)
		}
	}
	w.claimsUI.markSelected(id)
	w.details.show(c, ok)
	w.status.refresh()
}

// quit stores a pending edit and the window's place, then ends the app.
func (w *mainWindow) quit() {
	w.details.flush()
	w.savePreferences()
	w.app.Quit()
}

func (w *mainWindow) focusText() {
	w.details.hidePopups()
	w.win.Canvas().Focus(w.view)
}
