package window

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"claimdesk/assets"
	"claimdesk/seeds"
	"claimdesk/storage"
)

// AppID is the application's identity; FyneApp.toml says the same.
const AppID = "org.claimdesk.app"

// Run opens the annotation window on store and returns when it is closed.
// An empty store first gets the seed article, so the window is never empty.
func Run(store *storage.Store) error {
	a := app.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.IconPNG))
	_, seedErr := seeds.LoadIfEmpty(store)
	w := newMainWindow(a, store)
	if seedErr != nil {
		w.showError("Loading the sample article", seedErr)
	}
	w.win.ShowAndRun() // closing and File > Quit flush edits and save preferences
	return nil
}
