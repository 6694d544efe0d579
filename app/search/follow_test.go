package search

import (
	"slices"
	"strings"
	"testing"

	"claimdesk/storage"
	"claimdesk/storage/storetest"
)

const kremlinText = "Kremlin rejects report\nPeskov said the report was absurd. Lavrov praised the talks."

func addArticle(t *testing.T, s *storage.Store, title, text string) storage.Article {
	t.Helper()
	a, _, err := s.AddArticle(storage.Article{Title: title, Text: text})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// claim stores the first occurrence of quote in the article as a claim.
func claim(t *testing.T, s *storage.Store, a storage.Article, quote, label, speaker string) storage.Claim {
	t.Helper()
	start := storage.RuneOffset(a.Text, strings.Index(a.Text, quote))
	an, err := s.AddClaim(storage.Claim{ArticleID: a.ID, Start: start, End: start + storage.RuneLen(quote),
		Label: label, Speaker: speaker})
	if err != nil {
		t.Fatal(err)
	}
	return an
}

// ids searches query with no limit and returns the ids found, ascending.
func ids(ix *Index, query string) []uint64 {
	return sortedIDs(ix.Search(query, 0))
}

func expectIDs(t *testing.T, ix *Index, query string, want ...uint64) {
	t.Helper()
	if got := ids(ix, query); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
		t.Errorf("Search(%q) = %v, want %v", query, got, want)
	}
}

func TestFollowKeepsIndexCurrent(t *testing.T) {
	s := storetest.Open(t)
	ix := NewIndex()
	ix.Follow(s)
	if err := ix.Load(s); err != nil {
		t.Fatal(err)
	}
	art := addArticle(t, s, "Kremlin rejects report", kremlinText)
	absurd := claim(t, s, art, "the report was absurd", "denial", "Dmitry Peskov")
	talks := claim(t, s, art, "praised the talks", "praise", "Sergei Lavrov")
	expectIDs(t, ix, "absurd", absurd.ID)
	expectIDs(t, ix, "speaker:peskov", absurd.ID)
	expectIDs(t, ix, "article:kremlin", absurd.ID, talks.ID)

	// Edit: the old speaker is gone, the new one is found.
	absurd.Speaker = "Maria Zakharova"
	if _, err := s.UpdateClaim(absurd); err != nil {
		t.Fatal(err)
	}
	expectIDs(t, ix, "speaker:peskov")
	expectIDs(t, ix, "speaker:zakharova", absurd.ID)

	// Relabel every claim by renaming the label.
	if err := s.UpdateLabel("denial", storage.Label{Name: "rebuttal", Colour: "#0072B2", Hotkey: "1"}); err != nil {
		t.Fatal(err)
	}
	expectIDs(t, ix, "label:denial")
	expectIDs(t, ix, "label:rebuttal", absurd.ID)

	// Delete, then undo.
	deleted, err := s.DeleteClaim(absurd.ID)
	if err != nil {
		t.Fatal(err)
	}
	expectIDs(t, ix, "absurd")
	if _, err := s.RestoreClaim(deleted); err != nil {
		t.Fatal(err)
	}
	expectIDs(t, ix, "absurd", absurd.ID)

	// Import an article with its claims in one go.
	text := "Ministry denies leak\nThe ministry denied any leak of documents."
	i := strings.Index(text, "denied any leak")
	imported, anns, _, err := s.ImportArticle(storage.Article{Title: "Ministry denies leak", Text: text},
		[]storage.Claim{{Start: i, End: i + len("denied any leak"), Label: "rebuttal", Speaker: "ministry"}})
	if err != nil {
		t.Fatal(err)
	}
	expectIDs(t, ix, "article:ministry leak", anns[0].ID)

	// A status change keeps the title searchable.
	if err := s.SetArticleStatus(imported.ID, storage.StatusDone); err != nil {
		t.Fatal(err)
	}
	expectIDs(t, ix, "article:ministry", anns[0].ID)

	// Deleting the first article takes its claims along.
	if err := s.DeleteArticle(art.ID); err != nil {
		t.Fatal(err)
	}
	expectIDs(t, ix, "article:kremlin")
	if ix.Len() != 1 {
		t.Errorf("Len = %d after deleting an article, want 1", ix.Len())
	}
	assertSameAsFreshLoad(t, ix, s)
}

// assertSameAsFreshLoad checks that ix holds exactly what loading s anew
// gives.
func assertSameAsFreshLoad(t *testing.T, ix *Index, s *storage.Store) {
	t.Helper()
	fresh := NewIndex()
	if err := fresh.Load(s); err != nil {
		t.Fatal(err)
	}
	got, want := dump(ix), dump(fresh)
	if len(got) != len(want) {
		t.Fatalf("index holds %d claims, the store %d", len(got), len(want))
	}
	for i := range got {
		if !sameEntry(got[i], want[i]) {
			t.Fatalf("index holds %+v, the store %+v", got[i], want[i])
		}
	}
}

