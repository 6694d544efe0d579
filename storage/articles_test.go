package storage

import (
	"errors"
	"testing"
)

func TestDuplicateArticle(t *testing.T) {
	s := openTestStore(t)
	first, _, err := s.AddArticle(Article{Title: "Kremlin", Text: "Peskov denied it.\n"})
	if err != nil {
		t.Fatal(err)
	}
	// The same text with a BOM and CRLF normalises to the same text.
	_, norm, err := s.AddArticle(Article{Title: "copy", Text: "\uFEFFPeskov denied it.\r\n"})
	var dup *DuplicateError
	if !errors.As(err, &dup) || dup.ExistingID != first.ID || dup.ExistingTitle != "Kremlin" {
		t.Fatalf("AddArticle of the same text = %v, want a *DuplicateError naming article %d", err, first.ID)
	}
	if !norm.RemovedBOM || norm.ConvertedCRLF != 1 {
		t.Errorf("the refusal still reports normalisation: %+v", norm)
	}
	if found, ok, err := s.ArticleByHash(HashText("Peskov denied it.\n")); !ok || err != nil || found.ID != first.ID {
		t.Errorf("ArticleByHash = %+v, %v, %v", found, ok, err)
	}
	if err := s.DeleteArticle(first.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.AddArticle(Article{Text: "Peskov denied it.\n"}); err != nil {
		t.Errorf("after deleting the original the text is welcome again: %v", err)
	}
}

func TestArticleDefaults(t *testing.T) {
	s := openTestStore(t)
	a, _, err := s.AddArticle(Article{Text: "\n  Kremlin Denies Interfering \nbody", Meta: map[string]string{"lang": "en"}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Article(a.ID)
	if err != nil || got.Title != "Kremlin Denies Interfering" || got.Status != StatusNew || got.Added.IsZero() ||
		got.SHA256 != HashText(got.Text) || got.Meta["lang"] != "en" {
		t.Errorf("Article(%d) = %+v, %v", a.ID, got, err)
	}
	if _, err := s.Article(99); !errors.Is(err, ErrNotFound) {
		t.Errorf("Article(99) = %v, want ErrNotFound", err)
	}
	wantErr(t, s.SetArticleStatus(a.ID, "lost"), ErrInvalid, `unknown status "lost"`)
	wantErr(t, s.SetArticleStatus(99, StatusDone), ErrNotFound, "article 99")
}

func TestClaimsInTextOrder(t *testing.T) {
	s := openTestStore(t)
	art := mustAddArticle(t, s, "aaa bbb ccc ddd")
	add := func(start, end int) uint64 {
		a, err := s.AddClaim(Claim{ArticleID: art.ID, Start: start, End: end, Label: "denial"})
		if err != nil {
			t.Fatal(err)
		}
		return a.ID
	}
	late := add(12, 15)
	short := add(4, 7)
	long := add(4, 11)
	first := add(0, 3)
	twin := add(4, 7)
	other := mustAddArticle(t, s, "another article")
	mustAddClaim(t, s, other, "another", "praise")

	anns, err := s.Claims(art.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []uint64{first, long, short, twin, late}
	if len(anns) != len(want) {
		t.Fatalf("Annotations = %+v, want %d claims", anns, len(want))
	}
	for i, id := range want {
		if anns[i].ID != id {
			t.Errorf("claim %d is %d (%d–%d), want %d: by start, the longer first, then by id", i, anns[i].ID, anns[i].Start, anns[i].End, id)
		}
	}
}

func TestArticleSummaries(t *testing.T) {
	s := openTestStore(t)
	a := mustAddArticle(t, s, "Peskov denied it. 👍🏽")
	b := mustAddArticle(t, s, "Putin praised Trump.")
	mustAddClaim(t, s, a, "denied", "denial")
	mustAddClaim(t, s, a, "Peskov", "accusation")
	mustAddClaim(t, s, b, "praised", "praise")
	if err := s.SetArticleStatus(b.ID, StatusDone); err != nil {
		t.Fatal(err)
	}
	sums, err := s.ArticleSummaries()
	if err != nil || len(sums) != 2 {
		t.Fatalf("ArticleSummaries = %+v, %v", sums, err)
	}
	if sums[0].ID != a.ID || sums[0].Claims != 2 || sums[0].RuneLen != 20 || sums[1].Claims != 1 || sums[1].Status != StatusDone {
		t.Errorf("ArticleSummaries = %+v", sums)
	}
	st, err := s.Stats()
	if err != nil || st.Articles != 2 || st.Claims != 3 || st.ClaimsByLabel["praise"] != 1 || st.ArticlesByStatus[StatusDone] != 1 || st.Annotators[""] != 3 {
		t.Errorf("Stats = %+v, %v", st, err)
	}
}

func TestOnChange(t *testing.T) {
	s := openTestStore(t)
	var got []Change
	s.OnChange(func(c Change) { got = append(got, c) })

	art, _, _, err := s.ImportArticle(Article{Text: "Peskov denied it."}, []Claim{{Start: 7, End: 13, Label: "denial"}})
	if err != nil {
		t.Fatal(err)
	}
	claim := mustAddClaim(t, s, art, "Peskov", "accusation")
	claim.Note = "spokesman"
	if _, err := s.UpdateClaim(claim); err != nil {
		t.Fatal(err)
	}
	if err := s.SetArticleStatus(art.ID, StatusInProgress); err != nil {
		t.Fatal(err)
	}
	removed, err := s.DeleteClaim(claim.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RestoreClaim(removed); err != nil {
		t.Fatal(err)
	}
	if err := s.AddLabel(Label{Name: "threat", Colour: "#CC79A7"}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteArticle(art.ID); err != nil {
		t.Fatal(err)
	}
	want := []struct {
		kind   ChangeKind
		claims int    // Article.Claims, for article events
		quote  string // Annotation.Quote, for claim events
	}{
		{ArticleAdded, 1, ""}, {ClaimAdded, 0, "denied"}, {ClaimAdded, 0, "Peskov"},
		{ClaimUpdated, 0, "Peskov"}, {ArticleUpdated, 2, ""}, {ClaimDeleted, 0, "Peskov"},
		{ClaimAdded, 0, "Peskov"}, {LabelsChanged, 0, ""},
		{ClaimDeleted, 0, "Peskov"}, {ClaimDeleted, 0, "denied"}, {ArticleDeleted, 0, ""}, // in text order
	}
	if len(got) != len(want) {
		t.Fatalf("got %d events, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Kind != w.kind || g.Claim.Quote != w.quote || (w.kind <= ArticleDeleted && g.Article.ID != art.ID) ||
			(w.kind < ArticleDeleted && g.Article.Claims != w.claims) {
			t.Errorf("event %d = %+v, want kind %d with claims %d, quote %q", i, g, w.kind, w.claims, w.quote)
		}
	}
	if got[3].Claim.Note != "spokesman" || got[6].Claim.ID != claim.ID {
		t.Errorf("update event %+v or restore event %+v lost the claim's data", got[3].Claim, got[6].Claim)
	}
}

func TestRestoreClaim(t *testing.T) {
	s := openTestStore(t)
	art := mustAddArticle(t, s, "Peskov denied it.")
	claim := mustAddClaim(t, s, art, "denied", "denial")

	_, err := s.RestoreClaim(claim)
	wantErr(t, err, ErrInvalid, "claim 1 exists already")
	removed, err := s.DeleteClaim(claim.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteClaim(claim.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting twice: %v, want ErrNotFound", err)
	}
	back, err := s.RestoreClaim(removed)
	if err != nil || back != claim {
		t.Fatalf("RestoreClaim = %+v, %v; want %+v", back, err, claim)
	}
	never := claim
	never.ID = 42
	_, err = s.RestoreClaim(never)
	wantErr(t, err, ErrInvalid, "claim id 42 was never issued")
	next := mustAddClaim(t, s, art, "Peskov", "accusation")
	if next.ID != 2 {
		t.Errorf("the next claim has id %d, want 2", next.ID)
	}
}
