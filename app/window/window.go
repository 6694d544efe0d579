package window

import (
	"context"
	"fmt"
	"image/color"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"

	"claimdesk/app/annotate"
	"claimdesk/app/articleview"
	"claimdesk/app/search"
	"claimdesk/app/suggest"
	"claimdesk/storage"
)

// mainWindow is the annotation window. It renders the session model and
// sends it the analyst's intents; the panels hold widgets, never state of
// their own about the article, its claims or the selection.
type mainWindow struct {
	app      fyne.App
	win      fyne.Window
	store    *storage.Store
	session  *annotate.Session
	index    *search.Index
	indexed  bool          // the index holds the whole store: loaded at start, off the UI goroutine
	indexing chan struct{} // closed once the index has read the store (or failed to)
	framed   bool          // the first frame is drawn (see afterFirstFrame)
	// italicLoaded is closed once the italic faces are read; nil until
	// they are asked for (see loadItalic).
	italicLoaded <-chan struct{}
	// closing is closed when the window is done with its store: work
	// that holds a read back lets it go (see searchPalette.search).
	closing     chan struct{}
	closingOnce sync.Once
	memory      *memory // what the window comes back to next time
	left        bool    // the window's place is remembered: it quit
	// exit, when set, ends the process once quit has stored everything,
	// instead of handing the end to Fyne (see Run).
	exit func()

	articles *articlePanel
	view     *articleview.View
	toolbar  *labelBar
	claimsUI *claimPanel
	layers   *layerSwitch
	details  *claimDetails
	footer   *footer
	team     *teamSync
	// adjudication takes the articles' column while gold is built; outer
	// is the split whose left side they share.
	adjudication   *adjudicationPanel
	articlesColumn fyne.CanvasObject
	outer          *container.Split

	suggestions   *suggestions
	candidateHint bool // the footer says what the keys do with the current candidate

	palette    *searchPalette   // open search palette, if any
	agreement  *agreementDialog // open Team > Agreement… dialog, if any
	exporting  *exportDialog    // last export dialog opened, for tests
	labelsUI   *labelsDialog    // last labels dialog opened, for tests
	opening    *openDialog      // last File > Open dialog, for tests
	addressing *addressDialog   // last File > Open address dialog, for tests
	joining    *joinDialog      // last Team > Join dialog, for tests

	// inBackground runs slow work (import, export, indexing) off the UI
	// goroutine, and after runs f on the UI goroutine once d has passed.
	// The tests replace both, to drive the window race-free.
	inBackground func(f func())
	after        func(d time.Duration, f func())
	frameMark    *canvas.Raster // drawn in every frame it is refreshed for: see afterFirstFrame
	// framesAwaited is what afterNextFrame runs once the frame mark is
	// drawn; only the UI goroutine touches it.
	framesAwaited []func()
	collections   atomic.Int32 // returnGarbage's, for tests
}

func newMainWindow(a fyne.App, store *storage.Store, m *memory) *mainWindow {
	return newMainWindowWith(a, store, m, func(f func()) { go f() }, func(d time.Duration, f func()) {
		time.AfterFunc(d, func() { fyne.Do(f) })
	}, func(e *suggest.Engine, failed func(error)) {
		// startLoading calls this off the UI goroutine; once trained, the
		// engine retrains after each batch of changes until exit.
		if err := e.Load(); err != nil {
			fyne.Do(func() { failed(err) })
			return
		}
		go func() {
			if err := e.Follow(context.Background()); err != nil {
				fyne.Do(func() { failed(err) })
			}
		}()
	})
}

