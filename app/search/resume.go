package search

import "strings"

// Resuming: what a Session's scan takes over of a candidate's scores from
// the query that last evaluated it, and how high the candidate could still
// score, so that one that cannot reach the results is passed on unread.
//
// A candidate's scores belong to a query of its list's lineage (the
// queries the list was narrowed through, remembered.lineage). A scan that
// keeps only the best limit results need not read a candidate whose score
// cannot beat the worst result kept so far: it passes the candidate on
// unchanged, its scores still those of the earlier query, and a later
// query resumes from them. Typing on, most candidates are never read
// again: at "putin pr" the claims where "putin" was only scattered can
// score at most 32 (their order is broken already), and the results
// already score 57.

// resume says what a scan may take over of a candidate's scores.
type resume int

const (
	resumeNothing resume = iota // evaluate every word
	resumeBefore                // the words up to the last are the same: evaluate from the last
	resumeAfter                 // all the old words are kept: evaluate the new ones
	resumeAll                   // the same words: evaluate none
	resumeExtend                // the last old word grew: continue its match, then evaluate any new words
)

func (r resume) String() string {
	return [...]string{"nothing", "before", "after", "all", "extend"}[r]
}

// maxLineage bounds a list's lineage: a candidate names its query by a
// byte (mark.of). A scan from a list whose lineage is full reads every
// candidate, so that its list starts a lineage of its own.
const maxLineage = 256

// resumePlan is how a scan for one query resumes the candidates whose
// scores an earlier query worked out.
type resumePlan struct {
	resume resume
	first  int    // the first word to evaluate
	old    string // for resumeExtend: the word that grew
	fresh  int32  // the words evaluated from scratch (after the one that grew)
	words  int    // the query's words
}

// scratchPlan evaluates every word of m.
func scratchPlan(m *matcher) resumePlan {
	return resumePlan{resume: resumeNothing, fresh: int32(len(m.words)), words: len(m.words)}
}

// planResume is the plan for candidates scored by old, for query m.
func planResume(m, old *matcher) resumePlan {
	res, first := resumeFrom(m, old)
	p := resumePlan{resume: res, first: first, words: len(m.words)}
	p.fresh = int32(len(m.words) - first)
	switch res {
	case resumeAll, resumeAfter:
		p.fresh = int32(len(m.words) - len(old.words))
	case resumeExtend:
		p.old = old.words[first]
		p.fresh--
	}
	return p
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
	case k == n-1 && len(m.words) >= n && strings.HasPrefix(m.words[k], old.words[k]):
		return resumeExtend, k
	case k == n-1 && len(m.words) >= n:
		return resumeBefore, k
	}
	return resumeNothing, 0
}

// bound is the most c can score under the plan's query, from what its
// scores tell without reading its claim: the points already earned, the
// most a grown word can earn given how the shorter one was found
// (grownBound), a whole word in the quote for each word evaluated afresh,
// and the order bonus unless the order is already broken.
func (p *resumePlan) bound(c *cand) int32 {
	var a acc
	switch p.resume {
	case resumeAll, resumeAfter:
		a = c.after
	case resumeBefore:
		a = c.before
	case resumeExtend:
		a = c.before
		a.points += grownBound(c.after.points - c.before.points)
	default:
		a = start
	}
	a.points += p.fresh * wordPoints(tierWhole, true)
	return a.score(p.words)
}
