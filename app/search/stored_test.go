package search

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"claimdesk/storage"
	"claimdesk/storage/storetest"
)

// newsSeed seeds the generated claims of newsStore.
const newsSeed = 7

// newsStore fills a store with n generated claims over n/20 articles, each
// article's text the claims' quotes one after another.
func newsStore(t testing.TB, n int) *storage.Store {
	t.Helper()
	s := storetest.Open(t)
	fillNews(t, s, n)
	return s
}

// fillNews imports newsStore's claims into s.
func fillNews(t testing.TB, s *storage.Store, n int) {
	t.Helper()
	entries := newNewsGen(newsSeed).entries(n)
	byArticle := map[uint64][]Entry{}
	titles := map[uint64]string{}
	var order []uint64
	for _, e := range entries {
		if _, ok := titles[e.ArticleID]; !ok {
			order = append(order, e.ArticleID)
		}
		titles[e.ArticleID] = e.ArticleTitle
		byArticle[e.ArticleID] = append(byArticle[e.ArticleID], e)
	}
	var items []storage.ImportItem
	for _, id := range order {
		var text strings.Builder
		var claims []storage.Claim
		for i, e := range byArticle[id] {
			start := storage.RuneLen(text.String())
			// The article's number keeps two articles' texts apart.
			text.WriteString(e.Quote)
			claims = append(claims, storage.Claim{Start: start, End: start + storage.RuneLen(e.Quote), Label: e.Label,
				Speaker: e.Speaker, Target: e.Target, Note: e.Note, Annotator: e.Annotator, Created: e.Updated, Updated: e.Updated})
			if i%4 == 3 {
				text.WriteString("\n\n")
			} else {
				text.WriteString(" ")
			}
		}
		text.WriteString(titles[id])
		items = append(items, storage.ImportItem{Article: storage.Article{Title: titles[id], Text: text.String()}, Claims: claims})
	}
	results, err := s.ImportArticles(items)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	}
}

// storedQueries cover every path of the matcher: one letter, words whole,
// prefixes and scattered, phrases, filters alone and with words, a title
// word, non-ASCII folding, words that match nothing, and nothing typed
// (the most recent claims).
var storedQueries = []string{
	"peskov", "p", "denied sanctions", "kremlin nato", "sanc", "pskv", `"had violated"`,
	"label:denial", "label:praise peskov", "speaker:lavrov target:nato", "annotator:chloé",
	"article:kremlin talks", "ERDOĞAN", "orbán", "zzzzqx", "the", "check source", "a b c", "nato s 2",
	"speaker:\"dmitry peskov\" nuclear", "label:nonesuch", "",
}

// TestSearchStoreMatchesIndex: a search straight over the store finds
// what the index loaded from the same store finds, in the same order, with
// the same scores and marks, whatever the limit and however the claims are
// split across workers.
func TestSearchStoreMatchesIndex(t *testing.T) {
	s := newsStore(t, 1000)
	ix := NewIndex()
	if err := ix.Load(s); err != nil {
		t.Fatal(err)
	}
	old := parallelMin
	t.Cleanup(func() { parallelMin = old })
	for _, split := range []int{old, 50} {
		parallelMin = split
		for _, q := range storedQueries {
			for _, limit := range []int{20, 0} {
				want := results(t, ix, q, limit)
				got, err := SearchStore(context.Background(), s, q, limit)
				if err != nil {
					t.Fatal(err)
				}
				if len(want) == 0 && len(got) == 0 {
					continue
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("split %d, %q limit %d: %d results, index %d; first differing:\n%s", split, q, limit, len(got), len(want), firstDiff(got, want))
				}
			}
		}
	}
}

func firstDiff(got, want []Result) string {
	for i := range min(len(got), len(want)) {
		if !reflect.DeepEqual(got[i], want[i]) {
			return "store " + describe(got[i]) + "\nindex " + describe(want[i])
		}
	}
	return "(one is a prefix of the other)"
}

func describe(r Result) string {
	return strings.Join([]string{r.Quote, r.Label, r.ArticleTitle}, " | ")
}

// TestSearchStoreStopsWhenCancelled: a search whose context is cancelled
// answers the context's error, never a partial list.
func TestSearchStoreStopsWhenCancelled(t *testing.T) {
	s := newsStore(t, 10000)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	results, err := SearchStore(ctx, s, "peskov", 20)
	if !errors.Is(err, context.Canceled) || results != nil {
		t.Errorf("cancelled, the search answers %d results and %v", len(results), err)
	}
}

// BenchmarkSearchStore is one `claimdesk search` without the process: a
// query over 20,000 stored claims.
func BenchmarkSearchStore(b *testing.B) {
	s := newsStore(b, 20000)
	for b.Loop() {
		if _, err := SearchStore(context.Background(), s, "peskov sanctions", 20); err != nil {
			b.Fatal(err)
		}
	}
}
