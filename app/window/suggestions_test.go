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

// topOverlay is the markup of the dialog shown last.
func topOverlay(t *testing.T, w *mainWindow) string {
	t.Helper()
	overlays := w.win.Canvas().Overlays().List()
	if len(overlays) == 0 {
		t.Fatal("no dialog is shown")
	}
	return test.RenderObjectToMarkup(overlays[len(overlays)-1])
}

// Claim > Accept suggestions above a score… counts what the score takes
// and accepts them all on Enter; one Ctrl+Z takes them all back.
func TestAcceptAboveAScoreIsOneUndoStep(t *testing.T) {
	w := newTestWindow(t)
	want := len(suggestAbove(w, defaultMinScore))
	if want == 0 || want == len(w.session.Candidates()) {
		t.Fatalf("%d of %d seed candidates score %.2f or more: the test needs some above and some below", want, len(w.session.Candidates()), defaultMinScore)
	}
	w.askAcceptAbove()
	if !strings.Contains(topOverlay(t, w), storage.Plural(want, "suggestion")) {
		t.Errorf("the dialog does not count %d suggestions:\n%s", want, topOverlay(t, w))
	}
	w.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if n := len(w.win.Canvas().Overlays().List()); n != 0 || len(storedClaims(t, w)) != 0 {
		t.Fatalf("Esc left %d dialogs and stored %d claims", n, len(storedClaims(t, w)))
	}
	w.askAcceptAbove()
	w.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := len(storedClaims(t, w)); got != want {
		t.Fatalf("Enter accepted %d claims, want %d", got, want)
	}
	for _, c := range storedClaims(t, w) {
		if c.Origin != storage.OriginSuggested || c.Speaker == "" {
			t.Errorf("accepted %+v", c)
		}
	}
	press(w, ctrl(fyne.KeyZ))
	if got := len(storedClaims(t, w)); got != 0 {
		t.Errorf("one undo left %d claims", got)
	}
}

func suggestAbove(w *mainWindow, score float64) []storage.Claim {
	var out []storage.Claim
	for _, c := range w.session.Candidates() {
		if c.Score >= score {
			out = append(out, storage.Claim{Start: c.Start})
		}
	}
	return out
}

// Help > How good are the suggestions? measures them on the store's own
// claims and shows the report's text.
func TestTheEvaluationDialogShowsTheReport(t *testing.T) {
	w := newTestWindow(t)
	w.session.SetAnnotator("ana")
	for i := 0; i < 6; i++ {
		key(w, fyne.KeyTab)
		key(w, fyne.KeyReturn)
	}
	other, _, err := w.store.AddArticle(storage.Article{Text: "Other\n\nThe minister denied every report of a deal."})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.store.AddClaim(storage.Claim{ArticleID: other.ID, Start: 7, End: 47, Label: "denial"}); err != nil {
		t.Fatal(err)
	}
	w.showEvaluation()
	markup := topOverlay(t, w)
	if !strings.Contains(markup, "accuracy") || strings.Contains(markup, "Measuring") {
		t.Errorf("the dialog shows no report:\n%s", markup)
	}
	w.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if n := len(w.win.Canvas().Overlays().List()); n != 0 {
		t.Errorf("Esc left %d dialogs", n)
	}
}

// Candidates are searched off the UI goroutine; opening another article
// cancels the search still running for the last one, whose result is
// never shown over the new article.
func TestOpeningAnotherArticleCancelsTheCandidateSearch(t *testing.T) {
	w := newTestWindow(t)
	seed := w.session.Article().ID
	other, _, err := w.store.AddArticle(storage.Article{Text: "Other\n\nThe mayor denied every report of a deal with the builders."})
	if err != nil {
		t.Fatal(err)
	}
	var queued []func()
	w.inBackground = func(f func()) { queued = append(queued, f) }
	w.openArticle(other.ID)
	w.openArticle(seed)
	w.openArticle(other.ID)
	if len(queued) != 3 || len(w.session.Candidates()) != 0 {
		t.Fatalf("%d searches queued, %d candidates shown before any ran", len(queued), len(w.session.Candidates()))
	}
	queued[1]() // the seed article's search, cancelled since
	if n := len(w.session.Candidates()); n != 0 {
		t.Fatalf("a cancelled search showed %d candidates", n)
	}
	queued[2]()
	cands := w.session.Candidates()
	if len(cands) != 1 || cands[0].Speaker != "The mayor" && cands[0].Speaker != "mayor" {
		t.Errorf("the open article's search gave %+v", cands)
	}
}
