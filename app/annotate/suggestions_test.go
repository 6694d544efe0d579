package annotate

import (
	"context"
	"errors"
	"testing"

	"claimdesk/app/suggest"
	"claimdesk/storage"
)

// candidatesOf computes the open article's candidates with an engine over
// the store, as the window does in the background.
func candidatesOf(t *testing.T, s *Session, store *storage.Store) []suggest.Candidate {
	t.Helper()
	engine := suggest.NewEngine(store, s.Rejections(), suggest.English)
	if err := engine.Load(); err != nil {
		t.Fatal(err)
	}
	a := s.Article()
	cands, err := engine.Candidates(context.Background(), a.ID, []rune(a.Text), s.Claims())
	if err != nil {
		t.Fatal(err)
	}
	return cands
}

const quoted = `"We have never interfered in any election anywhere," Kremlin spokesman Dmitry Peskov said on Wednesday.` + "\n\n" +
	`Senator Jane Roe accused Moscow of hacking the party's emails.`

func openQuoted(t *testing.T) (*Session, *storage.Store) {
	t.Helper()
	s, store, _ := newSession(t)
	a, _, err := store.AddArticle(storage.Article{Text: quoted})
	if err != nil {
		t.Fatal(err)
	}
	s.Sync()
	if err := s.Open(a.ID); err != nil {
		t.Fatal(err)
	}
	s.SetCandidates(a.ID, candidatesOf(t, s, store))
	if len(s.Candidates()) < 2 {
		t.Fatalf("candidates %+v", s.Candidates())
	}
	return s, store
}

func TestAcceptingACandidateStoresItWithItsSpeakerAsOneUndoStep(t *testing.T) {
	s, store := openQuoted(t)
	s.SetAnnotator("ana")
	if err := s.AcceptCandidate(""); !errors.Is(err, ErrNoCandidate) {
		t.Fatalf("accepting with none current: %v", err)
	}
	if !s.StepCandidate(true) {
		t.Fatal("Tab found no candidate")
	}
	want, _ := s.CurrentCandidate()
	if err := s.AcceptCandidate(""); err != nil {
		t.Fatal(err)
	}
	claims, _ := store.Claims(s.Article().ID)
	if len(claims) != 1 {
		t.Fatalf("stored %+v", claims)
	}
	c := claims[0]
	if c.Start != want.Start || c.End != want.End || c.Label != want.Label || c.Speaker != "Kremlin spokesman Dmitry Peskov" ||
		c.Origin != storage.OriginSuggested || c.Annotator != "ana" {
		t.Errorf("stored %+v for candidate %+v", c, want)
	}
	for _, k := range s.Candidates() {
		if k.Start == want.Start {
			t.Errorf("the accepted candidate is still proposed: %+v", k)
		}
	}
	if next, ok := s.CurrentCandidate(); !ok || next.Start <= want.Start {
		t.Errorf("after accepting, current is %+v %v, want the next candidate", next, ok)
	}
	if name, err := s.Undo(); err != nil || name != "accept suggestion" {
		t.Fatalf("undo %q %v", name, err)
	}
	if claims, _ := store.Claims(s.Article().ID); len(claims) != 0 {
		t.Errorf("undo left %+v", claims)
	}
}

func TestAHotkeyAcceptsTheCandidateWithItsLabel(t *testing.T) {
	s, store := openQuoted(t)
	s.StepCandidate(false) // the last one
	if err := s.AcceptCandidate("praise"); err != nil {
		t.Fatal(err)
	}
	claims, _ := store.Claims(s.Article().ID)
	if len(claims) != 1 || claims[0].Label != "praise" {
		t.Errorf("stored %+v", claims)
	}
}

