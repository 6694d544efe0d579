package search

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// withParallelMin runs the rest of a test with small scans split too.
func withParallelMin(t *testing.T, n int) {
	old := parallelMin
	parallelMin = n
	t.Cleanup(func() { parallelMin = old })
}

// oddEntries are claims whose text is hard on matching: scripts, case
// folding, NUL and invalid UTF-8.
func oddEntries(firstID uint64) []Entry {
	quotes := []string{
		"قال بيسكوف إن العقوبات غير قانونية",
		"Der \u212Aanzler sagte: STRAßE gesperrt",
		"Песков заявил, что НАТО провоцирует",
		"emoji 😀 claim with e\u0301 and ſ long s",
		"a NUL\x00inside and bad \xff byte",
		"ΣΊΣΥΦΟΣ said ς and σ",
	}
	var out []Entry
	for i, q := range quotes {
		out = append(out, Entry{ID: firstID + uint64(i), ArticleID: 9000, ArticleTitle: "Odd\x00 títle \xfe", Quote: q,
			Label: "denial", Speaker: "Дмитрий Песков", Target: "Straße", Annotator: "chloé"})
	}
	return out
}

// randomQuery makes query text from pieces of the corpus: whole words,
// prefixes, scattered letters, case changes, junk and filters.
func randomQuery(rng *rand.Rand, entries []Entry) string {
	var parts []string
	for range rng.IntN(4) {
		parts = append(parts, randomWord(rng, entries))
	}
	if rng.IntN(3) == 0 {
		parts = append(parts, randomFilter(rng, entries))
	}
	rng.Shuffle(len(parts), func(i, j int) { parts[i], parts[j] = parts[j], parts[i] })
	return strings.Join(parts, " ")
}

func randomWord(rng *rand.Rand, entries []Entry) string {
	e := entries[rng.IntN(len(entries))]
	src := []string{e.Quote, e.Quote, e.Speaker, e.Target, e.ArticleTitle, e.Label}[rng.IntN(6)]
	words := strings.Fields(sanitize(src))
	if len(words) == 0 {
		return "x"
	}
	w := []rune(words[rng.IntN(len(words))])
	switch rng.IntN(6) {
	case 0:
		w = w[:1+rng.IntN(len(w))] // a prefix
	case 1: // scattered letters
		var keep []rune
		for _, r := range w {
			if rng.IntN(2) == 0 {
				keep = append(keep, r)
			}
		}
		if len(keep) > 0 {
			w = keep
		}
	case 2:
		w = []rune(strings.ToUpper(string(w)))
	case 3: // junk
		w = []rune(randomText(rng, 1+rng.IntN(3)))
	}
	s := strings.Join(strings.Fields(strings.ReplaceAll(string(w), `"`, "")), "")
	if s == "" {
		return "y"
	}
	return s
}

func randomFilter(rng *rand.Rand, entries []Entry) string {
	e := entries[rng.IntN(len(entries))]
	key := filterKeys[rng.IntN(len(filterKeys))]
	value := map[string]string{"label": e.Label, "speaker": e.Speaker, "target": e.Target,
		"article": e.ArticleTitle, "annotator": e.Annotator}[key]
	rs := []rune(strings.ReplaceAll(sanitize(value), `"`, ""))
	if len(rs) > 0 {
		i := rng.IntN(len(rs))
		rs = rs[i : i+1+rng.IntN(len(rs)-i)]
	}
	v := strings.ToLower(string(rs))
	if rng.IntN(2) == 0 {
		v = strings.ToUpper(v)
	}
	return key + `:"` + v + `"`
}

func loadCorpus(entries []Entry) (*Index, *corpus) {
	ix, c := NewIndex(), newCorpus()
	for _, e := range entries {
		ix.Put(e)
		c.put(e)
	}
	return ix, c
}

func TestSearchFindsWhatFuzzyFindFinds(t *testing.T) {
	withParallelMin(t, 64)
	entries := append(newNewsGen(7).entries(1200), oddEntries(100000)...)
	ix, c := loadCorpus(entries)
	rng := rand.New(rand.NewPCG(11, 12))
	for range 200 {
		query := randomQuery(rng, entries)
		want := c.search(ParseQuery(query))
		all := ix.Search(query, 0)
		if got := sortedIDs(all); !slices.Equal(got, want) {
			t.Fatalf("Search(%q): %d results, fuzzy.Find finds %d\n got %v\nwant %v", query, len(got), len(want), head(got), head(want))
		}
		checkOrder(t, query, all)
		if top := ix.Search(query, 7); !reflect.DeepEqual(top, all[:min(7, len(all))]) {
			t.Fatalf("Search(%q, 7) is not the first 7 of Search(%q, 0)", query, query)
		}
	}
}

