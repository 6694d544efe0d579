package window

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"claimdesk/app/team"
)

// joinDialog asks for the team folder and the name to share claims under.
type joinDialog struct {
	w      *mainWindow
	folder *escapingEntry
	name   *escapingEntry
	// adjudicate makes this store the team's adjudicator, the one that
	// writes the gold layer.
	adjudicate *widget.Check
	dlg        *dialog.FormDialog
}

// showJoinTeamDialog asks for a team folder and a name, then joins and
// syncs in the background.
func (w *mainWindow) showJoinTeamDialog() {
	j := &joinDialog{w: w, folder: newEscapingEntry(nil), name: newEscapingEntry(nil),
		adjudicate: widget.NewCheck("I adjudicate: my gold layer goes to the folder", nil)}
	w.joining = j
	j.folder.SetPlaceHolder("A shared folder or a git clone")
	j.name.SetPlaceHolder("Your name, as the team knows you")
	j.name.SetText(w.session.Annotator())
	if m, joined, err := w.store.TeamMembership(); err == nil && joined {
		j.folder.SetText(m.Folder)
		j.name.SetText(m.Annotator)
		j.adjudicate.SetChecked(m.Adjudicator)
	}
	j.dlg = dialog.NewForm("Join team folder", "Join", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Folder", j.folder),
		widget.NewFormItem("Name", j.name),
		widget.NewFormItem("Gold", j.adjudicate),
	}, j.onAnswered, w.win)
	for _, e := range []*escapingEntry{j.folder, j.name} {
		e.onEscape = j.dlg.Hide
		e.OnSubmitted = func(string) { j.dlg.Submit() }
	}
	j.folder.Validator = func(s string) error { return nonEmpty(s, "the folder") }
	j.name.Validator = func(s string) error { return nonEmpty(s, "your name") }
	j.dlg.Resize(fyne.NewSize(560, 240))
	releaseFocusOnClose(j.dlg, j.folder, j.name)
	j.dlg.Show()
	w.win.Canvas().Focus(j.folder)
}

func nonEmpty(s, what string) error {
	if strings.TrimSpace(s) == "" {
		return errEmpty(what)
	}
	return nil
}

type errEmpty string

func (e errEmpty) Error() string { return "give " + string(e) }

// onAnswered joins in the background, since joining may read a layer the
// folder holds already, then names the analyst as joined and syncs.
func (j *joinDialog) onAnswered(ok bool) {
	w := j.w
	w.focusText()
	if !ok {
		return
	}
	folder, name := strings.TrimSpace(j.folder.Text), strings.TrimSpace(j.name.Text)
	adjudicator := j.adjudicate.Checked
	w.footer.hint("Joining " + folder + "…")
	w.inBackground(func() {
		err := team.Join(context.Background(), w.store, folder, name, adjudicator)
		fyne.Do(func() { w.joined(name, err) })
	})
}

// joined makes the name the analyst's own, so Mine is the layer the team
// sees, and syncs at once.
func (w *mainWindow) joined(name string, err error) {
	if err != nil {
		w.footer.hint("")
		w.showError("Joining the team folder", err)
		return
	}
	w.session.SetAnnotator(name)
	w.rememberPlace()
	w.footer.refreshAnnotator()
	w.team.annotator = name
	w.team.run(true)
}

// syncNow syncs with the team folder at once, or says how to join one.
func (w *mainWindow) syncNow() {
	if w.team.annotator == "" {
		w.footer.flash("This store has joined no team folder: Team > Join team folder… first.")
		return
	}
	w.team.run(true)
}
