package search

import "strings"

// matcher is a compiled Query: words and filter values folded once.
type matcher struct {
	words   []string // folded
	raw     []string // as typed, for fuzzy.Find when marking matches
	mask    uint64   // every rune bit of every word
	filters [numFields]string
	never   bool // a word fuzzy.Find can never match (it holds a NUL)
}

// compile folds q for matching.
func compile(q Query) *matcher {
	m := &matcher{raw: q.Words}
	for _, w := range q.Words {
		f, mask, ok := foldWord(w)
		if !ok {
			m.never = true
		}
		m.words = append(m.words, f)
		m.mask |= mask
	}
	m.filters[fieldLabel] = foldText(q.Label)
	m.filters[fieldSpeaker] = foldText(q.Speaker)
	m.filters[fieldTarget] = foldText(q.Target)
	m.filters[fieldTitle] = foldText(q.Article)
	m.filters[fieldAnnotator] = foldText(q.Annotator)
	return m
}

// everything reports whether m lets every claim through.
func (m *matcher) everything() bool {
	if len(m.words) > 0 {
		return false
	}
	for _, v := range m.filters {
		if v != "" {
			return false
		}
	}
	return true
}

// admits applies the cheap tests: the rune mask first (most candidates that
// fail, fail there), then the filters.
func (m *matcher) admits(r *record) bool {
	if r.mask&m.mask != m.mask || m.never {
		return false
	}
	for f, v := range m.filters {
		if v != "" && !strings.Contains(r.field(field(f)), v) {
			return false
		}
	}
	return true
}
