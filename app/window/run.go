package window

import (
	"os"
	"os/signal"
	"syscall"

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
	a.Settings().SetTheme(newReadableTheme())
	_, seedErr := seeds.LoadIfEmpty(store)
	w := newMainWindow(a, store)
	if seedErr != nil {
		w.showError("Loading the sample article", seedErr)
	}
	quitOnSignal(w)
	w.win.ShowAndRun() // closing and File > Quit flush edits and save preferences
	// A pending edit the store refused at quit is the one thing the window
	// could not show: the command line reports it and exits 1.
	_, _, failure := w.session.SaveState()
	return failure
}

// quitOnSignal quits the way File > Quit does, storing an edit still being
// typed, when the session ends under the window (logout, shutdown: SIGTERM)
// or Ctrl+C reaches the terminal that started it (SIGINT).
func quitOnSignal(w *mainWindow) {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		<-signals
		fyne.Do(w.quit)
	}()
}
