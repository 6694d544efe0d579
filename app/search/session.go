package search

import (
	"slices"
	"strings"
	"sync"
)

// maxRemembered bounds the queries a Session remembers: enough to backspace
// through a word.
const maxRemembered = 8

// rememberedClaims bounds the candidates a Session holds, as so many times
// the claims of the index: at a million claims the list of a short word
// holds most of them, 30 MB, and candidates passed on unread keep lists
// long, so eight lists could hold 250 MB. Six times holds what eight lists
// held before candidates were passed on (~190 MB at a million claims): the
// lists of the last five to seven keys, to narrow from when a backspace is
// followed by another letter. The newest list is always kept.
const rememberedClaims = 6

// Session answers the queries of one search box as the user types. It
// remembers which claims matched its recent queries, with their scores word
// by word, and answers a query that narrows one of them (a word grew or was
// added, a filter was added or grew) by checking only those claims, and
// only the words that changed; a claim that cannot reach the answer is
// passed on unread (resume.go). Any change to the index makes it forget,
// so it never answers from stale claims. A Session is safe for concurrent use,
// though one box asks one question at a time.
type Session struct {
	ix         *Index
	mu         sync.Mutex
	gen        uint64
	remembered []*remembered // oldest first
	answers    []answer      // oldest first
}

// remembered is a query and the claims that may match it. Every claim that
// matches is among the candidates; so are those a scan passed on unread,
// which only matched an earlier query of the lineage, the queries the list
// was narrowed through (resume.go).
type remembered struct {
	m       *matcher
	cands   []cand
	lineage []*matcher // m last; a candidate's mark.of is its place here
}

// maxAnswers bounds the answers a Session remembers apart from its lists,
// so that a backspace to any of the last so many queries is answered at
// once, though most of their lists were forgotten: an answer is a few
// kilobytes, a list at a million claims tens of megabytes, and backspacing
// past the lists kept cost 0.3–0.4 s a key.
const maxAnswers = 64

// answer is the best hits of a query, for one limit.
type answer struct {
	m     *matcher
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
		s.remembered, s.answers, s.gen = nil, nil, s.ix.gen
	}
	if i := slices.IndexFunc(s.answers, func(a answer) bool { return same(m, a.m) && a.limit == limit }); i >= 0 {
		// The same question again: a space typed, or a backspace. Its
		// list, when kept, is the one to narrow from next.
		s.answers = toNewest(s.answers, i)
		if i := slices.IndexFunc(s.remembered, func(r *remembered) bool { return same(m, r.m) }); i >= 0 {
			s.remembered = toNewest(s.remembered, i)
		}
		return s.ix.found(m, s.answers[len(s.answers)-1].top)
	}
	if m.everything() {
		_, top := s.ix.scan(newScanJob(m, limit))
		s.answered(answer{m: m, limit: limit, top: top})
		return s.ix.found(m, top)
	}
	job, from := s.plan(m, limit)
	lineage := []*matcher{m}
	if from != nil && job.pass {
		lineage = append(slices.Clip(from.lineage), m)
	}
	if len(s.remembered) == maxRemembered {
		// Forget the oldest query now, so its list can take the new one.
		i := 0
		if s.remembered[0] == from {
			i = 1
		}
		s.forget(i)
	}
	cands, top := s.ix.scan(job)
	s.remember(&remembered{m: m, cands: cands, lineage: lineage})
	s.answered(answer{m: m, limit: limit, top: top})
	return s.ix.found(m, top)
}

// plan picks the cheapest way to answer m: over every claim, or over the
// candidates of a remembered query that m narrows, resuming their scores;
// from is that query, or nil.
func (s *Session) plan(m *matcher, limit int) (job *scanJob, from *remembered) {
	job = newScanJob(m, limit)
	job.keep = true
	words := len(m.words)
	cost := len(s.ix.recs) * (words + 1)
	for _, r := range s.remembered {
		if !narrows(m, r.m) {
			continue
		}
		res, first := resumeFrom(m, r.m)
		c := len(r.cands) * (words - first + 1)
		if res == resumeExtend {
			c = len(r.cands) * (words - first) // the grown word costs little
		}
		if c < cost {
			cost, from = c, r
		}
	}
	if from == nil {
		return job, nil
	}
	job.every, job.from = false, from.cands
	job.plans = make([]resumePlan, len(from.lineage))
	for i, old := range from.lineage {
		job.plans[i] = planResume(m, old)
	}
	// A full lineage is not extended: every candidate is read, and the
	// list made starts a lineage of its own.
	if job.pass = len(from.lineage) < maxLineage; job.pass {
		job.of = uint8(len(from.lineage))
	}
	return job, from
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
	for s.held() > rememberedClaims*len(s.ix.recs) && len(s.remembered) > 1 {
		s.forget(0)
	}
}

// held is the candidates the remembered lists hold room for.
func (s *Session) held() int {
	n := 0
	for _, r := range s.remembered {
		n += cap(r.cands)
	}
	return n
}

// toNewest moves the i-th of a list kept oldest first to its end.
func toNewest[T any](list []T, i int) []T {
	v := list[i]
	return append(slices.Delete(list, i, i+1), v)
}

// answered adds a as the newest answer.
func (s *Session) answered(a answer) {
	if len(s.answers) == maxAnswers {
		s.answers = slices.Delete(s.answers, 0, 1)
	}
	s.answers = append(s.answers, a)
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
