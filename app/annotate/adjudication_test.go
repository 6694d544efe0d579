package annotate

import (
	"errors"
	"reflect"
	"testing"

	"claimdesk/app/team"
	"claimdesk/storage"
)

// adjudicating is a session of the test article where ana, bob and carol
// disagree: all three made Peskov/denial, ana alone Putin/accusation, bob
// and carol Trump/praise (bob naming a speaker) — two disagreements.
func adjudicating(t *testing.T) (*Session, *storage.Store) {
	t.Helper()
	s, store, _ := newSession(t)
	s.SetAnnotator("ana")
	for _, c := range []storage.Claim{
		{Start: 0, End: 6, Label: "denial", Annotator: "ana"},
		{Start: 0, End: 6, Label: "denial", Annotator: "bob"},
		{Start: 0, End: 6, Label: "denial", Annotator: "carol"},
		{Start: 24, End: 29, Label: "accusation", Annotator: "ana"},
		{Start: 38, End: 43, Label: "praise", Annotator: "bob", Speaker: "Putin"},
		{Start: 38, End: 43, Label: "praise", Annotator: "carol"},
	} {
		c.ArticleID = s.Article().ID
		if _, err := store.AddClaim(c); err != nil {
			t.Fatal(err)
		}
	}
	s.Sync()
	if err := s.StartAdjudicating(); err != nil {
		t.Fatal(err)
	}
	return s, store
}

func left(t *testing.T, s *Session, want int, after string) {
	t.Helper()
	if got := s.Adjudication().DisagreementsLeft(); got != want {
		t.Errorf("after %s: %d disagreements left, want %d", after, got, want)
	}
}

func goldQuotes(t *testing.T, store *storage.Store, articleID uint64) []string {
	t.Helper()
	claims, err := store.Claims(articleID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range claims {
		if c.Annotator == team.Gold {
			out = append(out, c.Label+":"+c.Quote+":"+c.Speaker)
		}
	}
	return out
}

func TestAdjudicatingAcceptsRejectsEachAsOneUndoStep(t *testing.T) {
	s, store := adjudicating(t)
	id := s.Article().ID
	if s.Layer() != GoldLayer {
		t.Errorf("adjudicating shows %s, want gold", s.Layer().Name())
	}
	left(t, s, 2, "opening")
	if !s.StepDisagreement(true) {
		t.Fatal("no disagreement to step to")
	}
	if c, _ := s.ClaimToDecide(); c.Label != "accusation" || !c.Open {
		t.Fatalf("the first disagreement is %+v, want ana's accusation", c)
	}
	if start, end, _ := s.TextSelection(); start != 24 || end != 29 {
		t.Errorf("choosing it selects %d–%d, want its span 24–29", start, end)
	}
	if err := s.AcceptIntoGold(""); err != nil {
		t.Fatal(err)
	}
	if sel, ok := s.Selected(); !ok || sel.Annotator != team.Gold || sel.Quote != "Putin" {
		t.Errorf("after accepting, selected %+v; want gold's copy", sel)
	}
	left(t, s, 1, "accepting")
	steps := []struct {
		name string
		do   func() error
		gold []string
		left int
	}{
		{"undo the accept", func() error { _, err := s.Undo(); return err }, nil, 2},
		{"redo the accept", func() error { _, err := s.Redo(); return err }, []string{"accusation:Putin:"}, 1},
		{"reject Trump", func() error { s.StepDisagreement(true); return s.RejectFromGold() }, []string{"accusation:Putin:"}, 0},
		{"undo the reject", func() error { _, err := s.Undo(); return err }, []string{"accusation:Putin:"}, 1},
		{"redo the reject", func() error { _, err := s.Redo(); return err }, []string{"accusation:Putin:"}, 0},
		{"accept all agreed by 2", func() error {
			n, err := s.AcceptAgreed(2)
			if n != 1 {
				t.Errorf("accepted %d agreed, want Peskov alone (Trump is rejected)", n)
			}
			return err
		}, []string{"denial:Peskov:", "accusation:Putin:"}, 0},
		{"undo accept all", func() error { _, err := s.Undo(); return err }, []string{"accusation:Putin:"}, 0},
		{"reject Putin, in gold", func() error {
			s.ChooseClaimToDecide(team.ClaimKey{ArticleID: id, Start: 24, End: 29, Label: "accusation"})
			return s.RejectFromGold()
		}, nil, 0},
		{"undo that reject", func() error { _, err := s.Undo(); return err }, []string{"accusation:Putin:"}, 0},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if got := goldQuotes(t, store, id); !reflect.DeepEqual(got, st.gold) {
			t.Errorf("after %s gold holds %v, want %v", st.name, got, st.gold)
		}
		left(t, s, st.left, st.name)
	}
	if s.StepDisagreement(true) {
		t.Error("stepped to a disagreement with none open")
	}
}

func TestAcceptingTakesTheChosenAnnotatorsClaim(t *testing.T) {
	s, store := adjudicating(t)
	s.ChooseClaimToDecide(team.ClaimKey{ArticleID: s.Article().ID, Start: 38, End: 43, Label: "praise"})
	if err := s.AcceptIntoGold("ana"); err == nil {
		t.Error("accepted ana's version of a claim she did not make")
	}
	if err := s.AcceptIntoGold("bob"); err != nil {
		t.Fatal(err)
	}
	if err := s.AcceptIntoGold("carol"); err != nil {
		t.Fatal(err)
	}
	if got := goldQuotes(t, store, s.Article().ID); !reflect.DeepEqual(got, []string{"praise:Trump:Putin"}) {
		t.Errorf("gold holds %v; want bob's version once", got)
	}
}

func TestAdjudicatingNeedsAStoreThatWritesGold(t *testing.T) {
	s, store, _ := newSession(t)
	if err := s.RejectFromGold(); !errors.Is(err, ErrNotAdjudicating) {
		t.Errorf("rejecting while not adjudicating: %v", err)
	}
	if err := store.SetTeamMembership(storage.TeamMembership{Folder: t.TempDir(), Annotator: "ana"}); err != nil {
		t.Fatal(err)
	}
	var choice *team.ChoiceError
	if err := s.StartAdjudicating(); !errors.As(err, &choice) || s.Adjudicating() {
		t.Errorf("a member who does not adjudicate starts adjudicating: %v", err)
	}
}

func TestAdjudicatingFollowsTheOpenArticleAndKeepsItsRejections(t *testing.T) {
	s, store := adjudicating(t)
	first := s.Article().ID
	s.StepDisagreement(true)
	if err := s.RejectFromGold(); err != nil {
		t.Fatal(err)
	}
	other, _, err := store.AddArticle(storage.Article{Text: "Another article, with nothing in it."})
	if err != nil {
		t.Fatal(err)
	}
	s.Sync()
	if err := s.Open(other.ID); err != nil {
		t.Fatal(err)
	}
	if n := len(s.Adjudication().Candidates()); n != 0 {
		t.Errorf("the other article has %d candidates", n)
	}
	if err := s.Open(first); err != nil {
		t.Fatal(err)
	}
	left(t, s, 1, "coming back")
	if _, ok := s.ClaimToDecide(); ok {
		t.Error("a claim is chosen in an article just opened")
	}
}
