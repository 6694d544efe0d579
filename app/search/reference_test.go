package search

import (
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/sahilm/fuzzy"
)

// corpus is the reference model of an index: the claims and article titles
// it should hold, searched the slow, obvious way.
type corpus struct {
	claims map[uint64]Entry // ArticleTitle empty
	titles map[uint64]string
}

func newCorpus() *corpus {
	return &corpus{claims: map[uint64]Entry{}, titles: map[uint64]string{}}
}

func (c *corpus) put(e Entry) {
	if e.ArticleTitle != "" {
		c.titles[e.ArticleID] = e.ArticleTitle
	}
	e.ArticleTitle = ""
	c.claims[e.ID] = e
}

func (c *corpus) removeArticle(id uint64) {
	delete(c.titles, id)
	for cid, e := range c.claims {
		if e.ArticleID == id {
			delete(c.claims, cid)
		}
	}
}

// candidateFields are the texts a claim's words are matched in, sanitised
// as the index stores them (fuzzy.Find stops at a NUL; the index reads on).
func candidateFields(e Entry, title string) []string {
	fs := [numFields]string{e.Quote, e.Label, e.Speaker, e.Target, e.Note, e.Annotator, title}
	for i := range fs {
		fs[i] = sanitize(fs[i])
	}
	return fs[:]
}

// search is plain fuzzy.Find per word over the fields of every claim (a
// word matches a claim when it matches one of its fields), intersected, then
// the filters as case-insensitive substrings: the IDs a search with no
// limit must return.
func (c *corpus) search(q Query) []uint64 {
	ids := slices.Sorted(maps.Keys(c.claims))
	var texts []string
	ok := make([]bool, len(ids))
	for i, id := range ids {
		texts = append(texts, candidateFields(c.claims[id], c.titles[c.claims[id].ArticleID])...)
		ok[i] = true
	}
	for _, w := range q.Words {
		found := make([]bool, len(ids))
		for _, m := range fuzzy.Find(w, texts) {
			found[m.Index/int(numFields)] = true
		}
		for i := range ok {
			ok[i] = ok[i] && found[i]
		}
	}
	var out []uint64
	for i, id := range ids {
		e := c.claims[id]
		if ok[i] && containsFold(e.Label, q.Label) && containsFold(e.Speaker, q.Speaker) &&
			containsFold(e.Target, q.Target) && containsFold(c.titles[e.ArticleID], q.Article) &&
			containsFold(e.Annotator, q.Annotator) {
			out = append(out, id)
		}
	}
	return out
}

// containsFold is a case-insensitive substring test by brute force with
// strings.EqualFold, independent of the package's folding.
func containsFold(s, sub string) bool {
	rs, subs := []rune(sanitize(s)), []rune(sanitize(sub))
	for i := 0; i+len(subs) <= len(rs); i++ {
		if strings.EqualFold(string(rs[i:i+len(subs)]), string(subs)) {
			return true
		}
	}
	return false
}

func resultIDs(rs []Result) []uint64 {
	out := make([]uint64, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

func sortedIDs(rs []Result) []uint64 {
	return slices.Sorted(slices.Values(resultIDs(rs)))
}

func loadCorpus(entries []Entry) (*Index, *corpus) {
	ix, c := NewIndex(), newCorpus()
	for _, e := range entries {
		ix.Put(e)
		c.put(e)
	}
	return ix, c
}

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

// trickyRunes mixes cases, folding oddities, separators, NUL, U+FFFD, RTL
// letters and combining marks, so random strings hit the edge cases.
var trickyRunes = []rune("aAbBkKsSeé\u212Aſ σΣς\nب ت\u0301-_./\\😀\x00\uFFFD")

func randomText(rng *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		if rng.IntN(40) == 0 {
			b.WriteByte(0xff) // invalid UTF-8
			continue
		}
		b.WriteRune(trickyRunes[rng.IntN(len(trickyRunes))])
	}
	return b.String()
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
