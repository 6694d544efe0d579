package search

import (
	"container/heap"
	"slices"

	"claimdesk/storage"
)

// Result is one claim found by a search.
type Result struct {
	Entry
	// Score ranks the result: higher is better (see the package comment).
	Score int
	// QuoteMatches are the rune indexes of Quote to emphasise, ascending.
	QuoteMatches []int
}

// Search returns the best limit claims matching query, best first; limit <= 0
// returns every match. See the package comment for the query syntax. The
// error is one of reading the claims found back from the store.
func (ix *Index) Search(query string, limit int) ([]Result, error) {
	m := compile(ParseQuery(query))
	ix.mu.RLock()
	_, top := ix.scan(newScanJob(m, limit))
	f := ix.found(m, top)
	ix.mu.RUnlock()
	return f.results()
}

// MatchTitles filters an article list the way the palette matches claims:
// every word of query must match a title fuzzily (see the package comment),
// and the titles are ranked the same way. It returns the indexes of the
// matching titles, best first, ties in list order; an empty query returns
// every index in order. Titles have no fields, so filter syntax is not read:
// "label:x" is just a word.
func MatchTitles(query string, titles []string) []int {
	var words []string
	for _, t := range tokenize(query, false) {
		words = append(words, t.text)
	}
	if len(words) == 0 {
		out := make([]int, len(titles))
		for i := range out {
			out[i] = i
		}
		return out
	}
	m := compile(Query{Words: words})
	if m.never {
		return []int{}
	}
	type scored struct{ index, score int }
	var found []scored
	for i, title := range titles {
		r := textRecord(title)
		if r.mask&m.mask != m.mask {
			continue
		}
		if score, ok := scoreWords(&r, m.words); ok {
			found = append(found, scored{i, score})
		}
	}
	slices.SortStableFunc(found, func(a, b scored) int { return b.score - a.score })
	out := make([]int, len(found))
	for i, f := range found {
		out[i] = f.index
	}
	return out
}

// found is what a search found, taken from the index under its read lock:
// the Results of an unbound index, or the hits of a bound one with their
// articles' titles, whose claims are read from the store once the lock is
// released, so that a search never holds the index while it reads the
// store.
type found struct {
	done   []Result
	store  *storage.Store
	m      *matcher
	hits   []hit
	titles map[uint64]string
}

// found collects the Results of hits. Called under the read lock.
func (ix *Index) found(m *matcher, hits []hit) found {
	if ix.store == nil {
		out := make([]Result, len(hits))
		for i, h := range hits {
			e := ix.entries[h.slot]
			e.ArticleTitle = ix.titles[e.ArticleID]
			out[i] = Result{Entry: e, Score: int(h.score), QuoteMatches: quoteMatches(m, &ix.recs[h.slot], e.Quote)}
		}
		return found{done: out}
	}
	titles := make(map[uint64]string, len(hits))
	for _, h := range hits {
		a := ix.recs[h.slot].of.id
		titles[a] = ix.titles[a]
	}
	return found{store: ix.store, m: m, hits: hits, titles: titles}
}

// results completes f, reading its claims from the store when the index
// is bound to one.
func (f found) results() ([]Result, error) {
	if f.store == nil {
		return f.done, nil
	}
	return storedResults(f.store, f.m, f.titles, f.hits)
}

// hit is a matching claim before it becomes a Result.
type hit struct {
	slot    int32
	score   int32
	updated int64
	id      uint64
}

// better is the result order: higher score, then more recently updated,
// then the higher (newer) id, so the order is total and repeatable.
func better(a, b hit) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	if a.updated != b.updated {
		return a.updated > b.updated
	}
	return a.id > b.id
}

func compareHits(a, b hit) int {
	switch {
	case better(a, b):
		return -1
	case better(b, a):
		return 1
	}
	return 0
}

// topK keeps the best limit hits offered to it; limit <= 0 keeps all. It is
// a min-heap on better, so the worst kept hit is at the root and a weaker
// offer costs one comparison.
type topK struct {
	limit int
	hits  []hit
}

func (t *topK) Len() int           { return len(t.hits) }
func (t *topK) Less(i, j int) bool { return better(t.hits[j], t.hits[i]) }
func (t *topK) Swap(i, j int)      { t.hits[i], t.hits[j] = t.hits[j], t.hits[i] }
func (t *topK) Push(x any)         { t.hits = append(t.hits, x.(hit)) }
func (t *topK) Pop() any {
	h := t.hits[len(t.hits)-1]
	t.hits = t.hits[:len(t.hits)-1]
	return h
}

// floor is the score of the worst hit kept, once limit are: an offer
// scoring less is not taken.
func (t *topK) floor() (int32, bool) {
	if t.limit > 0 && len(t.hits) == t.limit {
		return t.hits[0].score, true
	}
	return 0, false
}

func (t *topK) offer(h hit) {
	switch {
	case t.limit <= 0:
		t.hits = append(t.hits, h)
	case len(t.hits) < t.limit:
		heap.Push(t, h)
	case better(h, t.hits[0]):
		t.hits[0] = h
		heap.Fix(t, 0)
	}
}

// mergeTop combines the hits of several workers into the best limit, best
// first.
func mergeTop(parts []topK, limit int) []hit {
	var all []hit
	for _, p := range parts {
		all = append(all, p.hits...)
	}
	slices.SortFunc(all, compareHits)
	if limit > 0 && len(all) > limit {
		all = all[:limit]
	}
	return all
}
