package search

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"unicode/utf8"
	"unsafe"
)

func TestSessionTypingMatchesOneShotSearch(t *testing.T) {
	withParallelMin(t, 64)
	entries := append(newNewsGen(8).entries(600), oddEntries(100000)...)
	ix, c := loadCorpus(entries)
	rng := rand.New(rand.NewPCG(13, 14))
	for range 25 {
		query := randomQuery(rng, entries)
		s := ix.NewSession()
		typed := ""
		for _, r := range query {
			typed += string(r)
			if got, want := results(t, s, typed, 10), results(t, ix, typed, 10); !reflect.DeepEqual(got, want) {
				t.Fatalf("typing %q: Session gives %v, Search gives %v", typed, resultIDs(got), resultIDs(want))
			}
		}
		for len(typed) > 0 { // and backspace all the way
			_, size := utf8.DecodeLastRuneInString(typed)
			typed = typed[:len(typed)-size]
			if got, want := sortedIDs(results(t, s, typed, 0)), c.search(ParseQuery(typed)); !slices.Equal(got, want) {
				t.Fatalf("backspacing to %q: Session finds %d, fuzzy.Find %d", typed, len(got), len(want))
			}
		}
	}
}

// TestSessionEditingMatchesOneShotSearch edits queries anywhere, not just
// at the end: inserting and deleting characters and words, so a Session
// resumes from every kind of remembered query.
func TestSessionEditingMatchesOneShotSearch(t *testing.T) {
	withParallelMin(t, 64)
	entries := newNewsGen(9).entries(1000)
	ix, _ := loadCorpus(entries)
	rng := rand.New(rand.NewPCG(15, 16))
	alphabet := []rune("aeilnoprstu :\"")
	for range 30 {
		s := ix.NewSession()
		query := []rune(randomQuery(rng, entries))
		for range 25 {
			i := rng.IntN(len(query) + 1)
			if rng.IntN(3) == 0 && i < len(query) {
				query = append(query[:i], query[i+1:]...)
			} else {
				query = append(query[:i], append([]rune{alphabet[rng.IntN(len(alphabet))]}, query[i:]...)...)
			}
			limit := []int{0, 1, 10}[rng.IntN(3)]
			if got, want := results(t, s, string(query), limit), results(t, ix, string(query), limit); !reflect.DeepEqual(got, want) {
				t.Fatalf("editing to %q (limit %d): Session gives %v, Search gives %v", string(query), limit, resultIDs(got), resultIDs(want))
			}
		}
	}
}

// TestSessionResumes walks query sequences that take each way of resuming
// a remembered query, including narrowing to fewer words ("putin p" is
// narrowed by "putin", whose word holds the p).
func TestSessionResumes(t *testing.T) {
	ix, _ := loadCorpus(rankingCorpus())
	for _, steps := range [][]string{
		{"putin p", "putin", "putin t", "putin tr"},
		{"putin p", "putin", "putint", "putin"},
		{"pr tr", "pra tr", "prai tr", "praised trump"},
		{"label:den", "label:denial", "label:denial p", "label:denial pe speaker:dm"},
		{"trump", "trump ", "trump p", "trump pu", "trump p", "trump"},
	} {
		s := ix.NewSession()
		for i, q := range steps {
			limit := 1 + i%3 // vary the limit so no answer is simply reused
			if got, want := results(t, s, q, limit), results(t, ix, q, limit); !reflect.DeepEqual(got, want) {
				t.Errorf("after %q: Session(%q) = %v, Search = %v", steps[:i], q, got, want)
			}
		}
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
			if got, want := sortedIDs(results(t, s, typed, 0)), c.search(ParseQuery(typed)); !slices.Equal(got, want) {
				t.Fatalf("typing %q after a change: Session finds %d, fuzzy.Find %d", typed, len(got), len(want))
			}
		}
	}
}

// TestCandidateIsSmall: a keystroke's scan reads and writes hundreds of
// thousands of candidates, and its time is the memory they span.
func TestCandidateIsSmall(t *testing.T) {
	if unsafe.Sizeof(uintptr(0)) != 8 {
		t.Skip("the size is for 64-bit machines")
	}
	if size := unsafe.Sizeof(cand{}); size != 32 {
		t.Errorf("a candidate is %d bytes, want 32", size)
	}
}

// TestSessionBoundsWhatItHolds types words that nearly every claim
// matches, so that each list holds nearly every claim, and checks that the
// lists held never pass their budget.
func TestSessionBoundsWhatItHolds(t *testing.T) {
	ix, _ := loadCorpus(newNewsGen(41).entries(400))
	s := ix.NewSession()
	query := "e a i o n t s r e a i o"
	for i := range query {
		results(t, s, query[:i+1], 5)
		if held, budget := s.held(), rememberedClaims*len(ix.recs); held > budget && len(s.remembered) > 1 {
			t.Fatalf("typing %q: %d lists hold %d candidates, over the budget of %d", query[:i+1], len(s.remembered), held, budget)
		}
	}
}

// TestBackspaceIsAnswered types a query, then backspaces all the way: every
// answer comes from what the Session remembers (no list is made), and
// agrees with one-shot search, though most of the lists were forgotten.
func TestBackspaceIsAnswered(t *testing.T) {
	ix, _ := loadCorpus(newNewsGen(43).entries(400))
	s := ix.NewSession()
	query := "putin praised trump for the talks"
	for i := range query {
		results(t, s, query[:i+1], 5)
	}
	kept := map[*remembered]bool{}
	for _, r := range s.remembered {
		kept[r] = true
	}
	if len(kept) >= len(query) {
		t.Fatalf("%d lists kept for %d keys: the test needs some forgotten", len(kept), len(query))
	}
	for i := len(query) - 1; i > 0; i-- {
		typed := query[:i]
		if got, want := results(t, s, typed, 5), results(t, ix, typed, 5); !reflect.DeepEqual(got, want) {
			t.Fatalf("backspacing to %q: Session gives %v, Search gives %v", typed, resultIDs(got), resultIDs(want))
		}
		for _, r := range s.remembered {
			if !kept[r] {
				t.Fatalf("backspacing to %q scanned again", typed)
			}
		}
	}
}
