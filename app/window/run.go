package window

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"github.com/BurntSushi/toml"

	"claimdesk/assets"
	"claimdesk/seeds"
	"claimdesk/storage"
)

// Run opens the annotation window on store and returns when it is closed.
// An empty store first gets the seed article, so the window is never empty.
// fyneApp is the text of FyneApp.toml: the app's ID, name, version and the
// Fyne migrations it has made.
func Run(store *storage.Store, fyneApp []byte) error {
	meta, err := readMetadata(fyneApp)
	if err != nil {
		return err
	}
	app.SetMetadata(meta)
	a := app.NewWithID(meta.ID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.IconPNG))
	a.Settings().SetTheme(newReadableTheme())
	_, seedErr := seeds.LoadIfEmpty(store)
	w := newMainWindow(a, store)
	if seedErr != nil {
		w.showError("Loading the sample article", seedErr)
	}
	w.win.ShowAndRun() // closing and File > Quit flush edits and save preferences
	// Fyne ends its loop by itself on SIGTERM (logout, shutdown) and SIGINT,
	// without File > Quit: an edit still being typed is stored here. A
	// failure is the one thing the window could not show: the command line
	// reports it and exits 1.
	if err := w.session.Flush(); err != nil {
		return err
	}
	_, _, failure := w.session.SaveState()
	return failure
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
