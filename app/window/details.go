package window

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/storage"
)

// editDelay gathers a burst of typing into one stored change and one undo
// step; the pending edit is flushed before anything else happens, so
// nothing typed is ever lost.
const editDelay = 400 * time.Millisecond

// claimDetails edits the selected claim: label, speaker, target, note.
// What is typed goes to the session as a pending edit at once; the session
// stores it when typing pauses for editDelay or before anything else.
type claimDetails struct {
	w        *mainWindow
	claim    uint64 // the claim shown, 0 for none
	label    *widget.Select
	speaker  *completionEntry
	target   *completionEntry
	note     *widget.Entry
	quote    *widget.Label
	remove   *widget.Button
	owner    *claimOwner
	form     *fyne.Container
	hint     *widget.Label
	showing  bool // the fields are being filled from the session, not typed
	editSeq  int
	speakers []string
	targets  []string
}

func newClaimDetails(w *mainWindow) *claimDetails {
	d := &claimDetails{w: w}
	d.label = widget.NewSelect(nil, d.onLabelChosen)
	// Who speaks in one claim is talked about in the next: each field
	// offers its own past values first, then the other's.
	d.speaker = newCompletionEntry("Who made the claim", func() []string { return people(d.speakers, d.targets) })
	d.target = newCompletionEntry("About whom", func() []string { return people(d.targets, d.speakers) })
	d.speaker.onEdited = func(string) { d.edited() }
	d.target.onEdited = func(string) { d.edited() }
	d.note = widget.NewMultiLineEntry()
	d.note.SetPlaceHolder("Note")
	d.note.Wrapping = fyne.TextWrapWord
	d.note.SetMinRowsVisible(3)
	d.note.OnChanged = func(string) { d.edited() }
	// In italics once a claim is shown (show): laid out even while hidden,
	// the empty label would load the italic font (tens of milliseconds)
	// before the window's first frame, which has no claim selected.
	d.quote = &widget.Label{Wrapping: fyne.TextWrapWord}
	d.remove = &widget.Button{Text: "Delete", Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: w.deleteSelected}
	d.hint = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	form := widget.NewForm(
		widget.NewFormItem("Label", d.label),
		widget.NewFormItem("Speaker", d.speaker),
		widget.NewFormItem("Target", d.target),
		widget.NewFormItem("Note", d.note),
	)
	d.owner = newClaimOwner(w)
	d.form = container.NewVBox(d.owner.container(), d.quote, form)
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
// Text still being typed into c is kept as typed.
func (d *claimDetails) show(c storage.Claim, ok bool) {
	d.claim = c.ID
	d.hint.Hidden = ok
	d.form.Hidden = !ok
	d.remove.Hidden = !ok
	d.remove.Refresh()
	if !ok {
		d.hint.Refresh()
		d.form.Refresh()
		return
	}
	d.enable(d.owner.show(c))
	d.showing = true
	d.label.Selected = c.Label
	d.label.Refresh()
	// While the analyst types, the fields keep their text as typed: the
	// store trims spaces, and a space just typed must not vanish.
	if !d.w.session.Typing(c.ID) {
		d.speaker.setQuietly(c.Speaker)
		d.target.setQuietly(c.Target)
		if d.note.Text != c.Note {
			d.note.SetText(c.Note)
		}
	}
	d.showing = false
	d.w.readyForItalic()
	d.quote.TextStyle.Italic = true
	d.quote.SetText("“" + c.Quote + "”  " + strconv.Itoa(c.Start) + "–" + strconv.Itoa(c.End))
	d.hint.Refresh()
	d.form.Refresh()
}

// enable lets the analyst change the claim shown, or only read it.
func (d *claimDetails) enable(editable bool) {
	d.remove.Hidden = !editable
	d.remove.Refresh()
	for _, field := range []fyne.Disableable{d.label, d.speaker, d.target, d.note} {
		if editable {
			field.Enable()
		} else {
			field.Disable()
		}
	}
}

func (d *claimDetails) refreshLabels() {
	labels := d.w.session.Labels()
	names := make([]string, len(labels))
	var keys []string
	for i, l := range labels {
		names[i] = l.Name
		if l.Hotkey != "" {
			keys = append(keys, l.Hotkey)
		}
	}
	d.label.Options = names
	d.label.Refresh()
	press := "click a label above"
	if len(keys) > 0 {
		press = "press a label's key (" + strings.Join(keys, ", ") + ") or " + press
	}
	d.hint.SetText("Select text in the article and " + press + ". Click a highlight to edit its claim.")
}

// setPastValues gives completion the speakers and targets read from the
// store, most used first; those typed since the read began stay, after
// them.
func (d *claimDetails) setPastValues(speakers, targets []string) {
	d.speakers, d.targets = union(speakers, d.speakers), union(targets, d.targets)
}

// union is read followed by the values of typed it lacks.
func union(read, typed []string) []string {
	has := make(map[string]bool, len(read))
	for _, v := range read {
		has[v] = true
	}
	for _, v := range typed {
		if !has[v] {
			read = append(read, v)
		}
	}
	return read
}

func (d *claimDetails) onLabelChosen(label string) {
	if c, ok := d.w.session.Selected(); !d.showing && ok && label != c.Label {
		d.w.applyLabel(label)
	}
}

// edited stores what is typed at once; once typing pauses for editDelay the
// burst is closed as one undo step.
func (d *claimDetails) edited() {
	if d.showing || d.claim == 0 {
		return
	}
	d.w.session.EditDetails(d.speaker.Text, d.target.Text, d.note.Text)
	d.editSeq++
	seq := d.editSeq
	d.w.after(editDelay, func() {
		if d.editSeq == seq {
			d.endTyping()
		}
	})
}

// endTyping closes the burst of typing as one undo step and offers what
// was typed as a completion from now on.
func (d *claimDetails) endTyping() {
	d.w.session.EndTyping()
	d.remember(d.speaker.Text, d.target.Text)
}

// remember adds newly typed values to the completions without re-reading
// every claim in the store.
func (d *claimDetails) remember(speaker, target string) {
	speaker, target = strings.TrimSpace(speaker), strings.TrimSpace(target)
	if speaker != "" && !slices.Contains(d.speakers, speaker) {
		d.speakers = append(d.speakers, speaker)
	}
	if target != "" && !slices.Contains(d.targets, target) {
		d.targets = append(d.targets, target)
	}
}

func (d *claimDetails) focusSpeaker() {
	if d.claim != 0 {
		d.w.win.Canvas().Focus(d.speaker)
	}
}

// hidePopups closes the completion lists, which would otherwise keep the
// keyboard when the analyst goes back to the text.
func (d *claimDetails) hidePopups() {
	d.speaker.hide()
	d.target.hide()
}

// people lists first's names, then those of second not among them.
func people(first, second []string) []string {
	out := slices.Clip(first)
	for _, name := range second {
		if !slices.Contains(first, name) {
			out = append(out, name)
		}
	}
	return out
}
