package search

import "slices"

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
