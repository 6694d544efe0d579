package search

import (
	"container/heap"
	"runtime"
	"slices"
	"sync"

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

// Scanning: a compiled query is evaluated over every claim (or over the
// claims a Session remembers), split across the cores, keeping only the
// best hits in a bounded heap per worker.

// parallelMin is the number of candidates below which a scan stays on one
// goroutine: starting workers would cost more than it saves. Tests lower it
// to run the split on small corpora.
var parallelMin = 2048

// cand is a claim that matched a query, with its score accumulated up to
// the last word (before) and over all words (after), and how the last word
// matched. The query is the one of its list's lineage named by last.of: a
// candidate passed on unread keeps the scores of an earlier query.
//
// A keystroke at a million claims reads and writes hundreds of thousands
// of candidates, and its time is mostly memory: at 32 bytes rather than 48
// every key took 10–15% less (TestCandidateIsSmall keeps it so).
type cand struct {
	slot          int32
	before, after acc
	last          mark
}

// scanJob is one evaluation of a matcher over candidates.
type scanJob struct {
	m     *matcher
	every bool   // scan every slot, not from
	from  []cand // the candidates otherwise
	// plans say how to resume a candidate of from, by the query of its
	// lineage that scored it (mark.of); scratch evaluates every word.
	plans   []resumePlan
	scratch resumePlan
	// pass lets a candidate that cannot reach the results through
	// unread, its scores left those of its earlier query (resume.go).
	pass  bool
	of    uint8 // the query's place in the lineage of the list it makes
	limit int
	keep  bool // return the matching candidates too
}

// newScanJob is a job evaluating m over every claim.
func newScanJob(m *matcher, limit int) *scanJob {
	return &scanJob{m: m, every: true, limit: limit, scratch: scratchPlan(m)}
}

// eval checks one candidate, resuming its scores as p says, and updates
// them in place.
func (j *scanJob) eval(r *record, c *cand, p *resumePlan) bool {
	if !j.m.admits(r) {
		return false
	}
	words := j.m.words
	a, i := start, 0
	var ok bool
	switch p.resume {
	case resumeAll:
		return true
	case resumeBefore:
		a, i = c.before, p.first
	case resumeAfter:
		a, i = c.after, p.first
	case resumeExtend:
		if a, c.last, ok = extendWord(r, p.old, words[p.first], c.before, c.last); !ok {
			return false
		}
		i = p.first + 1
	}
	for ; i < len(words); i++ {
		if i < len(words)-1 {
			if a, _, ok = matchWord(r, words[i], a); !ok {
				return false
			}
			continue
		}
		c.before = a
		if a, c.last, ok = matchWord(r, words[i], a); !ok {
			return false
		}
	}
	c.after = a
	return true
}

// scan runs j split across the cores and returns the matching candidates
// (in the order given, when j.keep) and the best j.limit hits. Called under
// the read lock.
func (ix *Index) scan(j *scanJob) ([]cand, []hit) {
	if j.m.never {
		return []cand{}, nil
	}
	n := len(j.from)
	if j.every {
		n = len(ix.recs)
	}
	var out []cand
	if j.keep {
		out = getCands(n)
	}
	workers := min(runtime.GOMAXPROCS(0), n/parallelMin+1)
	parts := make([]topK, workers)
	counts := make([]int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := n*w/workers, n*(w+1)/workers
		parts[w].limit = j.limit
		work := func() { counts[w] = ix.scanRange(j, lo, hi, out, &parts[w]) }
		if w == workers-1 {
			work() // the calling goroutine takes the last share
			continue
		}
		wg.Go(work)
	}
	wg.Wait()
	kept := 0
	for w := range workers {
		if j.keep {
			lo := n * w / workers
			kept += copy(out[kept:], out[lo:lo+counts[w]])
		}
	}
	if j.keep {
		out = out[:kept]
	}
	return out, mergeTop(parts, j.limit)
}

// candPool recycles the candidate lists of forgotten queries: a
// keystroke's matches can fill megabytes, and allocating them afresh each
// time would wake the garbage collector every few keystrokes.
var candPool sync.Pool // of *[]cand

// getCands returns a list of n candidates, recycled when one is at hand.
func getCands(n int) []cand {
	if p, ok := candPool.Get().(*[]cand); ok && cap(*p) >= n {
		return (*p)[:n]
	}
	return make([]cand, n)
}

// putCands gives back a list nothing refers to any more.
func putCands(c []cand) {
	if cap(c) > 0 {
		c = c[:0]
		candPool.Put(&c)
	}
}

// scanRange is one worker's share: candidates lo to hi. Matches are written
// from out[lo] on; it returns how many.
func (ix *Index) scanRange(j *scanJob, lo, hi int, out []cand, top *topK) int {
	n, words := 0, len(j.m.words)
	var spare cand // where a candidate is evaluated when none are kept
	for i := lo; i < hi; i++ {
		// The candidate is evaluated where it is kept: it is written once.
		c := &spare
		if j.keep {
			c = &out[lo+n]
		}
		p := &j.scratch
		if j.every {
			*c = cand{slot: int32(i)}
		} else {
			*c = j.from[i]
			p = &j.plans[c.last.of]
			if floor, full := top.floor(); j.pass && full && p.bound(c) < floor {
				// It cannot be among the results: a later query resumes it.
				n++
				continue
			}
		}
		r := &ix.recs[c.slot]
		if r.hay == "" || !j.eval(r, c, p) {
			continue
		}
		c.last.of = j.of
		n++
		top.offer(hit{slot: c.slot, score: c.after.score(words), updated: r.updated, id: r.id})
	}
	return n
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
