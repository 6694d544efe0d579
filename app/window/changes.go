package window

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
			return labelSwatch(l.Colour)
		}
	}
	return labelSwatch(storage.UnknownLabelColour)
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

// labelSwatch is the colour of a label's "#RRGGBB", or the store's grey
// for unknown labels when it does not parse.
func labelSwatch(hex string) color.Color {
	if c, ok := storage.ParseColour(hex); ok {
		return c
	}
	c, _ := storage.ParseColour(storage.UnknownLabelColour)
	return c
}
