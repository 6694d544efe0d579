package window

import (
	"fmt"

	"fyne.io/fyne/v2/dialog"

	"claimdesk/app/annotate"
)

// showError tells the analyst that a change failed, in words, in the
// window; the footer shows NOT SAVED from the session's save state, and
// this says why.
func (w *mainWindow) showError(what string, err error) {
	msg := err.Error()
	if !annotate.Refused(err) {
		msg += "\n\nThe change was not saved. Your earlier work is safe in " + w.store.Path() + "."
	}
	dialog.ShowError(fmt.Errorf("%s failed:\n%s", what, msg), w.win)
}

// showReadError tells the analyst that reading failed. Nothing was being
// changed, so it says so rather than speak of an unsaved change.
func (w *mainWindow) showReadError(what string, err error) {
	dialog.ShowError(fmt.Errorf("%s failed:\n%w\n\nNothing was changed in %s", what, err, w.store.Path()), w.win)
}
