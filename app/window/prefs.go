package window

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"

	"fyne.io/fyne/v2"
)

// Preference keys: what the window remembers between runs. The annotator
// and word snapping belong to the analyst; the rest belongs to one store,
// since another store has other articles under the same ids.
const (
	prefAnnotator = "Annotator"
	prefSnapWords = "SnapToWords"
	prefZoom      = "Zoom"

	prefLastArticle = "LastArticle"
	prefTopOffset   = "TopOffset" // the character at the top of the article
	prefWidth       = "WindowWidth"
	prefHeight      = "WindowHeight"
)

// storePref is the key of a preference of this window's store: the name
// under a prefix made from the store's absolute path.
func (w *mainWindow) storePref(name string) string {
	path, err := filepath.Abs(w.store.Path())
	if err != nil {
		path = w.store.Path()
	}
	sum := sha256.Sum256([]byte(path))
	return "Store" + hex.EncodeToString(sum[:6]) + name
}

func (w *mainWindow) restorePreferences() {
	p := w.app.Preferences()
	width := p.FloatWithFallback(w.storePref(prefWidth), 1280)
	height := p.FloatWithFallback(w.storePref(prefHeight), 800)
	w.win.Resize(fyne.NewSize(float32(width), float32(height)))
	w.view.SnapToWords = p.BoolWithFallback(prefSnapWords, true)
	w.view.SetZoom(float32(p.FloatWithFallback(prefZoom, 1)))
	w.rebuildMenu()
	last := uint64(p.Int(w.storePref(prefLastArticle)))
	id := last
	if id == 0 || !w.session.HasArticle(id) {
		id = w.articles.first()
	}
	if id == 0 {
		return
	}
	w.openArticle(id) // which records it as the last article already
	if id == last {
		w.view.ScrollTopTo(p.Int(w.storePref(prefTopOffset)))
	}
}

func (w *mainWindow) savePreferences() {
	p := w.app.Preferences()
	size := w.win.Canvas().Size()
	if size.Width >= 400 && size.Height >= 300 {
		p.SetFloat(w.storePref(prefWidth), float64(size.Width))
		p.SetFloat(w.storePref(prefHeight), float64(size.Height))
	}
	p.SetInt(w.storePref(prefLastArticle), int(w.session.Article().ID))
	p.SetInt(w.storePref(prefTopOffset), w.view.TopOffset())
	p.SetString(prefAnnotator, w.session.Annotator())
	p.SetBool(prefSnapWords, w.view.SnapToWords)
}
