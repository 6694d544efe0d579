package window

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"

	"claimdesk/app/articleview"
	"claimdesk/app/atomicfile"
)

// memory is what the window remembers between runs: the analyst's name,
// word snapping and text size, and for each store the window's size, the
// article last open and the place in it. It lives in a JSON file of its
// own, written whole and synced the moment it changes, rather than in
// Fyne's preferences: those debounce writes for 100 ms and flush the rest
// in a hook the driver may never run once its loop has ended, so a window
// size saved as the window quit was sometimes lost.
type memory struct {
	path string // "" for a memory that is never written

	Annotator   string                 `json:"annotator"`
	SnapToWords bool                   `json:"snapToWords"`
	Zoom        float32                `json:"zoom"`
	Stores      map[string]*storePlace `json:"stores"` // by the store's absolute path
}

// storePlace is what the window remembers of one store: ids mean other
// articles in another store, so the place cannot be the analyst's.
type storePlace struct {
	Width       float32 `json:"width"`
	Height      float32 `json:"height"`
	LastArticle uint64  `json:"lastArticle"`
	TopOffset   int     `json:"topOffset"` // the character at the top of the article
	TopBelow    float32 `json:"topBelow"`  // pixels scrolled past its line, see articleview.Place
	// Rejected lists the suggested spans the analyst rejected in this
	// store's articles (suggest.RejectedSpans' JSON), so they are never
	// proposed again.
	Rejected json.RawMessage `json:"rejected,omitempty"`
}

// memoryFile is the name of the memory in the app's own storage folder.
const memoryFile = "window.json"

// Keys of Fyne's preferences that earlier versions kept the analyst's
// settings under, read once when there is no memory file yet.
const (
	legacyAnnotator = "Annotator"
	legacySnapWords = "SnapToWords"
	legacyZoom      = "Zoom"
)

func newMemory(path string) *memory {
	return &memory{path: path, SnapToWords: true, Zoom: 1, Stores: map[string]*storePlace{}}
}

// loadMemory reads the memory at path. Without a file yet, the analyst's
// settings come from legacy (Fyne's preferences) so an upgrade keeps the
// annotator's name. A damaged file is a problem of this file only: the
// window starts as new and says so in the error, and the next save
// replaces the file.
func loadMemory(path string, legacy fyne.Preferences) (*memory, error) {
	m := newMemory(path)
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if legacy != nil {
			m.Annotator = legacy.String(legacyAnnotator)
			m.SnapToWords = legacy.BoolWithFallback(legacySnapWords, true)
			m.Zoom = float32(legacy.FloatWithFallback(legacyZoom, 1))
		}
		return m, nil
	}
	if err != nil {
		return m, fmt.Errorf("read the window's memory: %w", err)
	}
	if err := json.Unmarshal(raw, m); err != nil {
		fresh := newMemory(path)
		return fresh, fmt.Errorf("the window's memory %s is not valid JSON (%v); starting with the default window", path, err)
	}
	if m.Stores == nil {
		m.Stores = map[string]*storePlace{}
	}
	if m.Zoom <= 0 {
		m.Zoom = 1
	}
	return m, nil
}

// place is the entry for the store at storePath, made on first use.
func (m *memory) place(storePath string) *storePlace {
	key, err := filepath.Abs(storePath)
	if err != nil {
		key = storePath
	}
	p := m.Stores[key]
	if p == nil {
		p = &storePlace{}
		m.Stores[key] = p
	}
	return p
}

// size is the window's size on the store at storePath: as the analyst
// left it there, else 1280×800.
func (m *memory) size(storePath string) fyne.Size {
	if p := m.place(storePath); p.Width >= minRememberedWidth && p.Height >= minRememberedHeight {
		return fyne.NewSize(p.Width, p.Height)
	}
	return fyne.NewSize(1280, 800)
}

// save writes the memory to a new file beside the old one and renames it
// over, so a crash mid-write leaves the previous memory whole.
func (m *memory) save() error {
	if m.path == "" {
		return nil
	}
	raw, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(m.path), 0o755); err != nil {
		return fmt.Errorf("save the window's memory: %w", err)
	}
	if err := atomicfile.WriteBytes(m.path, atomicfile.Options{Pattern: memoryFile + ".*"}, append(raw, '\n')); err != nil {
		return fmt.Errorf("save the window's memory: %w", err)
	}
	return nil
}

// restorePlace brings the window back as the analyst left it on this
// store (its size was given before it was shown): text size, word
// snapping, and the article last open, scrolled to where it was. The place
// is read whole before anything opens, since opening an article remembers
// the new place.
func (w *mainWindow) restorePlace() {
	place := *w.memory.place(w.store.Path())
	w.view.SnapToWords = w.memory.SnapToWords
	w.view.SetZoom(w.memory.Zoom)
	w.rebuildMenu()
	id := place.LastArticle
	if id == 0 || !w.session.HasArticle(id) {
		id = w.articles.first()
	}
	if id == 0 {
		return
	}
	w.openArticle(id)
	if id == place.LastArticle {
		w.view.ScrollToPlace(articleview.Place{Offset: place.TopOffset, Below: place.TopBelow})
	}
}

// A window smaller than this was not yet laid out when its size was read
// (or never shown): remembering it would reopen a window too small to use.
const (
	minRememberedWidth  = 400
	minRememberedHeight = 300
)

// rememberPlace records the window as it is now and writes the memory.
// A memory that cannot be written costs only the place next time, so it
// is reported on the command line rather than interrupting the analyst.
func (w *mainWindow) rememberPlace() {
	place := w.memory.place(w.store.Path())
	if size := w.win.Canvas().Size(); size.Width >= minRememberedWidth && size.Height >= minRememberedHeight {
		place.Width, place.Height = size.Width, size.Height
	}
	place.LastArticle = w.session.Article().ID
	top := w.view.TopPlace()
	place.TopOffset, place.TopBelow = top.Offset, top.Below
	w.memory.Annotator = w.session.Annotator()
	w.memory.SnapToWords = w.view.SnapToWords
	w.memory.Zoom = w.view.Zoom()
	if err := w.memory.save(); err != nil {
		fmt.Fprintf(os.Stderr, "claimdesk: %v\n", err)
	}
}
