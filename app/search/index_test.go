package search

import (
	"cmp"
	"context"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sahilm/fuzzy"

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
	c, err := s.AddClaim(storage.Claim{ArticleID: a.ID, Start: start, End: start + storage.RuneLen(quote),
		Label: label, Speaker: speaker})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// ids searches query with no limit and returns the ids found, ascending.
func ids(t testing.TB, ix *Index, query string) []uint64 {
	t.Helper()
	return sortedIDs(results(t, ix, query, 0))
}

func expectIDs(t *testing.T, ix *Index, query string, want ...uint64) {
	t.Helper()
	if got := ids(t, ix, query); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
		t.Errorf("Search(%q) = %v, want %v", query, got, want)
	}
}

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
	if r := results(t, ix, "absurd", 1); r[0].ArticleTitle != "Moscow dismisses report" {
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

// TestConcurrentPutAndSearch runs writers and searchers at once (meant for
// -race): every result must match its query when it is returned, and the
// index must end up holding what was written.
func TestConcurrentPutAndSearch(t *testing.T) {
	withParallelMin(t, 64)
	g := newNewsGen(31)
	entries := g.entries(3000)
	ix, c := loadCorpus(entries[:1500])
	for _, e := range entries[1500:] {
		c.put(e)
	}
	for _, e := range entries[:300] {
		delete(c.claims, e.ID)
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		for _, e := range entries[1500:] {
			ix.Put(e)
		}
	})
	wg.Go(func() {
		for _, e := range entries[:300] {
			ix.Remove(e.ID)
			ix.SetArticleTitle(e.ArticleID, c.titles[e.ArticleID]) // same title: a no-op
		}
	})
	queries := []string{"peskov denied nato", "label:denial kremlin", `speaker:"putin" sanctions`, "trmp", "xyzzy"}
	for range 2 {
		wg.Go(func() {
			s := ix.NewSession()
			for _, query := range queries {
				for i := range query {
					typed := query[:i+1]
					checkMatch(t, typed, results(t, s, typed, 20))
					checkMatch(t, typed, results(t, ix, typed, 5))
				}
			}
		})
	}
	wg.Wait()
	for _, query := range queries {
		if got, want := ids(t, ix, query), c.search(ParseQuery(query)); !slices.Equal(got, want) {
			t.Errorf("after the writers: Search(%q) finds %d, fuzzy.Find %d", query, len(got), len(want))
		}
	}
}

