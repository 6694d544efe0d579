package window

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/app/search"
	"claimdesk/storage"
)

const paletteLimit = 50

// searchPalette is Ctrl+K: a box over the window that finds any claim as
// the analyst types; ↑/↓ move, Enter opens the claim, Esc closes.
type searchPalette struct {
	w       *mainWindow
	session *search.Session
	query   *paletteEntry
	list    *widget.List
	info    *widget.Label
	results []search.Result
	chosen  int
	moving  bool // the keyboard moves the highlight; a tap opens
	popup   *widget.PopUp

	// Searches run off the UI goroutine, one at a time. Keys typed while
	// one runs only change wanted, and the newest query is searched next:
	// a fast typist waits for one search and one redraw of the rows, not
	// for one of each per key (a redraw costs more than a search).
	wanted    string
	asked     int // run's calls: a search answers the one it began with
	searching bool
	// cancel stops the running search when it reads the store: a query
	// typed over makes its answer worthless, and it takes a core from
	// the next.
	cancel context.CancelFunc
	// openAnswer is Enter pressed while a search runs, so before the
	// list answers what the box holds: the answer opens its first claim.
	openAnswer bool
	closed     bool
}

func (w *mainWindow) showSearchPalette() {
	w.endTyping()
	p := &searchPalette{w: w, session: w.index.NewSession(), chosen: -1}
	p.query = newPaletteEntry(p)
	p.info = &widget.Label{Importance: widget.LowImportance}
	p.list = widget.NewList(func() int { return len(p.results) }, p.createRow, p.updateRow)
	p.list.OnSelected = func(i widget.ListItemID) {
		p.chosen = i
		if !p.moving {
			p.open()
		}
	}
	w.readyForItalic()
	hint := widget.NewLabelWithStyle("label:denial  speaker:peskov  target:  article:  annotator:", fyne.TextAlignTrailing, italic)
	hint.Importance = widget.LowImportance
	content := container.NewBorder(container.NewVBox(p.query, container.NewBorder(nil, nil, p.info, hint)), nil, nil, nil, p.list)
	p.popup = widget.NewModalPopUp(content, w.win.Canvas())
	size := w.win.Canvas().Size()
	p.popup.Resize(fyne.NewSize(min(860, size.Width-80), min(560, size.Height-120)))
	p.popup.Show()
	p.run("")
	w.win.Canvas().Focus(p.query)
	w.palette = p
}

// run asks for query's results, now or once the running search is done.
func (p *searchPalette) run(query string) {
	p.wanted = query
	p.asked++
	if p.indexing() && len(p.results) == 0 {
		p.info.SetText("Indexing " + p.claimsBeingIndexed() + " searching the store meanwhile")
	}
	if !p.searching {
		p.search()
	} else if p.cancel != nil {
		p.cancel()
	}
}

// search runs the query in the background. While the index is read it
// searches the store itself, holding the index's read meanwhile: the same
// matcher and ranking over every claim, an answer seconds before a large
// index is in (at a million claims, 0.4 s of reading against 1.2 s).
func (p *searchPalette) search() {
	if !p.w.framed {
		// Reading every claim takes the cores the first frame is drawn
		// with; firstFrameDrawn asks for what was typed before it.
		return
	}
	query, asked, fromStore := p.wanted, p.asked, p.indexing()
	p.searching = true
	ctx, cancel := context.WithCancel(context.Background())
	if fromStore {
		p.cancel = cancel
	}
	drawn := make(chan struct{}) // closed once the answer is on the screen, or never will be
	p.w.inBackground(func() {
		var results []search.Result
		var err error
		if fromStore {
			release := p.w.index.Hold()
			defer func() {
				// Drawn beside the index's read, the answer reached the
				// screen 0.6–0.8 s after it was shown. A window closing
				// does not wait: closing the store waits for the read.
				select {
				case <-drawn:
				case <-p.w.closing:
				}
				release()
			}()
			results, err = search.SearchStore(ctx, p.w.store, query, paletteLimit)
		} else {
			results, err = p.session.Search(query, paletteLimit)
		}
		fyne.Do(func() {
			cancel()
			p.searching, p.cancel = false, nil
			switch {
			case p.closed:
				close(drawn)
			case p.asked != asked:
				close(drawn)
				p.search() // asked again meanwhile: these results are old
			default:
				p.show(query, results, err)
				p.w.afterNextFrame(func() { close(drawn) }, nil)
			}
		})
	})
}

