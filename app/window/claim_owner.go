package window

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/app/annotate"
	"claimdesk/storage"
)

// claimOwner tells, above the claim editor, whose claim is selected when it
// is not the analyst's to change, and offers to copy it into their layer.
type claimOwner struct {
	w     *mainWindow
	whose *widget.Label
	copy  *widget.Button
	box   *fyne.Container
}

func newClaimOwner(w *mainWindow) *claimOwner {
	o := &claimOwner{w: w, whose: &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}}}
	o.copy = &widget.Button{Icon: theme.ContentCopyIcon(), OnTapped: w.copyToMine}
	o.box = container.NewVBox(o.whose, container.NewHBox(o.copy))
	o.box.Hidden = true
	return o
}

func (o *claimOwner) container() fyne.CanvasObject { return o.box }

// show says whose c is when the analyst may not change it, and hides
// otherwise; it reports whether c is editable.
func (o *claimOwner) show(c storage.Claim) (editable bool) {
	s := o.w.session
	editable = s.Editable(c)
	o.box.Hidden = editable
	if !editable {
		o.whose.SetText(annotate.AnnotatorName(c.Annotator) + "'s claim: read-only here.")
		o.copy.SetText("Copy to " + s.CopyTarget())
	}
	o.box.Refresh()
	return editable
}

// copyToMine copies the selected claim of another layer into the analyst's
// own (or gold, while the gold layer is shown).
func (w *mainWindow) copyToMine() {
	if err := w.session.CopyToMine(); err != nil {
		w.showError("Copying the claim", err)
		return
	}
	w.focusText()
}