// newMainWindowWith is newMainWindow with the ways of running work in the
// background given: inBackground, after, and learn, which trains the
// suggestion engine on the store (startLoading calls it off the UI
// goroutine, and it returns once the first model is in use; failed is
// called on the UI goroutine).
func newMainWindowWith(a fyne.App, store *storage.Store, m *memory, inBackground func(func()), after func(time.Duration, func()),
	learn func(e *suggest.Engine, failed func(error)),
) *mainWindow {
	w := &mainWindow{
		app:          a,
		win:          a.NewWindow("Claimdesk"),
		store:        store,
		memory:       m,
		index:        search.NewIndex(),
		inBackground: inBackground,
		after:        after,
		closing:      make(chan struct{}),
	}
	// The window goes on the screen before its content is built: creating
	// it (the GL context; under software GL half the start-up) is the main
	// thread's alone, and meanwhile another core reads the fonts that
	// building the content measures with.
	fonts := loadFonts(firstFrameStyles...)
	w.win.Resize(m.size(store.Path()))
	w.win.Show()
	w.fitOnScreen()
	<-fonts
	w.startIndexing()
	session, err := annotate.NewSession(store, func() { fyne.Do(w.session.Sync) })
	w.session = session
	session.SetAnnotator(m.Annotator)
	w.buildUI()
	session.OnChange(w.render)
	w.render(^annotate.Aspect(0) &^ annotate.RejectionsChanged) // nothing rejected yet to write
	if err != nil {
		w.showReadError("Reading the store", err)
	}
	w.startSuggestions()
	w.restorePlace()
	w.startLoading(learn)
	w.team = newTeamSync(w)
	w.team.start()
	return w
}

func (w *mainWindow) buildUI() {
	w.view = articleview.New()
	w.view.OnSelectionChanged = w.onTextSelectionChanged
	w.view.OnHighlightTapped = func(id uint64) { w.selectClaim(id, false) }
	w.view.OnClaimEndDragged = w.moveClaimEnd
	w.view.OnTypedRune = w.onTypedRune
	w.view.OnTypedKey = w.onTypedKey
	w.view.OnCandidateStep = w.stepCandidate
	w.articles = newArticlePanel(w)
	w.toolbar = newLabelBar(w)
	w.layers = newLayerSwitch(w)
	w.claimsUI = newClaimPanel(w)
	w.details = newClaimDetails(w)
	w.footer = newFooter(w)
	w.adjudication = newAdjudicationPanel(w)
	w.articlesColumn = w.articles.container()

	centre := atLeast(420, w.toolbar.above(w.view))
	claimsAndEditor := container.NewVSplit(w.claimsUI.container(), w.details.container())
	claimsAndEditor.Offset = 0.55
	inner := container.NewHSplit(centre, atLeast(250, claimsAndEditor))
	inner.Offset = 0.7
	w.outer = container.NewHSplit(atLeast(200, container.NewStack(w.articlesColumn, w.adjudication.container())), inner)
	w.outer.Offset = articlesShare
	w.win.SetContent(w.withFrameMark(container.NewBorder(nil, w.footer.container(), nil, nil, w.outer)))
	w.win.SetMainMenu(w.buildMenu())
	w.registerShortcuts()
	w.win.SetOnDropped(w.onDropped)
	w.win.SetCloseIntercept(w.quit)
}

// render brings the panels up to date with what changed in the session.
func (w *mainWindow) render(changed annotate.Aspect) {
	s := w.session
	if changed&annotate.ArticlesChanged != 0 {
		w.articles.refresh()
	}
	if changed&annotate.ArticleOpened != 0 {
		w.showArticle()
	}
	if changed&(annotate.ArticleOpened|annotate.ClaimsChanged) != 0 && w.suggestions != nil {
		w.suggestions.search()
	}
	if changed&annotate.LabelsChanged != 0 {
		w.toolbar.refreshLabels()
		w.details.refreshLabels()
		w.rebuildMenu()
	}
	if changed&(annotate.ClaimsChanged|annotate.LabelsChanged) != 0 {
		w.view.SetHighlights(w.highlights())
		w.claimsUI.refresh()
	}
	if changed&(annotate.ClaimsChanged|annotate.LabelsChanged|annotate.AnnotatorsChanged) != 0 {
		w.layers.refresh()
	}
	if changed&annotate.StatusChanged != 0 {
		w.claimsUI.refreshStatus()
	}
	if changed&(annotate.CandidatesChanged|annotate.LabelsChanged) != 0 {
		w.showCandidates()
	}
	if changed&(annotate.AdjudicationChanged|annotate.ArticleOpened|annotate.LabelsChanged) != 0 && (s.Adjudicating() || !w.adjudication.box.Hidden) {
		w.showAdjudicating()
	}
	if changed&annotate.RejectionsChanged != 0 {
		w.rememberRejections()
	}
	if changed&(annotate.SelectionChanged|annotate.ClaimsChanged) != 0 {
		w.toolbar.markSuggested(s.SuggestedLabel())
		c, ok := s.Selected()
		w.view.SetSelectedHighlight(c.ID)
		if start, end, has := s.TextSelection(); has {
			if vs, ve, _ := w.view.Selection(); vs != start || ve != end {
				w.view.SetSelection(start, end)
			}
		}
		w.claimsUI.markSelected(c.ID)
		w.details.show(c, ok)
		if fit, can := s.FitCandidate(); can {
			w.footer.hint("Ctrl+R fits the " + fit.Label + " claim “" + storage.OneLine(fit.Quote) + "” to this selection")
		}
	}
	w.footer.refresh()
}

