package team

import (
	"reflect"
	"slices"
	"testing"

	"claimdesk/storage"
	"claimdesk/storage/storetest"
)

const adjudicationText = "The minister denied it. Critics accused him. Fans praised the plan."

// teamStore holds one article: alice and bob both mark "denied it" as a
// denial and "accused him" as an accusation; carol marks "denied it" and
// "praised" (where nobody else does); bob also marks "Critics" as a denial.
func teamStore(t *testing.T) (*storage.Store, uint64) {
	t.Helper()
	s := storetest.Open(t)
	a, _, err := s.AddArticle(storage.Article{Title: "t", Text: adjudicationText})
	if err != nil {
		t.Fatal(err)
	}
	add := func(who string, start, end int, label string) {
		t.Helper()
		if _, err := s.AddClaim(storage.Claim{ArticleID: a.ID, Start: start, End: end, Label: label, Annotator: who, Speaker: who + "'s speaker"}); err != nil {
			t.Fatal(err)
		}
	}
	add("alice", 13, 22, "denial")
	add("alice", 32, 43, "accusation")
	add("bob", 13, 22, "denial")
	add("bob", 13, 22, "denial") // the same twice counts once
	add("bob", 32, 43, "accusation")
	add("bob", 24, 31, "denial")
	add("carol", 13, 22, "denial")
	add("carol", 50, 57, "praise")
	return s, a.ID
}

func goldSpans(t *testing.T, s *storage.Store, articleID uint64) []ClaimKey {
	t.Helper()
	claims, err := s.Claims(articleID)
	if err != nil {
		t.Fatal(err)
	}
	var keys []ClaimKey
	for _, c := range claims {
		if c.Annotator == Gold {
			keys = append(keys, KeyOf(c))
		}
	}
	return keys
}

