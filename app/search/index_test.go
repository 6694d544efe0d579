package search

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

func TestIndexChanges(t *testing.T) {
	ix := NewIndex()
	day := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	ix.Put(Entry{ID: 1, ArticleID: 10, ArticleTitle: "Kremlin rejects report", Quote: "the report was absurd", Label: "denial", Updated: day})
	ix.Put(Entry{ID: 2, ArticleID: 10, Quote: "praised the talks", Label: "praise", Updated: day})
	ix.Put(Entry{ID: 3, ArticleID: 11, ArticleTitle: "Ministry denies leak", Quote: "denied any leak", Label: "denial"})
	expectIDs(t, ix, "article:kremlin", 1, 2) // claim 2 took the title its article had
	if ix.Len() != 3 {
		t.Errorf("Len = %d, want 3", ix.Len())
	}

	ix.Put(Entry{ID: 2, ArticleID: 10, Quote: "welcomed the talks", Label: "praise"}) // replace
	expectIDs(t, ix, "praised")
	expectIDs(t, ix, "welcomed", 2)
	if ix.Len() != 3 {
		t.Errorf("Len after replacing = %d, want 3", ix.Len())
	}

	ix.SetArticleTitle(10, "Moscow dismisses report")
	expectIDs(t, ix, "article:kremlin")
	expectIDs(t, ix, "article:moscow", 1, 2)
	if r := ix.Search("absurd", 1); r[0].ArticleTitle != "Moscow dismisses report" {
		t.Errorf("ArticleTitle = %q after SetArticleTitle", r[0].ArticleTitle)
	}

	ix.Put(Entry{ID: 2, ArticleID: 11, Quote: "welcomed the talks", Label: "praise"}) // moved to another article
	expectIDs(t, ix, "article:ministry", 2, 3)
	ix.RemoveArticle(10)
	expectIDs(t, ix, "", 2, 3)

	ix.Remove(3)
	ix.Remove(3) // unknown ids are ignored
	ix.Remove(99)
	expectIDs(t, ix, "", 2)
	ix.Put(Entry{ID: 4, ArticleID: 11, Quote: "new claim in a reused slot", Label: "praise"})
	expectIDs(t, ix, "reused", 4)
	expectIDs(t, ix, "article:ministry", 2, 4)
	if ix.Len() != 2 {
		t.Errorf("Len = %d, want 2", ix.Len())
	}
}

// TestIndexAPIDuringLoad changes the index directly (not through a store)
// while Load reads: a removed article must stay removed, a new title win.
func TestIndexAPIDuringLoad(t *testing.T) {
	s, arts := storeWithClaims(t)
	ix := NewIndex()
	testHookLoadRead = func() {
		ix.RemoveArticle(arts[2].ID)
		ix.SetArticleTitle(arts[3].ID, "Renamed meanwhile")
	}
	defer func() { testHookLoadRead = nil }()
	if err := ix.Load(s); err != nil {
		t.Fatal(err)
	}
	for _, r := range ix.Search("", 0) {
		if r.ArticleID == arts[2].ID {
			t.Fatalf("claim %d of the article removed during Load is back", r.ID)
		}
		if r.ArticleID == arts[3].ID && r.ArticleTitle != "Renamed meanwhile" {
			t.Fatalf("claim %d has title %q, want the one set during Load", r.ID, r.ArticleTitle)
		}
	}
	if got, want := ix.Len(), 5*30; got != want {
		t.Errorf("Len = %d, want %d", got, want)
	}
}

func TestSessionSeesChangesBetweenKeystrokes(t *testing.T) {
	withParallelMin(t, 64)
	g := newNewsGen(21)
	entries := g.entries(500)
	ix, c := loadCorpus(entries)
	rng := rand.New(rand.NewPCG(22, 23))
	nextID := uint64(len(entries) + 1)
	change := func() {
		switch rng.IntN(5) {
		case 0: // a new claim
			e := g.entries(1)[0]
			e.ID, e.ArticleID = nextID, uint64(1+rng.IntN(40))
			nextID++
			e.ArticleTitle = ""
			ix.Put(e)
			c.put(e)
		case 1: // an edit, or the restore of a deleted claim
			e := entries[rng.IntN(len(entries))]
			e.Quote, e.ArticleTitle = g.sentence(), ""
			ix.Put(e)
			c.put(e)
		case 2:
			id := entries[rng.IntN(len(entries))].ID
			ix.Remove(id)
			delete(c.claims, id)
		case 3:
			id, title := uint64(1+rng.IntN(40)), g.title()
			ix.SetArticleTitle(id, title)
			c.titles[id] = title
		case 4:
			id := uint64(1 + rng.IntN(40))
			ix.RemoveArticle(id)
			c.removeArticle(id)
		}
	}
	for range 20 {
		query := randomQuery(rng, entries)
		s := ix.NewSession()
		typed := ""
		for _, r := range query {
			typed += string(r)
			if rng.IntN(3) == 0 {
				change()
			}
			if got, want := sortedIDs(s.Search(typed, 0)), c.search(ParseQuery(typed)); !slices.Equal(got, want) {
				t.Fatalf("typing %q after a change: Session finds %d, fuzzy.Find %d", typed, len(got), len(want))
			}
		}
	}
}
