package search

import (
	"maps"
	"slices"
	"strings"

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
	fs := fields(e, title)
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