func TestRejectingACandidateIsRememberedAndUndone(t *testing.T) {
	s, store := openQuoted(t)
	id := s.Article().ID
	var heard Aspect
	s.OnChange(func(a Aspect) { heard |= a })
	s.StepCandidate(true)
	c, _ := s.CurrentCandidate()
	n := len(s.Candidates())
	if err := s.RejectCandidate(); err != nil {
		t.Fatal(err)
	}
	if len(s.Candidates()) != n-1 || !s.Rejections().Rejected(id, c.Start, c.End) || heard&RejectionsChanged == 0 {
		t.Fatalf("after rejecting: %d candidates, rejected %v, heard %b", len(s.Candidates()), s.Rejections().Rejected(id, c.Start, c.End), heard)
	}
	// Computed again, the rejected span is not proposed.
	for _, k := range candidatesOf(t, s, store) {
		if k.Start == c.Start && k.End == c.End {
			t.Errorf("rejected span proposed again: %+v", k)
		}
	}
	if name, err := s.Undo(); err != nil || name != "reject suggestion" {
		t.Fatalf("undo %q %v", name, err)
	}
	if cur, ok := s.CurrentCandidate(); !ok || cur != c || s.Rejections().Rejected(id, c.Start, c.End) {
		t.Errorf("undo gave current %+v %v, rejected %v", cur, ok, s.Rejections().Rejected(id, c.Start, c.End))
	}
	if _, err := s.Redo(); err != nil || !s.Rejections().Rejected(id, c.Start, c.End) {
		t.Errorf("redo: %v", err)
	}
}

func TestAcceptingAllAboveAScoreIsOneUndoStep(t *testing.T) {
	s, store := openQuoted(t)
	all := len(s.Candidates())
	n, err := s.AcceptCandidatesAbove(0)
	if err != nil || n != all {
		t.Fatalf("accepted %d of %d: %v", n, all, err)
	}
	if claims, _ := store.Claims(s.Article().ID); len(claims) != all || len(s.Candidates()) != 0 {
		t.Fatalf("stored %d, %d candidates left", len(claims), len(s.Candidates()))
	}
	if name, err := s.Undo(); err != nil || name != "accept 2 suggestions" && all == 2 {
		t.Fatalf("undo %q %v", name, err)
	}
	if claims, _ := store.Claims(s.Article().ID); len(claims) != 0 {
		t.Errorf("one undo left %d claims", len(claims))
	}
}

func TestAPropagatedQuoteIsAcceptedWithItsSpeaker(t *testing.T) {
	s, store, _ := newSession(t)
	quote := "the sanctions are an act of economic war against our people"
	first, _, _ := store.AddArticle(storage.Article{Text: "Minister Olga Ivanova said " + quote + " at the summit."})
	if _, err := store.AddClaim(storage.Claim{ArticleID: first.ID, Start: 27, End: 27 + len(quote), Label: "accusation", Speaker: "Olga Ivanova"}); err != nil {
		t.Fatal(err)
	}
	copyArt, _, _ := store.AddArticle(storage.Article{Text: "Reprinted. In a speech, " + quote + ", officials heard."})
	s.Sync()
	if err := s.Open(copyArt.ID); err != nil {
		t.Fatal(err)
	}
	s.SetCandidates(copyArt.ID, candidatesOf(t, s, store))
	for s.StepCandidate(true) {
		if c, _ := s.CurrentCandidate(); c.Kind == suggest.KindPropagated {
			break
		}
	}
	if c, ok := s.CurrentCandidate(); !ok || c.Kind != suggest.KindPropagated {
		t.Fatalf("no propagated candidate among %+v", s.Candidates())
	}
	if err := s.AcceptCandidate(""); err != nil {
		t.Fatal(err)
	}
	claims, _ := store.Claims(copyArt.ID)
	if len(claims) != 1 || claims[0].Speaker != "Olga Ivanova" || claims[0].Label != "accusation" {
		t.Errorf("stored %+v", claims)
	}
}

func TestSelectingTextSuggestsALabelAndEnterAcceptsIt(t *testing.T) {
	s, store, _ := newSession(t)
	s.SetSuggester(func(start, end int) string { return "praise" })
	s.SelectText(24, 43)
	if s.SuggestedLabel() != "praise" {
		t.Fatalf("suggested %q", s.SuggestedLabel())
	}
	if err := s.AcceptSuggestedLabel(); err != nil {
		t.Fatal(err)
	}
	claims, _ := store.Claims(s.Article().ID)
	if len(claims) != 1 || claims[0].Label != "praise" {
		t.Errorf("stored %+v", claims)
	}
	if s.SuggestedLabel() != "" {
		t.Errorf("a selected claim still has a suggestion %q", s.SuggestedLabel())
	}
}
