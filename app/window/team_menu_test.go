package window

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"claimdesk/app/team"
	"claimdesk/storage"
	"claimdesk/storage/storetest"
)

// openJoinDialog opens Team > Join team folder… and returns it.
func openJoinDialog(t *testing.T, w *mainWindow) *joinDialog {
	t.Helper()
	w.showJoinTeamDialog()
	if !w.dialogOpen() || w.win.Canvas().Focused() != w.joining.folder {
		t.Fatalf("the join dialog is not open with its folder focused: %T", w.win.Canvas().Focused())
	}
	return w.joining
}

// joinTeam joins dir as name through the dialog: typed, then Enter.
func joinTeam(t *testing.T, w *mainWindow, dir, name string) {
	t.Helper()
	j := openJoinDialog(t, w)
	test.Type(j.folder, dir)
	j.name.SetText("")
	test.Type(j.name, name)
	j.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if w.dialogOpen() {
		t.Fatal("Enter did not join")
	}
}

// bobsLayer puts a layer of bob into dir, made in a store of bob's own
// holding the window's open article with one claim over "absurd".
func bobsLayer(t *testing.T, w *mainWindow, dir string) {
	t.Helper()
	layerOf(t, w, dir, "bob", "absurd")
}

// layerOf puts a layer of name into dir, made in a store of their own
// holding the window's open article with one denial over word.
func layerOf(t *testing.T, w *mainWindow, dir, name, word string) {
	t.Helper()
	store := storetest.Open(t)
	a := w.session.Article()
	art, _, err := store.AddArticle(storage.Article{Title: a.Title, Text: a.Text})
	if err != nil {
		t.Fatal(err)
	}
	i := storage.RuneOffset(a.Text, strings.Index(a.Text, word))
	end := i + storage.RuneLen(word)
	if _, err := store.AddClaim(storage.Claim{ArticleID: art.ID, Start: i, End: end, Label: "denial", Annotator: name}); err != nil {
		t.Fatal(err)
	}
	if err := team.Join(context.Background(), store, dir, name, false); err != nil {
		t.Fatal(err)
	}
	if _, err := team.Sync(context.Background(), store, nil); err != nil {
		t.Fatal(err)
	}
}

func TestJoiningATeamFolderSharesTheLayerAndSyncBringsOthers(t *testing.T) {
	w := newTestWindow(t)
	var syncs int
	w.team.onDone = func(_ team.SyncReport, err error) {
		syncs++
		if err != nil {
			t.Errorf("sync %d: %v", syncs, err)
		}
	}
	dir := filepath.Join(t.TempDir(), "team")
	joinTeam(t, w, dir, "ana")
	if m, joined, _ := w.store.TeamMembership(); !joined || m.Annotator != "ana" || w.session.Annotator() != "ana" {
		t.Fatalf("membership %+v %v, annotator %q", m, joined, w.session.Annotator())
	}
	if _, err := os.Stat(filepath.Join(dir, "claims", "ana.jsonl")); err != nil || syncs != 1 {
		t.Fatalf("joining did not sync: %v, %d syncs", err, syncs)
	}

	bobsLayer(t, w, dir)
	w.syncNow()
	if syncs != 2 || !slices.Contains(w.layers.choice.Options, "bob") {
		t.Fatalf("%d syncs; layer choices %v", syncs, w.layers.choice.Options)
	}
	if !strings.Contains(w.footer.message.Text, "+1 −0 claims") {
		t.Errorf("footer after the sync: %q", w.footer.message.Text)
	}
	fireTimers(w)
	if syncs != 2 {
		t.Errorf("bob's layer coming in set off a sync of its own: %d syncs", syncs)
	}

	dragOver(t, w, "interfering")
	test.Type(w.view, "1")
	fireTimers(w)
	if syncs != 3 {
		t.Fatalf("a claim of ana's did not sync after the delay: %d syncs", syncs)
	}
	raw, _ := os.ReadFile(filepath.Join(dir, "claims", "ana.jsonl"))
	if !strings.Contains(string(raw), `"quote":"interfering"`) {
		t.Errorf("ana's layer file lacks the new claim:\n%s", raw)
	}
}

func TestEscCancelsTheJoinDialog(t *testing.T) {
	w := newTestWindow(t)
	j := openJoinDialog(t, w)
	test.Type(j.folder, t.TempDir())
	j.folder.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.dialogOpen() {
		t.Fatal("Esc left the join dialog open")
	}
	if _, joined, _ := w.store.TeamMembership(); joined {
		t.Error("Esc joined")
	}
}

func TestSyncNowWithoutATeamSaysHowToJoin(t *testing.T) {
	w := newTestWindow(t)
	w.syncNow()
	if !strings.Contains(w.footer.message.Text, "Join team folder") || w.team.running {
		t.Errorf("footer %q, running %v", w.footer.message.Text, w.team.running)
	}
}

func TestABrokenLayerFileIsNamedWithItsLine(t *testing.T) {
	w := newTestWindow(t)
	dir := filepath.Join(t.TempDir(), "team")
	joinTeam(t, w, dir, "ana")
	broken := `{"kind":"layer","format":1,"annotator":"carol"}` + "\nnot json\n"
	if err := os.WriteFile(filepath.Join(dir, "claims", "carol.jsonl"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	w.syncNow()
	if !strings.Contains(w.footer.message.Text, "carol.jsonl:2") {
		t.Errorf("footer %q does not name the file and line", w.footer.message.Text)
	}
	if !w.dialogOpen() {
		t.Error("Sync now hid its problem: no dialog")
	}
}
