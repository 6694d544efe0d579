package window

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"claimdesk/app/team"
	"claimdesk/storage"
)

// runCommand runs a command of the menus' table by its title, as a click
// on its menu item does.
func runCommand(t *testing.T, w *mainWindow, title string) {
	t.Helper()
	for _, s := range shortcutTable() {
		if s.title == title {
			s.action(w)
			return
		}
	}
	t.Fatalf("no command %q in the table", title)
}

// twoAnnotators gives the seed article claims of bob and carol: both made
// absurd/denial; carol alone Kremlin/praise (the title's first word), bob
// alone interfering/accusation — two disagreements.
func twoAnnotators(t *testing.T, w *mainWindow) {
	t.Helper()
	a := w.session.Article()
	at := func(word string) (int, int) {
		i := storage.RuneOffset(a.Text, strings.Index(a.Text, word))
		return i, i + storage.RuneLen(word)
	}
	for _, c := range []struct{ who, word, label string }{
		{"bob", "absurd", "denial"}, {"carol", "absurd", "denial"},
		{"bob", "interfering", "accusation"}, {"carol", "Kremlin", "praise"},
	} {
		start, end := at(c.word)
		if _, err := w.store.AddClaim(storage.Claim{ArticleID: a.ID, Start: start, End: end, Label: c.label, Annotator: c.who}); err != nil {
			t.Fatal(err)
		}
	}
	w.session.Sync()
}

func goldOf(t *testing.T, w *mainWindow) []string {
	t.Helper()
	var out []string
	for _, c := range storedClaims(t, w) {
		if c.Annotator == team.Gold {
			out = append(out, c.Label+":"+c.Quote)
		}
	}
	return out
}

func TestAdjudicatingInTheWindowWithKeys(t *testing.T) {
	w := newTestWindow(t)
	w.win.Resize(fyne.NewSize(1024, 700))
	twoAnnotators(t, w)
	runCommand(t, w, "Adjudicate…")
	p := w.adjudication
	if p.box.Hidden || w.articlesColumn.Visible() {
		t.Fatal("Team > Adjudicate… did not put the adjudication in the articles' place")
	}
	if w.session.Layer().Name() != "gold" {
		t.Errorf("the text shows %s while adjudicating, want gold", w.session.Layer().Name())
	}
	if min := p.box.MinSize().Width; min > 1024-centreAndClaimsMin {
		t.Errorf("the panel needs %.0f pixels; at 1,024 the window has %d to spare", min, 1024-centreAndClaimsMin)
	}
	if p.progress.Text != "2 disagreements left" || len(p.cands) != 3 {
		t.Fatalf("progress %q, %d rows", p.progress.Text, len(p.cands))
	}
	row := p.createItem()
	p.updateItem(0, row)
	lanes := row.(*fyne.Container).Objects[0].(*fyne.Container).Objects[2].(*fyne.Container)
	if n := len(lanes.Objects); n != 3 {
		t.Errorf("a row has %d lanes, want bob's, carol's and gold's", n)
	}
	if shot := os.Getenv("CLAIMDESK_PANEL_SHOT"); shot != "" {
		f, _ := os.Create(shot)
		_ = png.Encode(f, w.win.Canvas().Capture())
		f.Close()
	}

	press(w, ctrl(fyne.KeyN))
	first, ok := w.session.ClaimToDecide()
	if !ok || !first.Open {
		t.Fatalf("Ctrl+N chose %+v", first)
	}
	press(w, ctrlShift(fyne.KeyA))
	if got := goldOf(t, w); len(got) != 1 || p.progress.Text != "1 disagreement left" {
		t.Errorf("after Ctrl+Shift+A gold holds %v, progress %q", got, p.progress.Text)
	}
	press(w, ctrl(fyne.KeyN))
	press(w, ctrlShift(fyne.KeyX))
	if p.progress.Text != "No disagreements left" {
		t.Errorf("after Ctrl+Shift+X: %q", p.progress.Text)
	}
	press(w, ctrl(fyne.KeyZ))
	if p.progress.Text != "1 disagreement left" {
		t.Errorf("after undoing the reject: %q", p.progress.Text)
	}
	press(w, ctrlShift(fyne.KeyZ))
	p.agreedBy.SetSelected("2")
	runCommand(t, w, "Accept all agreed")
	if got := goldOf(t, w); len(got) != 2 || !strings.Contains(strings.Join(got, " "), "denial:absurd") {
		t.Errorf("after accepting all agreed by 2, gold holds %v", got)
	}

	// Gold is editable while adjudicating, read-only after.
	gold := storedClaims(t, w)
	var goldID uint64
	for _, c := range gold {
		if c.Annotator == team.Gold {
			goldID = c.ID
		}
	}
	w.selectClaim(goldID, false)
	if !w.details.owner.box.Hidden {
		t.Error("a gold claim is read-only while adjudicating")
	}
	test.Tap(findButton(t, p.box, "Done"))
	if !p.box.Hidden || !w.articlesColumn.Visible() {
		t.Error("Done did not give the column back to the articles")
	}
	w.session.SetLayer(w.session.LayerChoices()[len(w.session.LayerChoices())-1])
	w.selectClaim(goldID, false)
	if w.details.owner.box.Hidden {
		t.Error("a gold claim is editable after adjudicating")
	}
}

