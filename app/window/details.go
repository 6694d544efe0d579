package window

import (
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/app/annotate"
	"claimdesk/storage"
)

// editDelay gathers a burst of typing into one stored change and one undo
// step; the pending edit is flushed before anything else happens, so
// nothing typed is ever lost.
const editDelay = 700 * time.Millisecond

// claimDetails edits the selected claim: label, speaker, target, note.
type claimDetails struct {
	w        *mainWindow
	claim    storage.Claim
	has      bool
	label    *widget.Select
	speaker  *completionEntry
	target   *completionEntry
	note     *widget.Entry
	quote    *widget.Label
	remove   *widget.Button
	form     *fyne.Container
	hint     *widget.Label
	pending  bool
	editSeq  int
	speakers []string
	targets  []string
}

func newClaimDetails(w *mainWindow) *claimDetails {
	d := &claimDetails{w: w}
	d.label = widget.NewSelect(nil, d.onLabelChosen)
	d.speaker = newCompletionEntry("Who made the claim", func() []string { return d.speakers })
	d.target = newCompletionEntry("About whom", func() []string { return d.targets })
	d.speaker.onEdited = func(string) { d.edited() }
	d.target.onEdited = func(string) { d.edited() }
	d.note = widget.NewMultiLineEntry()
	d.note.SetPlaceHolder("Note")
	d.note.Wrapping = fyne.TextWrapWord
	d.note.SetMinRowsVisible(3)
	d.note.OnChanged = func(string) { d.edited() }
	d.quote = &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Italic: true}}
	d.remove = &widget.Button{Text: "Delete", Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: w.deleteSelected}
	d.hint = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance,
		Text: "Select text in the article and press a label's key (1, 2, 3) or click a label above. Click a highlight to edit its claim."}
	form := widget.NewForm(
		widget.NewFormItem("Label", d.label),
		widget.NewFormItem("Speaker", d.speaker),
		widget.NewFormItem("Target", d.target),
		widget.NewFormItem("Note", d.note),
	)
	d.form = container.NewVBox(d.quote, form)
	d.reloadSuggestions()
	d.show(storage.Claim{}, false)
	return d
}

func (d *claimDetails) container() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("Selected claim", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	header := container.NewBorder(nil, nil, nil, d.remove, title)
	return container.NewBorder(container.NewVBox(widget.NewSeparator(), header), nil, nil, nil,
		container.NewVScroll(container.NewVBox(d.hint, d.form)))
}

// show fills the editor with claim c, or shows the hint when there is none.
func (d *claimDetails) show(c storage.Claim, ok bool) {
	if ok && d.has && d.pending && c.ID == d.claim.ID {
		return // the analyst is typing into this claim: keep their text
	}
	d.claim, d.has = c, ok
	d.hint.Hidden = ok
	d.form.Hidden = !ok
	d.remove.Hidden = !ok
	d.remove.Refresh()
	if !ok {
		d.hint.Refresh()
		d.form.Refresh()
		return
	}
	d.label.Selected = c.Label
	d.label.Refresh()
	d.speaker.setQuietly(c.Speaker)
	d.target.setQuietly(c.Target)
	if d.note.Text != c.Note {
		onChanged := d.note.OnChanged
		d.note.OnChanged = nil
		d.note.SetText(c.Note)
		d.note.OnChanged = onChanged
	}
	d.quote.SetText("“" + c.Quote + "”  " + itoa(c.Start) + "–" + itoa(c.End))
	d.hint.Refresh()
	d.form.Refresh()
}

func (d *claimDetails) refreshLabels() {
	names := make([]string, len(d.w.labels))
	for i, l := range d.w.labels {
		names[i] = l.Name
	}
	d.label.Options = names
	d.label.Refresh()
}

func (d *claimDetails) reloadSuggestions() {
	speakers, targets, err := annotate.PastValues(d.w.store)
	if err == nil {
		d.speakers, d.targets = speakers, targets
	}
}

func (d *claimDetails) onLabelChosen(label string) {
	if d.has && label != d.claim.Label {
		d.w.applyLabel(label)
	}
}

func (d *claimDetails) edited() {
	if !d.has {
		return
	}
	d.pending = true
	d.editSeq++
	seq := d.editSeq
	later(editDelay, func() {
		if d.editSeq == seq {
			d.flush()
		}
	})
}

// flush stores a pending edit now.
func (d *claimDetails) flush() {
	if !d.pending || !d.has {
		d.pending = false
		return
	}
	d.pending = false
	_, err := d.w.editor.SetDetails(d.claim.ID, d.speaker.Text, d.target.Text, d.note.Text)
	if err != nil {
		d.w.status.setUnsaved(err)
		d.w.showError("Saving the claim's details", err)
		return
	}
	d.w.status.setSaved()
	if updated, err := d.w.store.Claim(d.claim.ID); err == nil {
		d.claim = updated
		if i := d.w.claimIndex(updated.ID); i >= 0 {
			d.w.claims[i] = updated
			d.w.claimsUI.list.RefreshItem(i)
		}
	}
	d.remember(d.claim.Speaker, d.claim.Target)
}

// remember adds newly typed values to the completions without re-reading
// every claim in the store.
func (d *claimDetails) remember(speaker, target string) {
	if speaker != "" && !slices.Contains(d.speakers, speaker) {
		d.speakers = append(d.speakers, speaker)
	}
	if target != "" && !slices.Contains(d.targets, target) {
		d.targets = append(d.targets, target)
	}
}

// discard drops a pending edit of a claim that is about to go away.
func (d *claimDetails) discard() { d.pending = false }

func (d *claimDetails) focusSpeaker() {
	if d.has {
		d.w.win.Canvas().Focus(d.speaker)
	}
}

// hidePopups closes the completion lists, which would otherwise keep the
// keyboard when the analyst goes back to the text.
func (d *claimDetails) hidePopups() {
	d.speaker.hide()
	d.target.hide()
}
