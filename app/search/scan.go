package search

import (
	"runtime"
	"sync"
)

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
