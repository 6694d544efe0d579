package app

import (
	"image/color"

	"fyne.io/fyne/v2"

	"claimdesk/app/articleview"
	"claimdesk/storage"
)

// onStoreChanged hears every committed change, from the window or from an
// import running in the background. Refreshes are coalesced into one per
// frame so a batch import of thousands of claims does not redraw thousands
// of times.
func (w *mainWindow) onStoreChanged(c storage.Change) {
	fyne.Do(func() {
		w.articles.apply(c)
		if c.Kind == storage.ArticleUpdated && c.Article.ID == w.article.ID {
			w.article.Status = c.Article.Status
			w.toolbar.refresh()
		}
		if c.Kind == storage.ArticleDeleted && c.Article.ID == w.article.ID {
			w.article = storage.Article{}
			w.view.SetDocument("No article open", emptyStoreHint)
		}
		if c.Kind == storage.LabelsChanged {
			w.reloadLabels()
		}
		if w.refreshPending {
			return
		}
		w.refreshPending = true
		fyne.Do(w.refreshFromStore)
	})
}

func (w *mainWindow) refreshFromStore() {
	w.refreshPending = false
	w.reloadClaims()
	w.articles.refresh()
}

func (w *mainWindow) reloadLabels() {
	labels, err := w.store.Labels()
	if err != nil {
		w.showError("Reading the labels", err)
		return
	}
	w.labels = labels
	w.toolbar.refresh()
	w.details.refreshLabels()
	w.rebuildMenu()
}

func (w *mainWindow) labelColour(name string) color.Color {
	for _, l := range w.labels {
		if l.Name == name {
			return parseHexColour(l.Colour)
		}
	}
	return color.NRGBA{R: 0x88, G: 0x88, B: 0x88, A: 0xff}
}

func (w *mainWindow) highlights() []articleview.Highlight {
	hs := make([]articleview.Highlight, len(w.claims))
	for i, c := range w.claims {
		hs[i] = articleview.Highlight{ID: c.ID, Start: c.Start, End: c.End, Colour: w.labelColour(c.Label)}
	}
	return hs
}

// startIndexing builds the search index in the background so the first
// frame does not wait for it; the index then follows every change.
func (w *mainWindow) startIndexing() {
	w.index.Follow(w.store)
	background(func() {
		if err := w.index.Load(w.store); err != nil {
			fyne.Do(func() { w.showError("Building the search index", err) })
		}
	})
}

func parseHexColour(s string) color.Color {
	var c color.NRGBA
	c.A = 0xff
	if len(s) == 7 && s[0] == '#' {
		for i, p := range []*uint8{&c.R, &c.G, &c.B} {
			*p = hexByte(s[1+2*i], s[2+2*i])
		}
	}
	return c
}

func hexByte(hi, lo byte) uint8 { return hexNibble(hi)<<4 | hexNibble(lo) }

func hexNibble(b byte) uint8 {
	switch {
	case b >= '0' && b <= '9':
		return b - '0'
	case b >= 'a' && b <= 'f':
		return b - 'a' + 10
	case b >= 'A' && b <= 'F':
		return b - 'A' + 10
	}
	return 0
}
