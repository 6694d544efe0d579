package annotate

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"claimdesk/storage"
)

func TestLabellingASelectionCreatesSelectsAndRelabels(t *testing.T) {
	s, store, seen := newSession(t)
	if err := s.ApplyLabel("denial"); !errors.Is(err, ErrNoSelection) {
		t.Fatalf("labelling nothing: %v", err)
	}
	*seen = nil
	s.SelectText(0, 6)
	if err := s.ApplyLabel("denial"); err != nil {
		t.Fatal(err)
	}
	c, ok := s.Selected()
	if !ok || c.Quote != "Peskov" || !reflect.DeepEqual(quotes(s), []string{"denial:Peskov"}) {
		t.Fatalf("selected %+v %v, claims %v", c, ok, quotes(s))
	}
	if s.Article().Status != storage.StatusInProgress {
		t.Errorf("status %q after the first claim", s.Article().Status)
	}
	if saved, failure := s.SaveState(); saved.IsZero() || failure != nil {
		t.Errorf("save state %v %v", saved, failure)
	}
	last := (*seen)[len(*seen)-1]
	if last&ClaimsChanged == 0 || last&SelectionChanged == 0 || last&StatusChanged == 0 {
		t.Errorf("observers heard %b", last)
	}
	// The same span again selects the claim: its hotkey relabels it.
	s.ClearSelection()
	s.SelectText(0, 6)
	if err := s.ApplyLabel("praise"); err != nil {
		t.Fatal(err)
	}
	if got := quotes(s); !reflect.DeepEqual(got, []string{"praise:Peskov"}) {
		t.Fatalf("relabel gave %v", got)
	}
	// Another span deselects it: the hotkey creates.
	s.SelectText(7, 13)
	if _, ok := s.Selected(); ok {
		t.Fatal("a new span must deselect the claim")
	}
	if err := s.ApplyLabel("denial"); err != nil {
		t.Fatal(err)
	}
	stored, _ := store.Claims(s.Article().ID)
	if len(stored) != 2 || !reflect.DeepEqual(quotes(s), []string{"praise:Peskov", "denial:denied"}) {
		t.Errorf("stored %d, shown %v", len(stored), quotes(s))
	}
}

// Every keystroke is stored at once, so a crash loses nothing typed; the
// keystrokes of one burst make one undo step, which ends when the typing
// pauses or anything else happens.
// A selection that takes in the space around the words is stored without
// it; one of nothing but space labels nothing.
func TestClaimsLeaveOuterSpaceOut(t *testing.T) {
	s, _, _ := newSession(t)
	s.SelectText(6, 14) // " denied "
	if err := s.ApplyLabel("denial"); err != nil {
		t.Fatal(err)
	}
	if got := quotes(s); !reflect.DeepEqual(got, []string{"denial:denied"}) {
		t.Errorf("claims %v", got)
	}
	s.SelectText(23, 24) // " "
	if err := s.ApplyLabel("denial"); !errors.Is(err, ErrNoSelection) {
		t.Errorf("labelling a space: %v", err)
	}
}

func TestTypedDetailsAreStoredAtOnceAndUndoneAsOne(t *testing.T) {
	s, store, _ := newSession(t)
	mustLabel(t, s, 0, 6, "denial")
	id := s.selected
	for _, typed := range []string{"P", "Pe", "Peskov ", "Peskov"} {
		s.EditDetails(typed, "", "")
		if c, _ := store.Claim(id); c.Speaker != strings.TrimSpace(typed) {
			t.Fatalf("after typing %q the store holds %q", typed, c.Speaker)
		}
	}
	if !s.Typing(id) {
		t.Error("the session does not know the analyst is typing")
	}
	s.EditDetails("Peskov", "USA", "")
	s.EndTyping()
	s.EditDetails("Peskov", "USA", "quoted")
	s.SelectText(7, 13) // ends the second burst
	if s.Typing(id) {
		t.Error("still typing after selecting elsewhere")
	}
	if got := s.Claims()[0]; got.Speaker != "Peskov" || got.Note != "quoted" {
		t.Errorf("the session shows %+v", got)
	}
	if name, err := s.Undo(); err != nil || name != "edit claim" {
		t.Fatalf("undo: %q %v", name, err)
	}
	if c, _ := store.Claim(id); c.Note != "" || c.Target != "USA" {
		t.Errorf("one undo should take back the note alone: %+v", c)
	}
	if _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if c, _ := store.Claim(id); c.Speaker != "" || c.Target != "" {
		t.Errorf("the second undo should take back the whole first burst: %+v", c)
	}
	if _, err := s.Redo(); err != nil {
		t.Fatal(err)
	}
	if c, _ := store.Claim(id); c.Speaker != "Peskov" || c.Target != "USA" || c.Note != "" {
		t.Errorf("redo should give the first burst's end: %+v", c)
	}
}

