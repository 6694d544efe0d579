package window

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2/dialog"

	"claimdesk/storage"
)

// showError tells the analyst what failed, in words, in the window.
func (w *mainWindow) showError(what string, err error) {
	msg := err.Error()
	if !errors.Is(err, storage.ErrInvalid) && !errors.Is(err, storage.ErrNotFound) {
		msg += "\n\nThe change was not saved. Your earlier work is safe in " + w.store.Path() + "."
	}
	dialog.ShowError(fmt.Errorf("%s failed:\n%s", what, msg), w.win)
}