// showArticle puts the open article in the centre, or the hint of how to
// bring articles in when there is none.
func (w *mainWindow) showArticle() {
	a := w.session.Article()
	w.articles.markOpen(a.ID)
	if a.ID == 0 {
		w.view.SetDocument("No article open", emptyStoreHint)
		w.win.SetTitle("Claimdesk")
		return
	}
	w.view.SetDocument(a.Title, a.Text)
	w.win.SetTitle(fmt.Sprintf("%s — Claimdesk", a.Title))
	w.rememberPlace()
	w.view.ScrollToOffset(0)
}

const emptyStoreHint = "Open an article with File > Open (Ctrl+O), import a folder with Ctrl+Shift+O, " +
	"or drop .txt, .md, .html, JSONL, Label Studio or brat files on this window."

// openArticle shows the article with id; a failure leaves the current
// article open and says why.
func (w *mainWindow) openArticle(id uint64) {
	if err := w.session.Open(id); err != nil {
		w.showReadError("Opening the article", err)
		return
	}
	w.focusText()
}

// selectClaim makes claim id the selected one; scroll brings it into view.
func (w *mainWindow) selectClaim(id uint64, scroll bool) {
	w.session.SelectClaim(id)
	if c, ok := w.session.Selected(); ok && scroll {
		w.view.ScrollToOffset(c.Start)
	}
}

func (w *mainWindow) highlights() []articleview.Highlight {
	claims := w.session.Claims()
	hs := make([]articleview.Highlight, len(claims))
	for i, c := range claims {
		hs[i] = articleview.Highlight{ID: c.ID, Start: c.Start, End: c.End, Colour: w.labelColour(c.Label), Tip: claimTip(c)}
	}
	return hs
}

func (w *mainWindow) labelColour(name string) color.Color {
	return labelSwatch(w.session.LabelColour(name))
}

// labelSwatch is the colour of a label's "#RRGGBB", or the store's grey
// for unknown labels when it does not parse.
func labelSwatch(hex string) color.Color {
	if c, ok := storage.ParseColour(hex); ok {
		return c
	}
	c, _ := storage.ParseColour(storage.UnknownLabelColour)
	return c
}

// quit stores a pending edit and the window's place, then ends the app.
func (w *mainWindow) quit() {
	w.endTyping()
	w.team.stop()
	w.rememberPlace()
	w.left = true
	if w.exit != nil {
		w.exit()
		return
	}
	w.app.Quit()
}

// endTyping closes a burst of typing in the claim editor as one undo step
// before something else happens.
func (w *mainWindow) endTyping() { w.details.endTyping() }

func (w *mainWindow) focusText() {
	w.details.hidePopups()
	w.win.Canvas().Focus(w.view)
}

// atLeast keeps a column at least width wide however far its divider is
// dragged, so no panel is squeezed past use; the three together fit a
// 1,024-pixel screen.
func atLeast(width float32, column fyne.CanvasObject) fyne.CanvasObject {
	floor := canvas.NewRectangle(color.Transparent)
	floor.SetMinSize(fyne.NewSize(width, 0))
	return container.NewStack(floor, column)
}

// claimTip is what the pointer resting on a claim shows, so overlapping
// claims can be told apart: "denial · Dmitry Peskov → USA · ana".
func claimTip(c storage.Claim) string {
	parts := []string{c.Label}
	if c.Speaker != "" || c.Target != "" {
		parts = append(parts, speakerLine(c.Speaker, c.Target, ""))
	}
	if c.Annotator != "" {
		parts = append(parts, c.Annotator)
	}
	return strings.Join(parts, " · ")
}
