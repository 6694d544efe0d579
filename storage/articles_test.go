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
	a, _, err := s.AddArticle(Article{Text: "\n  Kremlin Denies Interfering \nbody", Meta: Meta{"lang": MetaString("en")}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Article(a.ID)
	if err != nil || got.Title != "Kremlin Denies Interfering" || got.Status != StatusNew || got.Added.IsZero() ||
		got.SHA256 != HashText(got.Text) || got.Meta.Text("lang") != "en" {
		t.Errorf("Article(%d) = %+v, %v", a.ID, got, err)
	}
	if _, err := s.Article(99); !errors.Is(err, ErrNotFound) {
		t.Errorf("Article(99) = %v, want ErrNotFound", err)
	}
	wantErr(t, s.SetArticleStatus(a.ID, "lost"), ErrInvalid, `unknown status "lost"`)
	wantErr(t, s.SetArticleStatus(99, StatusDone), ErrNotFound, "article 99")
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
}

func TestTitleFromText(t *testing.T) {
	long := make([]rune, 250)
	for i := range long {
		long[i] = 'ك'
	}
	tests := []struct{ text, want string }{
		{"\n\n  Kremlin denies  \nbody", "Kremlin denies"},
		{"   \n\t\n", "Untitled"},
		{string(long), string(long[:200]) + "…"},
	}
	for _, tt := range tests {
		if got := TitleFromText(tt.text); got != tt.want {
			t.Errorf("TitleFromText(%.20q) = %.20q, want %.20q", tt.text, got, tt.want)
		}
	}
}