func TestSessionTypingMatchesOneShotSearch(t *testing.T) {
	withParallelMin(t, 64)
	entries := append(newNewsGen(8).entries(600), oddEntries(100000)...)
	ix, c := loadCorpus(entries)
	rng := rand.New(rand.NewPCG(13, 14))
	for range 25 {
		query := randomQuery(rng, entries)
		s := ix.NewSession()
		typed := ""
		for _, r := range query {
			typed += string(r)
			if got, want := s.Search(typed, 10), ix.Search(typed, 10); !reflect.DeepEqual(got, want) {
				t.Fatalf("typing %q: Session gives %v, Search gives %v", typed, resultIDs(got), resultIDs(want))
			}
		}
		for len(typed) > 0 { // and backspace all the way
			_, size := utf8.DecodeLastRuneInString(typed)
			typed = typed[:len(typed)-size]
			if got, want := sortedIDs(s.Search(typed, 0)), c.search(ParseQuery(typed)); !slices.Equal(got, want) {
				t.Fatalf("backspacing to %q: Session finds %d, fuzzy.Find %d", typed, len(got), len(want))
			}
		}
	}
}

// TestSessionEditingMatchesOneShotSearch edits queries anywhere, not just
// at the end: inserting and deleting characters and words, so a Session
// resumes from every kind of remembered query.
func TestSessionEditingMatchesOneShotSearch(t *testing.T) {
	withParallelMin(t, 64)
	entries := newNewsGen(9).entries(1000)
	ix, _ := loadCorpus(entries)
	rng := rand.New(rand.NewPCG(15, 16))
	alphabet := []rune("aeilnoprstu :\"")
	for range 30 {
		s := ix.NewSession()
		query := []rune(randomQuery(rng, entries))
		for range 25 {
			i := rng.IntN(len(query) + 1)
			if rng.IntN(3) == 0 && i < len(query) {
				query = append(query[:i], query[i+1:]...)
			} else {
				query = append(query[:i], append([]rune{alphabet[rng.IntN(len(alphabet))]}, query[i:]...)...)
			}
			limit := []int{0, 1, 10}[rng.IntN(3)]
			if got, want := s.Search(string(query), limit), ix.Search(string(query), limit); !reflect.DeepEqual(got, want) {
				t.Fatalf("editing to %q (limit %d): Session gives %v, Search gives %v", string(query), limit, resultIDs(got), resultIDs(want))
			}
		}
	}
}

// TestSessionResumes walks query sequences that take each way of resuming
// a remembered query, including narrowing to fewer words ("putin p" is
// narrowed by "putin", whose word holds the p).
func TestSessionResumes(t *testing.T) {
	ix, _ := loadCorpus(rankingCorpus())
	for _, steps := range [][]string{
		{"putin p", "putin", "putin t", "putin tr"},
		{"putin p", "putin", "putint", "putin"},
		{"pr tr", "pra tr", "prai tr", "praised trump"},
		{"label:den", "label:denial", "label:denial p", "label:denial pe speaker:dm"},
		{"trump", "trump ", "trump p", "trump pu", "trump p", "trump"},
	} {
		s := ix.NewSession()
		for i, q := range steps {
			limit := 1 + i%3 // vary the limit so no answer is simply reused
			if got, want := s.Search(q, limit), ix.Search(q, limit); !reflect.DeepEqual(got, want) {
				t.Errorf("after %q: Session(%q) = %v, Search = %v", steps[:i], q, got, want)
			}
		}
	}
}

// checkOrder verifies results come best first: by Score, then recency, then id.
func checkOrder(t *testing.T, query string, rs []Result) {
	t.Helper()
	for i := 1; i < len(rs); i++ {
		a, b := rs[i-1], rs[i]
		ka := hit{score: int32(a.Score), updated: rankTime(a.Updated), id: a.ID}
		kb := hit{score: int32(b.Score), updated: rankTime(b.Updated), id: b.ID}
		if !better(ka, kb) {
			t.Fatalf("Search(%q): result %d (id %d, score %d) before %d (id %d, score %d)", query, i-1, a.ID, a.Score, i, b.ID, b.Score)
		}
	}
}

func head(ids []uint64) []uint64 { return ids[:min(len(ids), 12)] }