func TestDeleteArticleOpensTheFirstLeft(t *testing.T) {
	s, store, _ := newSession(t)
	other, _, err := store.AddArticle(storage.Article{Text: "Other\n\nText."})
	if err != nil {
		t.Fatal(err)
	}
	mustLabel(t, s, 0, 6, "denial")
	if err := s.DeleteArticle(); err != nil {
		t.Fatal(err)
	}
	if s.Article().ID != other.ID || len(s.Articles()) != 1 || len(s.Claims()) != 0 {
		t.Fatalf("open %d, %d listed", s.Article().ID, len(s.Articles()))
	}
	if err := s.DeleteArticle(); err != nil {
		t.Fatal(err)
	}
	if s.Article().ID != 0 || len(s.Articles()) != 0 {
		t.Errorf("after the last: open %d, %d listed", s.Article().ID, len(s.Articles()))
	}
	if err := s.DeleteArticle(); !errors.Is(err, ErrNoArticle) {
		t.Errorf("deleting with none open: %v", err)
	}
}

func TestLabelRenameReachesClaimsAndHotkeys(t *testing.T) {
	s, _, _ := newSession(t)
	mustLabel(t, s, 0, 6, "denial")
	if err := s.SaveLabel("denial", storage.Label{Name: "rejection", Colour: "#0072B2", Hotkey: "1"}); err != nil {
		t.Fatal(err)
	}
	if l, ok := s.LabelForHotkey("1"); !ok || l.Name != "rejection" {
		t.Errorf("hotkey 1 is %+v %v", l, ok)
	}
	if got := quotes(s); !reflect.DeepEqual(got, []string{"rejection:Peskov"}) {
		t.Errorf("claims after rename: %v", got)
	}
	if err := s.SaveLabel("", storage.Label{Name: "bad name", Colour: "#CC79A7"}); !Refused(err) {
		t.Errorf("a name with a space: %v", err)
	}
	if _, failure := s.SaveState(); failure != nil {
		t.Errorf("a refused name is not a failed write: %v", failure)
	}
	if s.LabelColour("nonesuch") != storage.UnknownLabelColour || s.LabelColour("praise") != "#009E73" {
		t.Error("label colours")
	}
}

func mustLabel(t *testing.T, s *Session, start, end int, label string) {
	t.Helper()
	s.SelectText(start, end)
	if err := s.ApplyLabel(label); err != nil {
		t.Fatal(err)
	}
}

// A claim's span is corrected in place: its details stay, one undo puts
// the old span back.
func TestFitClaimToTheSelection(t *testing.T) {
	s, store, _ := newSession(t)
	mustLabel(t, s, 7, 13, "denial") // "denied"
	id := s.selected
	s.EditDetails("Peskov", "", "")
	if _, ok := s.FitCandidate(); ok {
		t.Fatal("the claim's own span is nothing to fit")
	}
	if err := s.FitClaim(); !errors.Is(err, ErrNothingToFit) {
		t.Fatalf("fitting to the same span: %v", err)
	}
	s.SelectText(7, 23) // "denied any hack." plus nothing else
	if c, ok := s.FitCandidate(); !ok || c.ID != id {
		t.Fatalf("candidate %+v %v", c, ok)
	}
	if err := s.FitClaim(); err != nil {
		t.Fatal(err)
	}
	c, _ := store.Claim(id)
	if c.Quote != "denied any hack." || c.Speaker != "Peskov" || c.Label != "denial" {
		t.Fatalf("after fitting: %+v", c)
	}
	if sel, ok := s.Selected(); !ok || sel.ID != id || len(s.Claims()) != 1 {
		t.Errorf("selected %+v %v, %d claims", sel, ok, len(s.Claims()))
	}
	if name, err := s.Undo(); err != nil || name != "fit claim to selection" {
		t.Fatalf("undo: %q %v", name, err)
	}
	if c, _ := store.Claim(id); c.Quote != "denied" {
		t.Errorf("undo left %q", c.Quote)
	}
	s.SelectText(24, 29) // "Putin", away from the claim
	if err := s.FitClaim(); !errors.Is(err, ErrNothingToFit) {
		t.Errorf("fitting to text elsewhere: %v", err)
	}
}
