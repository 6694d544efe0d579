package window

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"claimdesk/storage"
)

func key(w *mainWindow, name fyne.KeyName) { w.view.TypedKey(&fyne.KeyEvent{Name: name}) }

// The seed article's candidates are found as the window opens (the tests
// run the background work at once) and drawn; Tab walks to one and Enter
// stores it with its speaker, as a suggested claim of the annotator.
func TestTabThenEnterAcceptsASuggestedClaimWithItsSpeaker(t *testing.T) {
	w := newTestWindow(t)
	w.session.SetAnnotator("ana")
	if len(w.session.Candidates()) < 3 || !w.view.AcceptsTab() {
		t.Fatalf("the seed article has %d candidates", len(w.session.Candidates()))
	}
	key(w, fyne.KeyTab)
	c, ok := w.session.CurrentCandidate()
	if !ok || !strings.Contains(w.footer.message.Text, "Enter accepts") {
		t.Fatalf("Tab made no candidate current; footer %q", w.footer.message.Text)
	}
	key(w, fyne.KeyReturn)
	claims := storedClaims(t, w)
	if len(claims) != 1 {
		t.Fatalf("stored %+v", claims)
	}
	got := claims[0]
	if got.Start != c.Start || got.End != c.End || got.Speaker == "" || got.Speaker != c.Speaker ||
		got.Origin != storage.OriginSuggested || got.Annotator != "ana" || got.Label != c.Label {
		t.Errorf("stored %+v for %+v", got, c)
	}
	press(w, ctrl(fyne.KeyZ))
	if len(storedClaims(t, w)) != 0 {
		t.Error("Ctrl+Z did not take the accepted suggestion back")
	}
}

func TestALabelKeyAcceptsTheCandidateAsThatLabel(t *testing.T) {
	w := newTestWindow(t)
	key(w, fyne.KeyTab)
	test.Type(w.view, "3")
	claims := storedClaims(t, w)
	if len(claims) != 1 || claims[0].Label != "praise" {
		t.Errorf("stored %+v", claims)
	}
}

// Backspace rejects the candidate, which the window remembers for this
// store: a restart does not propose it again.
func TestBackspaceRejectsAndTheWindowRemembers(t *testing.T) {
	w := newTestWindow(t)
	key(w, fyne.KeyTab)
	c, _ := w.session.CurrentCandidate()
	n := len(w.session.Candidates())
	key(w, fyne.KeyBackspace)
	if len(w.session.Candidates()) != n-1 || len(storedClaims(t, w)) != 0 {
		t.Fatalf("after Backspace %d of %d candidates, %d claims", len(w.session.Candidates()), n, len(storedClaims(t, w)))
	}
	raw, err := os.ReadFile(w.memory.path)
	if err != nil || !strings.Contains(string(raw), `"rejected"`) {
		t.Fatalf("window.json holds no rejection: %v\n%s", err, raw)
	}
	again := newTestWindowOn(t, w.app, w.store)
	for _, k := range again.session.Candidates() {
		if k.Start == c.Start && k.End == c.End {
			t.Fatalf("the rejected candidate came back after a restart: %+v", k)
		}
	}
	if len(again.session.Candidates()) != n-1 {
		t.Errorf("after a restart %d candidates, want %d", len(again.session.Candidates()), n-1)
	}
}

// Without a current candidate Backspace still deletes the selected claim.
func TestBackspaceWithoutACandidateDeletesTheClaim(t *testing.T) {
	w := newTestWindow(t)
	dragOver(t, w, "Kremlin spokesman Dmitry Peskov")
	test.Type(w.view, "1")
	key(w, fyne.KeyBackspace)
	if n := len(storedClaims(t, w)); n != 0 {
		t.Errorf("%d claims left", n)
	}
}

// A selection marks its most likely label in the bar; Enter applies it.
func TestASelectionsSuggestedLabelIsMarkedAndEnterAppliesIt(t *testing.T) {
	w := newTestWindow(t)
	dragOver(t, w, "has never interfered and does not")
	want := w.session.SuggestedLabel()
	if want == "" {
		t.Fatal("no label suggested for the selection")
	}
	marked := 0
	for _, o := range w.toolbar.chips.Objects {
		chip := o.(*fyne.Container).Objects[1].(*labelChip)
		if chip.Importance == widget.HighImportance {
			marked++
			if chip.name != want {
				t.Errorf("the bar marks %q, the session suggests %q", chip.name, want)
			}
		}
	}
	if marked != 1 {
		t.Errorf("%d chips marked", marked)
	}
	key(w, fyne.KeyReturn)
	claims := storedClaims(t, w)
	if len(claims) != 1 || claims[0].Label != want || claims[0].Origin != storage.OriginManual {
		t.Errorf("stored %+v", claims)
	}
}