// checkMatch verifies each result against plain fuzzy.Find and the filters.
func checkMatch(t *testing.T, query string, rs []Result) {
	q := ParseQuery(query)
	for _, r := range rs {
		texts := candidateFields(r.Entry, r.ArticleTitle)
		for _, w := range q.Words {
			if len(fuzzy.Find(w, texts)) == 0 {
				t.Errorf("Search(%q) returned claim %d, which fuzzy.Find does not match with %q", query, r.ID, w)
			}
		}
		if !containsFold(r.Label, q.Label) || !containsFold(r.Speaker, q.Speaker) || !containsFold(r.Target, q.Target) ||
			!containsFold(r.ArticleTitle, q.Article) || !containsFold(r.Annotator, q.Annotator) {
			t.Errorf("Search(%q) returned claim %d, which fails a filter", query, r.ID)
		}
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
	imported, claims, _, err := s.ImportArticle(storage.Article{Title: "Ministry denies leak", Text: text},
		[]storage.Claim{{Start: i, End: i + len("denied any leak"), Label: "rebuttal", Speaker: "ministry"}})
	if err != nil {
		t.Fatal(err)
	}
	expectIDs(t, ix, "article:ministry leak", claims[0].ID)

	// A status change keeps the title searchable.
	if err := s.SetArticleStatus(imported.ID, storage.StatusDone); err != nil {
		t.Fatal(err)
	}
	expectIDs(t, ix, "article:ministry", claims[0].ID)

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
	got, want := dump(t, ix), dump(t, fresh)
	if len(got) != len(want) {
		t.Fatalf("index holds %d claims, the store %d", len(got), len(want))
	}
	for i := range got {
		if !sameEntry(got[i], want[i]) {
			t.Fatalf("index holds %+v, the store %+v", got[i], want[i])
		}
	}
	// A bound index reads its results back from the store, so the entries
	// alone would not tell a stale record: what a search reads must match.
	gotRecs, wantRecs := records(ix), records(fresh)
	if !reflect.DeepEqual(gotRecs, wantRecs) {
		for i := range min(len(gotRecs), len(wantRecs)) {
			if gotRecs[i] != wantRecs[i] {
				t.Fatalf("the index searches %+v where a fresh load searches %+v", gotRecs[i], wantRecs[i])
			}
		}
		t.Fatalf("the index searches %d records, a fresh load %d", len(gotRecs), len(wantRecs))
	}
	if !maps.Equal(ix.titles, fresh.titles) {
		t.Fatalf("the index knows the titles %v, a fresh load %v", ix.titles, fresh.titles)
	}
}

// records lists the records of ix's claims by id.
func records(ix *Index) []record {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	var out []record
	for _, r := range ix.recs {
		if r.hay != "" {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b record) int { return cmp.Compare(a.id, b.id) })
	return out
}

// dump lists every claim in the index by id, with its article title.
func dump(t testing.TB, ix *Index) []Entry {
	t.Helper()
	var out []Entry
	for _, r := range results(t, ix, "", 0) {
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
	res := results(t, ix, "absurd", 1)
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
	for _, r := range results(t, ix, "", 0) {
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

// TestLoadOfAnArticleAddedAfterItsSummaries: an article stored between
// Load reading the summaries and reading the claims has its claims found
// by its title, and they follow a later rename like every other article's.
func TestLoadOfAnArticleAddedAfterItsSummaries(t *testing.T) {
	s, _ := storeWithClaims(t)
	ix := NewIndex()
	var late storage.Article
	testHookSummariesRead = func() {
		late = addArticle(t, s, "", "Latecomer news\nZakharova denied it twice.")
		for _, start := range []int{15, 15} {
			if _, err := s.AddClaim(storage.Claim{ArticleID: late.ID, Start: start, End: start + 16, Label: "denial"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	defer func() { testHookSummariesRead = nil }()
	if err := ix.Load(s); err != nil {
		t.Fatal(err)
	}
	// Load saw no title for it: the index learns titles from the store
	// it follows, or from whoever tells it.
	ix.SetArticleTitle(late.ID, "Latecomer news")
	for _, query := range []string{"latecomer zakharova", "article:latecomer"} {
		if got := results(t, ix, query, 0); len(got) != 2 || got[0].ArticleID != late.ID || got[1].ArticleID != late.ID {
			t.Errorf("%q finds %d claims, want the latecomer's 2: %+v", query, len(got), got)
		}
	}
	ix.SetArticleTitle(late.ID, "Renamed later")
	if got := results(t, ix, "renamed zakharova", 0); len(got) != 2 {
		t.Errorf("after the rename %d claims are found by the new title, want 2", len(got))
	}
	if got := results(t, ix, "latecomer", 0); len(got) != 0 {
		t.Errorf("after the rename %d claims are still found by the old title", len(got))
	}
}

// churn changes the store in every way: edits, deletions, a restore, a new
// article with a claim, and (when del is set) an article deleted with its
// claims.
func churn(t *testing.T, s *storage.Store, edit, del *storage.Article, round int) {
	claims, err := s.Claims(edit.ID)
	if err != nil || len(claims) < 6 {
		t.Fatalf("article %d has %d claims (%v)", edit.ID, len(claims), err)
	}
	for i, c := range claims[:6] {
		switch i % 3 {
		case 0:
			c.Note = "edited"
			_, err = s.UpdateClaim(c)
		case 1:
			_, err = s.DeleteClaim(c.ID)
		case 2:
			var gone storage.Claim
			if gone, err = s.DeleteClaim(c.ID); err == nil {
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

// searcher is an Index or a Session.
type searcher interface {
	Search(query string, limit int) ([]Result, error)
}

// results is s.Search(query, limit), failing the test on an error.
func results(t testing.TB, s searcher, query string, limit int) []Result {
	t.Helper()
	rs, err := s.Search(query, limit)
	if err != nil {
		t.Fatalf("Search(%q, %d): %v", query, limit, err)
	}
	return rs
}

// TestSlotsAfterManyRemovals removes most claims (so that their slots are
// dropped), brings some back (ids lower than those kept, so they go back
// between them) and adds new ones: the index must find, entry for entry,
// what the reference finds, whether the slots were dropped or not yet.
func TestSlotsAfterManyRemovals(t *testing.T) {
	entries := newNewsGen(43).entries(1200)
	for _, removed := range []int{40, 900} { // below and past the point where slots are dropped
		ix, c := loadCorpus(entries[:1000])
		for i, e := range entries[:removed] {
			if i%10 != 9 { // every tenth stays, so the ids kept are spread
				ix.Remove(e.ID)
				delete(c.claims, e.ID)
			}
		}
		for _, e := range entries[:removed:removed][:removed/3] {
			e.Note = "restored"
			ix.Put(e)
			c.put(e)
		}
		for _, e := range entries[1000:] {
			ix.Put(e)
			c.put(e)
		}
		for _, query := range []string{"", "restored", "peskov nato", "label:denial", "trmp"} {
			got, want := ids(t, ix, query), c.search(ParseQuery(query))
			if !slices.Equal(got, want) {
				t.Fatalf("%d removed: Search(%q) finds %d claims, the reference %d", removed, query, len(got), len(want))
			}
		}
		if ix.Len() != len(c.claims) {
			t.Errorf("%d removed: Len = %d, want %d", removed, ix.Len(), len(c.claims))
		}
		for _, r := range results(t, ix, "", 0) {
			want := c.claims[r.ID]
			want.ArticleTitle = c.titles[want.ArticleID]
			if r.Entry != want {
				t.Fatalf("%d removed: claim %d is %+v, want %+v", removed, r.ID, r.Entry, want)
			}
		}
	}
}

// TestLoadAfterMostClaimsDeleted loads a store whose claim ids are sparse
// (most claims deleted), which Load reads into shares it joins rather than
// into a slot per id: it holds what a search over the store finds.
func TestLoadAfterMostClaimsDeleted(t *testing.T) {
	s := newsStore(t, 6000)
	var kept []uint64
	for id := uint64(1); id <= 6000; id++ {
		if id%50 == 0 {
			kept = append(kept, id)
			continue
		}
		if _, err := s.DeleteClaim(id); err != nil {
			t.Fatal(err)
		}
	}
	ix := NewIndex()
	if err := ix.Load(s); err != nil {
		t.Fatal(err)
	}
	if got := ids(t, ix, ""); !slices.Equal(got, kept) {
		t.Fatalf("the index holds %d claims, want the %d kept", len(got), len(kept))
	}
	for _, q := range storedQueries {
		want, err := SearchStore(context.Background(), s, q, 0)
		if err != nil {
			t.Fatal(err)
		}
		if got := results(t, ix, q, 0); !reflect.DeepEqual(got, want) {
			t.Fatalf("Search(%q) finds %d claims, a search over the store %d", q, len(got), len(want))
		}
	}
}
