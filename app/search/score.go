package search

import (
	"math"
	"strings"
)

// tier is how well one query word was found in a text.
type tier int

const (
	tierScattered tier = iota // only as a subsequence: p·u·t·i·n
	tierInside                // contiguous inside a word: "uti" in "putin"
	tierPrefix                // at the start of a word: "put" in "putin"
	tierWhole                 // as a whole word
)

// tierPoints and inOrderBonus make up a Score. A whole word outranks a
// prefix, a prefix outranks a fragment; words found in the typed order add
// less than one step, so they break ties within the same tiers.
var tierPoints = [...]int{tierScattered: 0, tierInside: 10, tierPrefix: 20, tierWhole: 30}

const inOrderBonus = 5

// acc accumulates the score of a claim word by word, so that a Session can
// resume from the words a new query shares with the last one.
type acc struct {
	points int32
	last   int32 // position of the previous word's occurrence; brokenOrder once out of order
}

// brokenOrder marks an acc whose words were not all found in typed order.
const brokenOrder = math.MaxInt32

// start is the acc before any word.
var start = acc{last: -1}

// add scores one more word found at pos with tier t (pos -1: scattered).
func (a acc) add(t tier, pos int) acc {
	a.points += int32(tierPoints[t])
	if pos < 0 || int32(pos) <= a.last {
		a.last = brokenOrder
	} else if a.last != brokenOrder {
		a.last = int32(pos)
	}
	return a
}

// score is the final score of a claim whose words accumulated to a.
func (a acc) score(words int) int32 {
	if words > 1 && a.last != brokenOrder {
		return a.points + inOrderBonus
	}
	return a.points
}

// mark remembers how the last word of a query matched a claim, so that the
// next keystroke, which usually extends that word, resumes instead of
// searching the text again.
type mark struct {
	first int32 // first contiguous occurrence, or -1
	field field // when there is none: the first field holding the word,
	end   int32 // and where its greedy subsequence ended there
}

// matchWord tells whether word w matches r's text and adds it to a. Words
// are placed by their first occurrence, so that "in typed order" costs one
// search; they are ranked by their best.
func matchWord(r *record, w string, a acc) (acc, mark, bool) {
	if len(w) == 1 && exactBit(w[0]) {
		// One letter or digit: the masks tell its tier without reading the
		// text, and the first occurrence is one IndexByte away.
		p := strings.IndexByte(r.hay, w[0])
		if p < 0 {
			return a, mark{}, false
		}
		t, bit := tierInside, runeBit(rune(w[0]))
		if r.singles&bit != 0 {
			t = tierWhole
		} else if r.initials&bit != 0 {
			t = tierPrefix
		}
		return a.add(t, p), mark{first: int32(p)}, true
	}
	p := index(r.hay, w, 0)
	if p >= 0 {
		t, _ := bestOccurrence(r.hay, w, p)
		return a.add(t, p), mark{first: int32(p)}, true
	}
	return scattered(r, w, a, 0)
}

// scattered matches w as a subsequence of one field, trying the fields from
// f on: the matching rule for a word that does not occur contiguously.
func scattered(r *record, w string, a acc, f field) (acc, mark, bool) {
	for ; f < numFields; f++ {
		lo, hi := r.span(f)
		if end := subsequenceEnd(r.hay[:hi], w, lo); end >= 0 {
			return a.add(tierScattered, -1), mark{first: -1, field: f, end: int32(end)}, true
		}
	}
	return a, mark{}, false
}

// extendWord is matchWord for a word w that extends old, whose match on
// r was mk. Every occurrence of w is an occurrence of old, so the search
// starts at old's first. When old was only scattered, w is too: its greedy
// subsequence continues old's in the same field, and else can only be in a
// later field, since old was not in the earlier ones.
func extendWord(r *record, old, w string, a acc, mk mark) (acc, mark, bool) {
	text := r.hay
	if mk.first >= 0 {
		p := int(mk.first)
		if !strings.HasPrefix(text[p:], w) {
			p = nextOccurrence(text, w, p+1)
		}
		if p >= 0 {
			t, _ := bestOccurrence(text, w, p)
			return a.add(t, p), mark{first: int32(p)}, true
		}
		return scattered(r, w, a, 0) // w occurs nowhere contiguously
	}
	_, hi := r.span(mk.field)
	if end := subsequenceEnd(text[:hi], w[len(old):], int(mk.end)); end >= 0 {
		return a.add(tierScattered, -1), mark{first: -1, field: mk.field, end: int32(end)}, true
	}
	return scattered(r, w, a, mk.field+1)
}

// scoreWords tells whether every word matches r fuzzily and scores how.
func scoreWords(r *record, words []string) (int, bool) {
	a := start
	for _, w := range words {
		var ok bool
		if a, _, ok = matchWord(r, w, a); !ok {
			return 0, false
		}
	}
	return int(a.score(len(words))), true
}