// show puts query's results in the list.
func (p *searchPalette) show(query string, results []search.Result, err error) {
	shown := p.chosen
	p.results = results
	// One redraw of the rows a keystroke: each row shapes its text again,
	// and Fyne's Select, ScrollTo, UnselectAll and Refresh each redraw
	// them all.
	p.moving = true
	switch {
	case len(results) == 0 && shown >= 0:
		p.list.UnselectAll()
	case len(results) == 0:
		p.list.Refresh()
	case shown == 0:
		p.list.ScrollTo(0) // Select would see nothing to do, not even a redraw
	default:
		p.list.Select(0) // scrolls to it
	}
	p.moving = false
	p.chosen = min(0, len(results)-1)
	switch {
	case err != nil:
		p.info.SetText("Could not read the claims found: " + err.Error())
	case p.indexing() && query == "":
		p.info.SetText("Most recent claims · indexing " + p.claimsBeingIndexed())
	case p.indexing():
		p.info.SetText(storage.Plural(len(p.results), "result") + " · indexing " + p.claimsBeingIndexed())
	case p.w.index.Len() == 0:
		p.info.SetText("No claims yet.")
	case query == "":
		p.info.SetText("Most recent claims · type to search " + storage.Plural(p.w.index.Len(), "claim"))
	default:
		p.info.SetText(storage.Plural(len(p.results), "result"))
	}
	if p.openAnswer {
		p.openAnswer = false
		p.open()
	}
}

// indexing reports whether the index is still being read: queries
// meanwhile search the store, and indexLoaded runs the query again once
// the index holds every claim, so later keys answer at the index's speed.
func (p *searchPalette) indexing() bool {
	return !p.w.indexed || p.w.index.Loading()
}

func (p *searchPalette) claimsBeingIndexed() string {
	return storage.Plural(p.w.claimsToIndex(), "claim") + "…"
}

func (p *searchPalette) move(delta int) {
	if len(p.results) == 0 {
		return
	}
	p.highlight(max(0, min(p.chosen+delta, len(p.results)-1)))
}

// highlight chooses row i and scrolls to it, redrawing the rows once.
func (p *searchPalette) highlight(i int) {
	p.moving = true
	if i == p.chosen {
		p.list.ScrollTo(i) // at either end: Select would not scroll back to it
	} else {
		p.list.Select(i) // scrolls to it
	}
	p.moving = false
	p.chosen = i
}

func (p *searchPalette) open() {
	if p.searching || !p.w.framed { // the answer opens, once there is one
		p.openAnswer = true
		return
	}
	if p.chosen < 0 || p.chosen >= len(p.results) {
		return
	}
	r := p.results[p.chosen]
	p.close()
	p.w.openArticle(r.ArticleID)
	p.w.selectClaim(r.ID, true)
}

func (p *searchPalette) close() {
	p.closed = true
	if p.cancel != nil {
		p.cancel()
	}
	// Unfocused while its overlay still shows: see releaseFocusOnClose.
	p.w.win.Canvas().Unfocus()
	p.popup.Hide()
	p.w.palette = nil
	p.w.focusText()
}

func (p *searchPalette) createRow() fyne.CanvasObject {
	quote := newMarkedLine()
	meta := &widget.Label{Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis}
	return newLabelledRow(quote, meta)
}

func (p *searchPalette) updateRow(i widget.ListItemID, item fyne.CanvasObject) {
	if i >= len(p.results) {
		return
	}
	r := p.results[i]
	lines := p.w.paintLabelledRow(item, r.Label)
	lines[0].(*markedLine).SetRuns(emphasised(r.Label+"  ", r.Quote, r.QuoteMatches))
	lines[1].(*widget.Label).SetText(speakerLine(r.Speaker, r.Target, "") + " · " + r.ArticleTitle)
}

// emphasised is the quote after prefix (its label, in bold) with the
// matched characters in bold and the primary colour.
func emphasised(prefix, quote string, matches []int) []textRun {
	// The label in bold text colour: the bar beside the row carries the
	// label's own colour, and one blue for every label would say nothing.
	runs := []textRun{{text: prefix, bold: true}}
	runes := []rune(storage.OneLine(quote))
	matched := map[int]bool{}
	for _, m := range matches {
		matched[m] = true
	}
	start := 0
	for i := 1; i <= len(runes); i++ {
		if i == len(runes) || matched[i] != matched[start] {
			run := textRun{text: string(runes[start:i])}
			if matched[start] {
				run.bold, run.colour = true, theme.ColorNamePrimary
			}
			runs = append(runs, run)
			start = i
		}
	}
	return runs
}

// paletteEntry is the palette's query box; it keeps the arrows, Enter and
// Esc for the result list.
type paletteEntry struct {
	widget.Entry
	p *searchPalette
}

func newPaletteEntry(p *searchPalette) *paletteEntry {
	e := &paletteEntry{p: p}
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder("Find a claim: words in any order, e.g. peskov denied hack")
	e.OnChanged = p.run
	return e
}

func (e *paletteEntry) TypedKey(key *fyne.KeyEvent) {
	switch key.Name {
	case fyne.KeyDown:
		e.p.move(1)
	case fyne.KeyUp:
		e.p.move(-1)
	case fyne.KeyPageDown:
		e.p.move(8)
	case fyne.KeyPageUp:
		e.p.move(-8)
	case fyne.KeyReturn, fyne.KeyEnter:
		e.p.open()
	case fyne.KeyEscape:
		e.p.close()
	default:
		e.Entry.TypedKey(key)
	}
}
