package search

import (
	"slices"
	"sync"
	"testing"

	"github.com/sahilm/fuzzy"
)

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
					checkMatch(t, typed, s.Search(typed, 20))
					checkMatch(t, typed, ix.Search(typed, 5))
				}
			}
		})
	}
	wg.Wait()
	for _, query := range queries {
		if got, want := ids(ix, query), c.search(ParseQuery(query)); !slices.Equal(got, want) {
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