// dump lists every claim in the index by id, with its article title.
func dump(ix *Index) []Entry {
	var out []Entry
	for _, r := range ix.Search("", 0) {
		out = append(out, r.Entry)
	}
	slices.SortFunc(out, func(a, b Entry) int { return int(a.ID) - int(b.ID) })
	return out
}

func sameEntry(a, b Entry) bool {
	ua, ub := a.Updated, b.Updated
	a.Updated, b.Updated = ua.UTC(), ub.UTC()
	return ua.Equal(ub) && a.ID == b.ID && a.ArticleID == b.ArticleID && a.ArticleTitle == b.ArticleTitle &&
		a.Quote == b.Quote && a.Label == b.Label && a.Speaker == b.Speaker && a.Target == b.Target &&
		a.Note == b.Note && a.Annotator == b.Annotator && a.Start == b.Start && a.End == b.End
}

func TestLoadReadsTheStore(t *testing.T) {
	s := storetest.Open(t)
	art := addArticle(t, s, "Kremlin rejects report", kremlinText)
	absurd := claim(t, s, art, "the report was absurd", "denial", "Dmitry Peskov")
	ix := NewIndex()
	if err := ix.Load(s); err != nil {
		t.Fatal(err)
	}
	res := ix.Search("absurd", 1)
	if len(res) != 1 || res[0].ID != absurd.ID || res[0].ArticleTitle != "Kremlin rejects report" || res[0].Speaker != "Dmitry Peskov" {
		t.Fatalf("Search after Load = %+v", res)
	}
}

// storeWithClaims makes a store of six articles with 30 claims each.
func storeWithClaims(t *testing.T) (*storage.Store, []storage.Article) {
	s := storetest.Open(t)
	text := strings.Repeat("Peskov denied it. Lavrov praised them. ", 40)
	var arts []storage.Article
	for i := range 6 {
		a := addArticle(t, s, "", "Article "+string(rune('A'+i))+"\n"+text)
		arts = append(arts, a)
		for k := range 30 {
			start := k * 39
			if _, err := s.AddClaim(storage.Claim{ArticleID: a.ID, Start: start, End: start + 17, Label: "denial"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	return s, arts
}

// churn changes the store in every way: edits, deletions, a restore, a new
// article with a claim, and (when del is set) an article deleted with its
// claims.
func churn(t *testing.T, s *storage.Store, edit, del *storage.Article, round int) {
	anns, err := s.Claims(edit.ID)
	if err != nil || len(anns) < 6 {
		t.Fatalf("article %d has %d claims (%v)", edit.ID, len(anns), err)
	}
	for i, an := range anns[:6] {
		switch i % 3 {
		case 0:
			an.Note = "edited"
			_, err = s.UpdateClaim(an)
		case 1:
			_, err = s.DeleteClaim(an.ID)
		case 2:
			var gone storage.Claim
			if gone, err = s.DeleteClaim(an.ID); err == nil {
				_, err = s.RestoreClaim(gone)
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	extra := addArticle(t, s, "", "Extra "+string(rune('a'+round))+"\nShort text here.")
	if _, err := s.AddClaim(storage.Claim{ArticleID: extra.ID, Start: 0, End: 5, Label: "praise"}); err != nil {
		t.Fatal(err)
	}
	if del != nil {
		if err := s.DeleteArticle(del.ID); err != nil {
			t.Fatal(err)
		}
	}
}

// TestChangesDuringLoadWin changes the store after Load has read it and
// before Load installs what it read: the index must end up as the store is.
func TestChangesDuringLoadWin(t *testing.T) {
	s, arts := storeWithClaims(t)
	ix := NewIndex()
	ix.Follow(s)
	testHookLoadRead = func() {
		testHookLoadRead = nil // only this Load, not the fresh one that checks it
		churn(t, s, &arts[0], &arts[1], 0)
	}
	defer func() { testHookLoadRead = nil }()
	if err := ix.Load(s); err != nil {
		t.Fatal(err)
	}
	assertSameAsFreshLoad(t, ix, s)
	if ix.Loading() {
		t.Error("Loading after Load returned")
	}
}

// TestLoadWhileTheStoreChanges lets Load and changes race freely.
func TestLoadWhileTheStoreChanges(t *testing.T) {
	s, arts := storeWithClaims(t)
	for round := range 6 {
		ix := NewIndex()
		ix.Follow(s)
		done := make(chan error)
		go func() { done <- ix.Load(s) }()
		var del *storage.Article
		if round < 3 {
			del = &arts[3+round]
		}
		churn(t, s, &arts[round%3], del, round)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		assertSameAsFreshLoad(t, ix, s)
	}
}
