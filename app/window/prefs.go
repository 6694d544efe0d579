package window

import "fyne.io/fyne/v2"

// Preference keys: what the window remembers between runs.
const (
	prefLastArticle = "LastArticle"
	prefScroll      = "LastScroll"
	prefAnnotator   = "Annotator"
	prefWidth       = "WindowWidth"
	prefHeight      = "WindowHeight"
	prefSnapWords   = "SnapToWords"
)

func (w *mainWindow) restorePreferences() {
	p := w.app.Preferences()
	width, height := p.FloatWithFallback(prefWidth, 1280), p.FloatWithFallback(prefHeight, 800)
	w.win.Resize(fyne.NewSize(float32(width), float32(height)))
	w.view.SnapToWords = p.BoolWithFallback(prefSnapWords, true)
	w.rebuildMenu()
	id := uint64(p.Int(prefLastArticle))
	if id == 0 || !w.session.HasArticle(id) {
		id = w.articles.first()
	}
	if id == 0 {
		return
	}
	w.openArticle(id)
	w.view.SetScrollPosition(float32(p.Float(prefScroll)))
}

func (w *mainWindow) savePreferences() {
	p := w.app.Preferences()
	size := w.win.Canvas().Size()
	if size.Width >= 400 && size.Height >= 300 {
		p.SetFloat(prefWidth, float64(size.Width))
		p.SetFloat(prefHeight, float64(size.Height))
	}
	p.SetInt(prefLastArticle, int(w.session.Article().ID))
	p.SetFloat(prefScroll, float64(w.view.ScrollPosition()))
	p.SetString(prefAnnotator, w.session.Annotator())
	p.SetBool(prefSnapWords, w.view.SnapToWords)
}
