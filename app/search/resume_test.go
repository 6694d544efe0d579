package search

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// TestResumingAgreesWithScratch edits queries in a Session with small
// limits, so that scans pass candidates on unread, and before each query
// checks every candidate the Session would read: resumed from the scores
// of whichever query of its lineage last evaluated it, it matches as it
// does evaluated from scratch, with the same scores, and never above the
// bound that let it be passed on.
func TestResumingAgreesWithScratch(t *testing.T) {
	withParallelMin(t, 64)
	entries := append(newNewsGen(31).entries(800), oddEntries(100000)...)
	ix, _ := loadCorpus(entries)
	rng := rand.New(rand.NewPCG(32, 33))
	alphabet := []rune("aeilnoprstu \"")
	checked, stale := 0, 0
	for range 20 {
		s := ix.NewSession()
		query := []rune(randomQuery(rng, entries))
		for range 30 {
			if i := rng.IntN(len(query) + 1); rng.IntN(4) == 0 && i < len(query) {
				query = append(query[:i], query[i+1:]...)
			} else if rng.IntN(3) == 0 {
				query = append(query[:i], append([]rune{alphabet[rng.IntN(len(alphabet))]}, query[i:]...)...)
			} else {
				query = append(query, alphabet[rng.IntN(len(alphabet))])
			}
			limit := []int{1, 3, 10}[rng.IntN(3)]
			m := compile(ParseQuery(string(query)))
			if job, from := s.plan(m, limit); from != nil {
				newest := uint8(len(from.lineage) - 1)
				for _, c := range job.from {
					if c.last.of != newest {
						stale++
					}
					checkResume(t, ix, job, c)
					checked++
				}
			}
			if got, want := results(t, s, string(query), limit), results(t, ix, string(query), limit); !reflect.DeepEqual(got, want) {
				t.Fatalf("editing to %q (limit %d): Session gives %v, Search gives %v", string(query), limit, resultIDs(got), resultIDs(want))
			}
		}
	}
	if stale == 0 {
		t.Fatalf("of %d candidates checked, none had been passed on unread: the test checks nothing", checked)
	}
	t.Logf("%d candidates checked, %d of them passed on unread before", checked, stale)
}

// checkResume evaluates c for job as a scan would and from scratch.
func checkResume(t *testing.T, ix *Index, job *scanJob, c cand) {
	t.Helper()
	r := &ix.recs[c.slot]
	p := &job.plans[c.last.of]
	resumed, fresh := c, cand{slot: c.slot}
	ok := job.eval(r, &resumed, p)
	if want := job.eval(r, &fresh, &job.scratch); ok != want {
		t.Fatalf("query %q, claim %d: resumed (%v) matches %v, from scratch %v", job.m.words, r.id, p.resume, ok, want)
	}
	if !ok {
		return
	}
	words := len(job.m.words)
	if resumed.after != fresh.after || (words > 0 && resumed.before != fresh.before) {
		t.Fatalf("query %q, claim %d: resumed (%v) scores %+v/%+v, from scratch %+v/%+v",
			job.m.words, r.id, p.resume, resumed.before, resumed.after, fresh.before, fresh.after)
	}
	if score, bound := fresh.after.score(words), p.bound(&c); score > bound {
		t.Fatalf("query %q, claim %d: scores %d, above its bound %d (%v from %+v/%+v)",
			job.m.words, r.id, score, bound, p.resume, c.before, c.after)
	}
}

// TestLineageStartsAgainWhenFull types one narrowing query after another
// for longer than a lineage can name, and checks that the answers stay
// right when the list starts a lineage of its own.
func TestLineageStartsAgainWhenFull(t *testing.T) {
	ix, _ := loadCorpus(newNewsGen(34).entries(25))
	s := ix.NewSession()
	longest := 0
	query := strings.Repeat("pu ti ", 150)
	for i := range query {
		typed := query[:i+1]
		if got, want := results(t, s, typed, 2), results(t, ix, typed, 2); !reflect.DeepEqual(got, want) {
			t.Fatalf("typing %d characters: Session gives %v, Search gives %v", i+1, resultIDs(got), resultIDs(want))
		}
		newest := s.remembered[len(s.remembered)-1]
		longest = max(longest, len(newest.lineage))
	}
	newest := s.remembered[len(s.remembered)-1]
	if longest != maxLineage || len(newest.lineage) >= maxLineage {
		t.Errorf("the longest lineage was %d, the last %d: want %d, then shorter", longest, len(newest.lineage), maxLineage)
	}
}

// FuzzSessionAgreesWithSearch types a query key by key in a Session with a
// small limit, so that candidates are passed on unread, then edits it into
// a second query key by key from the prefix they share, and checks every
// answer against one-shot search.
func FuzzSessionAgreesWithSearch(f *testing.F) {
	for _, seed := range []struct {
		typed, edited string
		limit         uint8
	}{
		{"putin praised t", "putin pr", 3},
		{"label:denial ne", "label:den p", 2},
		{"lavrov sanc", "lavrov s nato", 5},
		{"trump", "trump putin", 1},
		{`"praised trump" p`, `"praised t" peskov`, 4},
	} {
		f.Add(seed.typed, seed.edited, seed.limit)
	}
	ix, _ := loadCorpus(append(newNewsGen(51).entries(300), oddEntries(100000)...))
	f.Fuzz(func(t *testing.T, typed, edited string, limit uint8) {
		if len(typed)+len(edited) > 80 {
			t.Skip("every key is a search: a long query only takes longer")
		}
		n := 1 + int(limit%12)
		s := ix.NewSession()
		check := func(query string) {
			if got, want := results(t, s, query, n), results(t, ix, query, n); !reflect.DeepEqual(got, want) {
				t.Fatalf("%q (limit %d): Session gives %v, Search gives %v", query, n, resultIDs(got), resultIDs(want))
			}
		}
		for i := range typed {
			check(typed[:i+1])
		}
		shared := 0
		for shared < min(len(typed), len(edited)) && typed[shared] == edited[shared] {
			shared++
		}
		for i := shared; i < len(edited); i++ {
			check(edited[:i+1])
		}
	})
}