func TestAcceptingAnAnnotatorsVersionWithItsButton(t *testing.T) {
	w := newTestWindow(t)
	twoAnnotators(t, w)
	runCommand(t, w, "Adjudicate…")
	press(w, ctrl(fyne.KeyP)) // the last disagreement: bob's interfering
	if c, _ := w.session.ClaimToDecide(); c.Label != "accusation" {
		t.Fatalf("Ctrl+P chose %+v", c)
	}
	test.Tap(findButton(t, w.adjudication.chosen, "Accept bob's"))
	if got := goldOf(t, w); len(got) != 1 || got[0] != "accusation:interfering" {
		t.Errorf("gold holds %v", got)
	}
	test.Tap(findButton(t, w.adjudication.chosen, "Reject"))
	if got := goldOf(t, w); len(got) != 0 {
		t.Errorf("Reject left gold %v", got)
	}
}

func TestAdjudicatingIsRefusedToAMemberWhoDoesNotAdjudicate(t *testing.T) {
	w := newTestWindow(t)
	twoAnnotators(t, w)
	if err := w.store.SetTeamMembership(storage.TeamMembership{Folder: t.TempDir(), Annotator: "ana"}); err != nil {
		t.Fatal(err)
	}
	runCommand(t, w, "Adjudicate…")
	if w.session.Adjudicating() || !w.dialogOpen() {
		t.Error("a member who does not adjudicate was let adjudicate, or not told why")
	}
}

// findButton finds the button whose text starts with text under o.
func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Button:
			if found == nil && strings.HasPrefix(v.Text, text) {
				found = v
			}
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}

// TestJoiningAsAdjudicatorLetsTheWindowAdjudicate: I adjudicate, ticked in
// the join dialog, makes the store the team's adjudicator, which may build
// gold and whose sync writes claims/gold.jsonl.
func TestJoiningAsAdjudicatorLetsTheWindowAdjudicate(t *testing.T) {
	w := newTestWindow(t)
	twoAnnotators(t, w)
	dir := filepath.Join(t.TempDir(), "team")
	j := openJoinDialog(t, w)
	test.Type(j.folder, dir)
	j.name.SetText("")
	test.Type(j.name, "ana")
	test.Tap(j.adjudicate)
	j.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if m, _, _ := w.store.TeamMembership(); !m.Adjudicator {
		t.Fatalf("joined with I adjudicate ticked, the membership is %+v", m)
	}
	runCommand(t, w, "Adjudicate…")
	if !w.session.Adjudicating() {
		t.Fatal("the adjudicator may not adjudicate")
	}
	p := w.adjudication
	p.agreedBy.SetSelected("1")
	runCommand(t, w, "Accept all agreed")
	w.syncNow()
	raw, err := os.ReadFile(filepath.Join(dir, "claims", "gold.jsonl"))
	if err != nil || !strings.Contains(string(raw), `"written_by":"ana"`) || strings.Count(string(raw), `"kind":"claim"`) != 3 {
		t.Errorf("the gold file after Sync now: %v\n%s", err, raw)
	}
	// Joining again shows the choice as it is.
	if j := openJoinDialog(t, w); !j.adjudicate.Checked {
		t.Error("the join dialog forgot that this store adjudicates")
	}
}
