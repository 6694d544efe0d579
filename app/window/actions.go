package window

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"

	"claimdesk/storage"
)

func (w *mainWindow) onTextSelectionChanged(start, end int) {
	w.focusText()
	// Selecting exactly a claim's span selects that claim, so its hotkey
	// relabels it instead of stacking a duplicate on top.
	if id := w.claimWithSpan(start, end); id != 0 && start < end {
		w.selectClaim(id, false)
		return
	}
	// A fresh text selection that is not exactly the selected claim means
	// the analyst is marking a new span: the claim is deselected so the
	// hotkey creates rather than relabels.
	if c, ok := w.selectedClaim(); ok && (c.Start != start || c.End != end) {
		w.details.flush()
		w.selected = 0
		w.view.SetSelectedHighlight(0)
		w.claimsUI.markSelected(0)
		w.details.show(storage.Claim{}, false)
	}
	w.status.refresh()
}

func (w *mainWindow) onHighlightTapped(id uint64) {
	w.selectClaim(id, false)
}

func (w *mainWindow) onTypedRune(r rune) {
	if l, ok := w.labelForHotkey(string(r)); ok {
		w.applyLabel(l.Name)
	}
}

func (w *mainWindow) onTypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyDelete, fyne.KeyBackspace:
		w.deleteSelected()
	case fyne.KeyEscape:
		w.clearSelection()
	}
}

// applyLabel labels the text selection as a new claim, or relabels the
// selected claim.
func (w *mainWindow) applyLabel(label string) {
	if w.article.ID == 0 {
		return
	}
	if c, ok := w.selectedClaim(); ok {
		if c.Label == label {
			return
		}
		_, err := w.editor.Relabel(c.ID, label)
		w.afterChange("Relabelling the claim", err, c.ID)
		return
	}
	start, end, ok := w.view.Selection()
	if !ok || start == end {
		w.status.flash("Select some text first, then press a label's key.")
		return
	}
	a, err := w.editor.Create(w.article.ID, start, end, label)
	w.afterChange("Saving the claim", err, a.ID)
}

func (w *mainWindow) deleteSelected() {
	c, ok := w.selectedClaim()
	if !ok {
		return
	}
	w.details.discard()
	_, err := w.editor.Delete(c.ID)
	w.afterChange("Deleting the claim", err, 0)
}

func (w *mainWindow) clearSelection() {
	w.details.flush()
	w.view.ClearSelection()
	w.selectClaim(0, false)
}

func (w *mainWindow) undo() { w.replay("Undo", "Undone", w.editor.Undo) }

func (w *mainWindow) redo() { w.replay("Redo", "Redone", w.editor.Redo) }

// replay runs an undo or a redo and says what it did.
func (w *mainWindow) replay(verb, done string, step func() (string, error)) {
	w.details.flush()
	name, err := step()
	if name == "" && err == nil {
		w.status.flash("Nothing to " + strings.ToLower(verb) + ".")
		return
	}
	w.afterChange(verb+" of “"+name+"”", err, w.selected)
	if err == nil {
		w.status.flash(done + ": " + name)
	}
}

// afterChange refreshes the panels from the store and selects a claim. A
// refused change is explained; a failed write is shown as not saved.
func (w *mainWindow) afterChange(what string, err error, selectID uint64) {
	if err != nil {
		if !errors.Is(err, storage.ErrInvalid) {
			w.status.setUnsaved(err)
		}
		w.showError(what, err)
		return
	}
	w.status.setSaved()
	w.reloadClaims()
	w.selectClaim(selectID, false)
	w.focusText()
}

// claimWithSpan finds the claim over exactly [start, end), preferring the
// selected one when several share the span.
func (w *mainWindow) claimWithSpan(start, end int) uint64 {
	if c, ok := w.selectedClaim(); ok && c.Start == start && c.End == end {
		return c.ID
	}
	for _, c := range w.claims {
		if c.Start == start && c.End == end {
			return c.ID
		}
	}
	return 0
}

func (w *mainWindow) labelForHotkey(key string) (storage.Label, bool) {
	for _, l := range w.labels {
		if l.Hotkey != "" && l.Hotkey == key {
			return l, true
		}
	}
	return storage.Label{}, false
}

func (w *mainWindow) setArticleStatus(status storage.Status) {
	if w.article.ID == 0 {
		return
	}
	err := w.store.SetArticleStatus(w.article.ID, status)
	if err != nil {
		w.status.setUnsaved(err)
		w.showError("Setting the article's status", err)
		return
	}
	w.article.Status = status
	w.status.setSaved()
	w.toolbar.refresh()
}
