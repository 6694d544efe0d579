package window

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"github.com/BurntSushi/toml"

	"claimdesk/assets"
	"claimdesk/seeds"
	"claimdesk/storage"
)

// Run opens the annotation window and returns when it is closed. It calls
// open for the store, at path; when that fails, a small window says why and
// what to do, and calls open again on Try again; if the analyst quits
// there, Run returns the failure. Run closes the store open gave it. An
// empty store first gets the seed article, so the window is never empty.
// fyneApp is the text of FyneApp.toml: the app's ID, name, version and the
// Fyne migrations it has made.
func Run(path string, open func() (*storage.Store, error), fyneApp []byte) error {
	meta, err := readMetadata(fyneApp)
	if err != nil {
		return err
	}
	app.SetMetadata(meta)
	a := app.NewWithID(meta.ID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.IconPNG))
	a.Settings().SetTheme(newReadableTheme())
	remembered, err := loadMemory(filepath.Join(a.Storage().RootURI().Path(), memoryFile), a.Preferences())
	if err != nil {
		fmt.Fprintf(os.Stderr, "claimdesk: %v\n", err)
	}
	var w *mainWindow
	problem := openOrExplain(a, path, open, func(store *storage.Store) (err error) {
		w, err = showMainWindow(store, func(s *storage.Store) *mainWindow { return newMainWindow(a, s, remembered) })
		if w != nil {
			// Fyne 2.7.1's own end can crash the process ("send on closed
			// channel" from its lifecycle queue racing the loop's last
			// drain, seen under load): once quit has stored the last edit
			// and the window's place, the process ends here instead.
			w.exit = func() {
				failure := w.finish()
				if failure != nil {
					fmt.Fprintf(os.Stderr, "claimdesk: %v\n", failure)
					os.Exit(1)
				}
				os.Exit(0)
			}
		}
		return err
	})
	a.Run() // closing and File > Quit flush edits and remember the window's place
	if w == nil {
		return problem.err
	}
	if !w.left { // Fyne ended the loop itself, on SIGTERM or SIGINT
		w.rememberPlace()
	}
	return w.finish()
}

// finish closes the store once the window is done with it. Every keystroke
// is already stored, so whatever ended the window (File > Quit, closing it,
// SIGTERM) loses nothing typed. A refused write is the one thing the window
// could not show once closed: it is returned, for the command line to
// report and exit 1.
func (w *mainWindow) finish() error {
	w.closingOnce.Do(func() { close(w.closing) })
	_, failure := w.session.SaveState()
	if err := w.store.Close(); err != nil && failure == nil {
		failure = err
	}
	return failure
}

// showMainWindow shows the annotation window that newWindow makes on
// store, with the seed article in an empty store. A store whose articles
// cannot be read is damaged: it is closed and refused like one that does
// not open, since the window could show nothing of it and would report
// each read as a lost change.
func showMainWindow(store *storage.Store, newWindow func(*storage.Store) *mainWindow) (*mainWindow, error) {
	_, seedErr := seeds.LoadIfEmpty(store)
	if errors.Is(seedErr, storage.ErrDamaged) {
		_ = store.Close() // refused whole: its close error tells nothing more
		return nil, fmt.Errorf("read the articles of %s: %w", store.Path(), seedErr)
	}
	w := newWindow(store) // shown as it is made
	if seedErr != nil {
		w.showError("Loading the sample article", seedErr)
	}
	if kept := store.MigrationBackup(); kept != "" {
		w.footer.hint("This store was brought up to this version's format; as it was, for an older Claimdesk, it is kept in " + kept)
	}
	return w, nil
}

// readMetadata reads FyneApp.toml the way the fyne tool compiles it in.
func readMetadata(text []byte) (fyne.AppMetadata, error) {
	var file struct {
		Details struct {
			ID, Name, Version string
			Build             int
		}
		Migrations map[string]bool
	}
	if err := toml.Unmarshal(text, &file); err != nil {
		return fyne.AppMetadata{}, fmt.Errorf("FyneApp.toml: %w", err)
	}
	d := file.Details
	if d.ID == "" {
		return fyne.AppMetadata{}, errors.New("FyneApp.toml: no ID in [Details]")
	}
	return fyne.AppMetadata{ID: d.ID, Name: d.Name, Version: d.Version, Build: d.Build,
		Release: true, Migrations: file.Migrations}, nil
}
