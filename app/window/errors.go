package window

import (
	"fmt"

	"fyne.io/fyne/v2/dialog"

	"claimdesk/app/annotate"
)

// showError tells the analyst what failed, in words, in the window. The
// status bar shows NOT SAVED from the session's save state; this says why.
func (w *mainWindow) showError(what string, err error) {
	msg := err.Error()
	if !annotate.Refused(err) {
		msg += "\n\nThe change was not saved. Your earlier work is safe in " + w.store.Path() + "."
	}
	dialog.ShowError(fmt.Errorf("%s failed:\n%s", what, msg), w.win)
}
