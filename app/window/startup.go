package window

import (
	"fmt"
	"os"
	"runtime/debug"

	"fyne.io/fyne/v2"

	"claimdesk/app/annotate"
	"claimdesk/app/suggest"
)

// startIndexing reads the search index off the UI goroutine once the
// window's first frame is drawn: the palette is the first thing that waits
// for the whole store, and the analyst reaches it while the index is read
// (at 100,000 claims the index is in before a query is typed).
func (w *mainWindow) startIndexing() {
	w.index.Follow(w.store)
	w.indexing = make(chan struct{})
	w.afterFirstFrame(w.firstFrameDrawn)
}

// firstFrameDrawn starts what waited for the first frame: the palette's
// search of what was typed before it, then the index.
func (w *mainWindow) firstFrameDrawn() {
	w.framed = true
	w.loadItalic()
	if w.palette != nil && !w.palette.searching {
		w.palette.search()
	}
	w.readIndex()
}

// readIndex reads the search index in the background; a search of the
// store by the palette holds it meanwhile (see search.Index.Hold).
func (w *mainWindow) readIndex() {
	w.inBackground(func() {
		defer close(w.indexing)
		err := w.index.Load(w.store)
		fyne.Do(func() { w.indexLoaded(err) })
	})
}

// startLoading reads the rest of what the first frame does without, off
// the UI goroutine and one thing after another once the index is read, so
// the window is drawn and answers at once on a store of any size: who
// annotated (the layer switch) and the speakers and targets used before
// (completion); last the suggestion engine learns, through learn. Each
// reads every claim; done in turn they neither compete with each other for
// the two cores of a small machine nor hold their garbage at the same time.
func (w *mainWindow) startLoading(learn func(e *suggest.Engine, failed func(error))) {
	w.inBackground(func() {
		<-w.indexing
		// What the index holds lives as long as the window, and the reads
		// after it make garbage alone: collecting when the heap has grown
		// by half rather than doubled keeps the window near what it
		// holds, now (at a million claims the reads below peaked at
		// 690 MB of the window's own memory, and at 540 MB so) and for
		// the analyst's work after, for collections nobody waits for.
		// The first frame and the index, read fastest at the default,
		// kept it (at half, the index took 0.2 s longer).
		debug.SetGCPercent(50)
		names, err := w.store.Annotators()
		fyne.Do(func() {
			if err != nil {
				w.showReadError("Reading who annotated the store", err)
			}
			w.session.AddAnnotators(names)
		})
		w.readPastValues()
		learn(w.suggestions.engine, func(err error) { w.showReadError("Learning from the claims for suggestions", err) })
		w.returnGarbage()
	})
}

// returnGarbage collects and gives the freed memory back to the system:
// each read of start-up decoded every claim, and an idle window would
// keep their garbage for minutes (the runtime collects at least every two
// minutes, and returns freed memory slowly). startLoading calls it once
// its reads are done, and the suggestions once the first model's
// candidates are found, the last work of start-up (at a million claims,
// ~140 MB that an idle window otherwise kept). The store's file, which
// those reads brought in whole, is let go too (storage.ReleaseMapped).
func (w *mainWindow) returnGarbage() {
	w.collections.Add(1)
	debug.FreeOSMemory()
	if err := w.store.ReleaseMapped(); err != nil {
		// It costs memory, not data: the file stays mapped, as before.
		fmt.Fprintf(os.Stderr, "claimdesk: giving back the store's pages read at start-up: %v\n", err)
	}
}

// indexLoaded is told on the UI goroutine that the search index holds the
// whole store (or could not be read): an open palette answers the query
// typed while it was indexing.
func (w *mainWindow) indexLoaded(err error) {
	w.indexed = true
	if err != nil {
		w.showReadError("Building the search index", err)
	}
	if w.palette != nil {
		w.palette.run(w.palette.query.Text)
	}
}

// claimsToIndex is how many claims the store holds, from the article list
// the window already has: what the palette says it is indexing.
func (w *mainWindow) claimsToIndex() int {
	n := 0
	for _, a := range w.session.Articles() {
		n += a.Claims
	}
	return n
}

// readPastValues reads the speakers and targets used before, for the
// editor's completion. It reads every claim: call it off the UI goroutine.
func (w *mainWindow) readPastValues() {
	speakers, targets, err := annotate.PastValues(w.store)
	fyne.Do(func() {
		if err != nil {
			w.showReadError("Reading past speakers and targets", err)
			return
		}
		w.details.setPastValues(speakers, targets)
	})
}
