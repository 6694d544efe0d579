package search

import (
	"slices"
	"strings"
	"sync"
)

// maxRemembered bounds the queries a Session remembers: enough to backspace
// through a word, at most a few megabytes of candidates each.
const maxRemembered = 8

// Session answers the queries of one search box as the user types. It
// remembers which claims matched its recent queries, with their scores word
// by word, and answers a query that narrows one of them (a word grew or was
// added, a filter was added or grew) by checking only those claims, and
// only the words that changed. Any change to the index makes it forget, so
// it never answers from stale claims. A Session is safe for concurrent use,
// though one box asks one question at a time.
type Session struct {
	ix         *Index
	mu         sync.Mutex
	gen        uint64
	remembered []*remembered // oldest first
}

// remembered is a query, every claim that matched it and the answer given.
type remembered struct {
	m     *matcher
	cands []cand
	limit int
	top   []hit
}

// NewSession starts a Session for one search box.
func (ix *Index) NewSession() *Session {
	return &Session{ix: ix}
}

// Search answers query as Index.Search does, from what the Session
// remembers when it can.
func (s *Session) Search(query string, limit int) ([]Result, error) {
	m := compile(ParseQuery(query))
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ix.mu.RLock()
	f := s.search(m, limit)
	s.ix.mu.RUnlock()
	return f.results()
}

// search finds m's best limit claims. Called under the index's read lock.
func (s *Session) search(m *matcher, limit int) found {
	if s.gen != s.ix.gen {
		// Slots may now hold other claims, or claims may have changed.
		for _, r := range s.remembered {
			putCands(r.cands)
		}
		s.remembered, s.gen = nil, s.ix.gen
	}
	if m.everything() {
		_, top := s.ix.scan(&scanJob{m: m, every: true, limit: limit})
		return s.ix.found(m, top)
	}
	if i := slices.IndexFunc(s.remembered, func(r *remembered) bool { return same(m, r.m) && r.limit == limit }); i >= 0 {
		// The same question again, as when a space is typed.
		r := s.remembered[i]
		s.remembered = append(slices.Delete(s.remembered, i, i+1), r)
		return s.ix.found(m, r.top)
	}
	job, from := s.plan(m, limit)
	if len(s.remembered) == maxRemembered {
		// Forget the oldest query now, so its list can take the new one.
		i := 0
		if s.remembered[0] == from {
			i = 1
		}
		s.forget(i)
	}
	cands, top := s.ix.scan(job)
	s.remember(&remembered{m: m, cands: cands, limit: limit, top: top})
	return s.ix.found(m, top)
}

// plan picks the cheapest way to answer m: over every claim, or over the
// claims of a remembered query that m narrows, resuming its scores; from
// is that query, or nil.
func (s *Session) plan(m *matcher, limit int) (job *scanJob, from *remembered) {
	job = &scanJob{m: m, every: true, limit: limit, keep: true}
	words := len(m.words)
	cost := len(s.ix.recs) * (words + 1)
	for _, r := range s.remembered {
		if !narrows(m, r.m) {
			continue
		}
		res, first := resumeFrom(m, r.m)
		c := len(r.cands) * (words - first + 1)
		if res == resumeExtend {
			c = len(r.cands) // only the added letters are looked for
		}
		if c < cost {
			cost = c
			job.every, job.from, job.resume, job.first = false, r.cands, res, first
			from = r
			job.old = ""
			if res == resumeExtend {
				job.old = r.m.words[first]
			}
		}
	}
	return job, from
}

// resumeFrom tells what m can take over of old's accumulated scores, given
// the words they share at the start, and from which word m must evaluate.
func resumeFrom(m, old *matcher) (resume, int) {
	n, k := len(old.words), 0
	for k < min(n, len(m.words)) && m.words[k] == old.words[k] {
		k++
	}
	switch {
	case k == n && len(m.words) == n:
		return resumeAll, n
	case k == n:
		return resumeAfter, n
	case k == n-1 && len(m.words) == n && strings.HasPrefix(m.words[k], old.words[k]):
		return resumeExtend, k
	case k == n-1 && len(m.words) >= n:
		return resumeBefore, k
	}
	return resumeNothing, 0
}

// remember adds r as the newest query, in place of an older one asking the
// same question.
func (s *Session) remember(r *remembered) {
	if i := slices.IndexFunc(s.remembered, func(old *remembered) bool { return same(r.m, old.m) }); i >= 0 {
		s.forget(i)
	}
	if len(s.remembered) == maxRemembered {
		s.forget(0)
	}
	s.remembered = append(s.remembered, r)
}

// forget drops the i-th remembered query and recycles its candidates.
func (s *Session) forget(i int) {
	putCands(s.remembered[i].cands)
	s.remembered = slices.Delete(s.remembered, i, i+1)
}

// same reports whether two matchers ask the same question, scores included.
func same(a, b *matcher) bool {
	return a.never == b.never && a.filters == b.filters && slices.Equal(a.words, b.words)
}

// narrows reports whether every claim matching m also matches old, so that
// old's matches are all the candidates m needs. That holds when each filter
// of old is a substring of m's filter on the same field, and each word of
// old is a subsequence of some word of m: text holding that word of m holds
// old's word too.
func narrows(m, old *matcher) bool {
	if old.never {
		return m.never
	}
	for f, v := range old.filters {
		if !strings.Contains(m.filters[f], v) {
			return false
		}
	}
	for _, w := range old.words {
		if !slices.ContainsFunc(m.words, func(mw string) bool { return subsequence(mw, w) }) {
			return false
		}
	}
	return true
}
