package window

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"claimdesk/app/annotate"
	"claimdesk/storage"
)

func (w *mainWindow) onTextSelectionChanged(start, end int) {
	w.focusText()
	w.session.SelectText(start, end)
}

func (w *mainWindow) onTypedRune(r rune) {
	l, ok := w.session.LabelForHotkey(string(r))
	if !ok {
		return
	}
	if _, candidate := w.session.CurrentCandidate(); candidate {
		w.acceptCandidate(l.Name)
		return
	}
	w.applyLabel(l.Name)
}

func (w *mainWindow) onTypedKey(ev *fyne.KeyEvent) {
	if w.candidateKey(ev) {
		return
	}
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		w.onEnter()
	case fyne.KeyDelete, fyne.KeyBackspace:
		w.deleteSelected()
	case fyne.KeyEscape:
		w.clearSelection()
	}
}

// applyLabel labels the text selection as a new claim, or relabels the
// selected claim.
func (w *mainWindow) applyLabel(label string) {
	err := w.session.ApplyLabel(label)
	switch {
	case errors.Is(err, annotate.ErrNoSelection):
		w.footer.flash("Select some text first, then press a label's key.")
	case errors.Is(err, annotate.ErrNoArticle):
	case errors.Is(err, annotate.ErrReadOnlyClaim), errors.Is(err, annotate.ErrReadOnlyLayer):
		w.footer.flash(err.Error())
	case err != nil:
		w.showError("Labelling the claim", err)
	default:
		w.focusText()
	}
}

// fitClaim moves the claim selected last to the text selection.
func (w *mainWindow) fitClaim() {
	err := w.session.FitClaim()
	switch {
	case errors.Is(err, annotate.ErrNothingToFit):
		w.footer.flash("To fit a claim: click it, change the selection over it (Shift+arrows, Shift+click), then Ctrl+R.")
	case err != nil:
		w.showError("Fitting the claim", err)
	default:
		w.focusText()
	}
}

// moveClaimEnd makes the selection a dragged end of claim id left its new
// span; dropped where it was, the claim simply stays selected.
func (w *mainWindow) moveClaimEnd(id uint64) {
	if c, ok := w.session.FitCandidate(); !ok || c.ID != id {
		w.selectClaim(id, false)
		return
	}
	w.fitClaim()
}

func (w *mainWindow) deleteSelected() {
	if err := w.session.DeleteSelected(); errors.Is(err, annotate.ErrReadOnlyClaim) {
		w.footer.flash(err.Error())
	} else if err != nil {
		w.showError("Deleting the claim", err)
	}
}

func (w *mainWindow) clearSelection() {
	w.view.ClearSelection()
	w.session.ClearSelection()
}

func (w *mainWindow) undo() { w.replay("Undo", "Undone", w.session.Undo) }

func (w *mainWindow) redo() { w.replay("Redo", "Redone", w.session.Redo) }

// replay runs an undo or a redo and says what it did.
func (w *mainWindow) replay(verb, done string, step func() (string, error)) {
	name, err := step()
	switch {
	case errors.Is(err, annotate.ErrStepDropped):
		w.showError(verb+" of “"+name+"”", err)
	case err != nil:
		w.showError(verb, err)
	case name == "":
		w.footer.flash("Nothing to " + strings.ToLower(verb) + ".")
	default:
		w.footer.flash(done + ": " + name)
	}
}

func (w *mainWindow) setArticleStatus(status storage.Status) {
	if err := w.session.SetStatus(status); err != nil && !errors.Is(err, annotate.ErrNoArticle) {
		w.showError("Setting the article's status", err)
	}
}

// confirmDeleteArticle asks before removing the open article and its
// claims: unlike claim edits this cannot be undone.
func (w *mainWindow) confirmDeleteArticle() {
	a := w.session.Article()
	if a.ID == 0 {
		return
	}
	msg := fmt.Sprintf("Delete %q and its %s?\nThis cannot be undone.", a.Title, storage.Plural(len(w.session.Claims()), "claim"))
	d := dialog.NewConfirm("Delete article", msg, func(ok bool) {
		if ok {
			w.deleteArticle()
		}
	}, w.win)
	w.dialogKeys(d, false)
	d.Show()
}

func (w *mainWindow) deleteArticle() {
	if err := w.session.DeleteArticle(); err != nil && !errors.Is(err, annotate.ErrNoArticle) {
		w.showError("Deleting the article", err)
	}
}