func TestAdjudicateAgreedCopiesOnceAndIsIdempotent(t *testing.T) {
	s, id := teamStore(t)
	res, err := AdjudicateAgreed(s, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	// denied it: 3 annotators; accused him: 2; Critics and praised: 1 each.
	if res.Agreed != 2 || res.Added != 2 || res.InGold != 0 {
		t.Fatalf("first run %+v, want 2 agreed, 2 added", res)
	}
	want := []ClaimKey{{id, 13, 22, "denial"}, {id, 32, 43, "accusation"}}
	if got := goldSpans(t, s, id); !slices.Equal(got, want) {
		t.Fatalf("gold %v, want %v", got, want)
	}
	res, err = AdjudicateAgreed(s, 2, nil)
	if err != nil || res.Added != 0 || res.InGold != 2 {
		t.Fatalf("second run %+v %v: it must add nothing", res, err)
	}
	if got := goldSpans(t, s, id); len(got) != 2 {
		t.Fatalf("gold after the second run %v", got)
	}
	// Speaker and the rest come from the first annotator by name.
	claims, _ := s.Claims(id)
	for _, c := range claims {
		if c.Annotator == Gold && c.Speaker != "alice's speaker" {
			t.Errorf("gold claim %+v: speaker should be alice's", c)
		}
	}
}

func TestAdjudicateAgreedAmongChosenAnnotators(t *testing.T) {
	s, id := teamStore(t)
	// Between bob and carol only "denied it" is agreed by both.
	res, err := AdjudicateAgreed(s, 2, []string{"carol", "bob"})
	if err != nil || res.Added != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	if got := goldSpans(t, s, id); !slices.Equal(got, []ClaimKey{{id, 13, 22, "denial"}}) {
		t.Errorf("gold %v", got)
	}
}

func TestAdjudicateAgreedRefusesBadInput(t *testing.T) {
	s, _ := teamStore(t)
	for _, tc := range []struct {
		k     int
		names []string
	}{{0, nil}, {4, nil}, {2, []string{"alice", "dave"}}, {1, []string{"gold"}}} {
		if res, err := AdjudicateAgreed(s, tc.k, tc.names); err == nil {
			t.Errorf("k=%d %v: no error (%+v)", tc.k, tc.names, res)
		}
	}
}

func TestAdjudicationAcceptEditRejectAndProgress(t *testing.T) {
	s, id := teamStore(t)
	adj, err := OpenAdjudication(s, id, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := adj.Annotators(); !slices.Equal(got, []string{"alice", "bob", "carol"}) {
		t.Fatalf("annotators %v", got)
	}
	// Disagreements: accused him (not carol's), Critics (bob's), praised
	// (carol's); denied it is agreed by all three.
	if n := adj.DisagreementsLeft(); n != 3 {
		t.Fatalf("disagreements left %d, want 3", n)
	}
	cands := adj.Candidates()
	if len(cands) != 4 || !cands[0].Agreed || cands[0].Start != 13 {
		t.Fatalf("candidates %+v", cands)
	}
	// Accept bob's accusation: one disagreement fewer; twice is still one.
	var bobs storage.Claim
	for _, c := range adj.Layer("bob") {
		if c.Label == "accusation" {
			bobs = c
		}
	}
	for range 2 {
		if _, err := adj.Accept(bobs.ID); err != nil {
			t.Fatal(err)
		}
	}
	if n := adj.DisagreementsLeft(); n != 2 || len(adj.Layer(Gold)) != 1 {
		t.Fatalf("after accept: left %d, gold %v", n, adj.Layer(Gold))
	}
	// Edit carol's praise into gold with a wider span (50–66, "praised the
	// plan"): the praise is settled by the edit.
	praise := adj.Layer("carol")[1]
	praise.End = 66
	g, err := adj.Edit(praise)
	if err != nil {
		t.Fatal(err)
	}
	if g.Annotator != Gold || g.Quote != "praised the plan" {
		t.Fatalf("edited gold claim %+v", g)
	}
	if n := adj.DisagreementsLeft(); n != 1 {
		t.Fatalf("after edit: left %d, want 1", n)
	}
	// Reject bob's "Critics": nothing left.
	if err := adj.Reject(ClaimKey{id, 24, 31, "denial"}); err != nil {
		t.Fatal(err)
	}
	if n := adj.DisagreementsLeft(); n != 0 {
		t.Fatalf("after reject: left %d", n)
	}
	// Rejecting what gold holds removes it from gold.
	if err := adj.Reject(KeyOf(bobs)); err != nil {
		t.Fatal(err)
	}
	if got := goldSpans(t, s, id); !slices.Equal(got, []ClaimKey{{id, 50, 66, "praise"}}) {
		t.Errorf("gold after rejecting the accusation %v", got)
	}
	// Accept everything two annotators agree on: denied it (the accusation
	// stays rejected).
	n, err := adj.AcceptAgreed(2)
	if err != nil || n != 1 {
		t.Fatalf("accept agreed: %d %v", n, err)
	}
	// Editing a gold claim onto another gold claim would hold it twice.
	gold := adj.Layer(Gold)
	moved := gold[1]
	moved.Start, moved.End, moved.Label = gold[0].Start, gold[0].End, gold[0].Label
	if _, err := adj.Edit(moved); err == nil {
		t.Errorf("editing %+v onto %+v gave no error", gold[1], gold[0])
	}
	if _, err := adj.Accept(9999); err == nil {
		t.Error("accepting a claim that is not in the article gave no error")
	}
}

func TestProgressByAnnotator(t *testing.T) {
	s, id := teamStore(t)
	if err := s.SetArticleStatus(id, storage.StatusDone); err != nil {
		t.Fatal(err)
	}
	if _, err := AdjudicateAgreed(s, 3, nil); err != nil {
		t.Fatal(err)
	}
	snap, err := Load(s)
	if err != nil {
		t.Fatal(err)
	}
	p := ProgressOf(snap)
	var names []string
	for _, a := range p.Annotators {
		names = append(names, a.Annotator)
	}
	if !slices.Equal(names, []string{"alice", "bob", "carol", "gold"}) {
		t.Fatalf("annotators %v", names)
	}
	bob := p.Annotators[1]
	if bob.Articles != 1 || bob.Done != 1 || bob.Claims != 4 || bob.ClaimsByLabel["denial"] != 3 || len(bob.ClaimsByDay) != 1 {
		t.Errorf("bob %+v", bob)
	}
	if !slices.Equal(p.Labels, []string{"accusation", "denial", "praise"}) || len(p.Days) != 1 {
		t.Errorf("labels %v days %v", p.Labels, p.Days)
	}
	// Counted from the summaries, without a claim read: the same.
	fromSummaries, err := LoadProgress(s)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fromSummaries, p) {
		t.Errorf("LoadProgress\n%+v\nProgressOf(Load)\n%+v", fromSummaries, p)
	}
}
