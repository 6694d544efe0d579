package search

import (
	"math"
	"strings"
	"unicode/utf8"
)

// Matching: a query compiled once, the cheap tests that rule a claim out,
// and how well each word is found in a claim and what that scores (which
// characters of a result's quote to mark: quotematches.go). Every text
// here is folded (see fold.go); positions are byte offsets into it.

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

// readsWordMasks reports whether matching reads a record's word masks
// (initials, singles): only a one-letter word does (matchWord).
func (m *matcher) readsWordMasks() bool {
	for _, w := range m.words {
		if len(w) == 1 && exactBit(w[0]) {
			return true
		}
	}
	return false
}

// holdsRunes reports whether a text whose runes are mask may hold every
// word: one lacking a rune of some word cannot.
func (m *matcher) holdsRunes(mask uint64) bool { return mask&m.mask == m.mask }

// admits applies the cheap tests: the rune mask first (most candidates that
// fail, fail there), then the filters.
func (m *matcher) admits(r *record) bool {
	if !m.holdsRunes(r.mask) || m.never {
		return false
	}
	for f, v := range m.filters {
		if v != "" && !strings.Contains(r.field(field(f)), v) {
			return false
		}
	}
	return true
}

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

// quotePoint is what a word earns more when the claim's quote holds it,
// the words the analyst selected, rather than only a field around them or
// the article's title: less than a tier's step, so it orders claims whose
// words were found equally well. A quote holds a word when the word's
// first occurrence is in it, contiguous or scattered: fields are read
// quote first.
const quotePoint = 1

// wordPoints is what one word found with tier t earns.
func wordPoints(t tier, quoted bool) int32 {
	if quoted {
		return int32(tierPoints[t] + quotePoint)
	}
	return int32(tierPoints[t])
}

// grownBound is the most points a word can earn where a word it extends
// earned old. Its occurrences are occurrences of the shorter word at the
// same places: one found only inside words stays inside, one only
// scattered stays scattered (in the same field or a later one), one at the
// start of a word may now be whole; and the quote holds it only if it held
// the shorter word. The quote point is what old holds below a tier's step.
func grownBound(old int32) int32 {
	quoted := old % int32(tierPoints[tierInside])
	if old-quoted >= int32(tierPoints[tierPrefix]) {
		return int32(tierPoints[tierWhole]) + quoted
	}
	return old
}

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

// add scores one more word found at pos with tier t (pos -1: scattered),
// held by the claim's quote or not.
func (a acc) add(t tier, pos int, quoted bool) acc {
	a.points += wordPoints(t, quoted)
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
	// alone tells that the word is known to occur nowhere after first,
	// so that a word grown from it can only be at first, and the rest of
	// the text need not be read again.
	alone bool
	// of is the query of its candidate's list whose last word this mark
	// is of, and whose scores the candidate holds (resume.go).
	of    uint8
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
		p := r.indexByte(w[0])
		if p < 0 {
			return a, mark{}, false
		}
		t, bit := tierInside, runeBit(rune(w[0]))
		if r.singles&bit != 0 {
			t = tierWhole
		} else if r.initials&bit != 0 {
			t = tierPrefix
		}
		return a.add(t, p, r.inQuote(p)), mark{first: int32(p)}, true
	}
	p := r.index(w, 0)
	if p >= 0 {
		t, _, alone := r.bestOccurrence(w, p)
		return a.add(t, p, r.inQuote(p)), mark{first: int32(p), alone: alone}, true
	}
	return scattered(r, w, a, 0)
}

// scattered matches w as a subsequence of one field, trying the fields from
// f on: the matching rule for a word that does not occur contiguously.
func scattered(r *record, w string, a acc, f field) (acc, mark, bool) {
	for ; f < numFields; f++ {
		text, lo, hi := r.within(f)
		if end := subsequenceEnd(text[:hi], w, lo); end >= 0 {
			return a.add(tierScattered, -1, f == fieldQuote), mark{first: -1, field: f, end: int32(end)}, true
		}
	}
	return a, mark{}, false
}

// extendWord is matchWord for a word w that extends old, whose match on
// r was mk. Every occurrence of w is an occurrence of old, so the search
// starts at old's first, and ends there when old occurred there alone.
// When old was only scattered, w is too: its greedy subsequence continues
// old's in the same field, and else can only be in a later field, since
// old was not in the earlier ones.
func extendWord(r *record, old, w string, a acc, mk mark) (acc, mark, bool) {
	if mk.first >= 0 {
		p := int(mk.first)
		text, at := r.at(p)
		switch there := strings.HasPrefix(text[at:], w); {
		case there && mk.alone:
			return a.add(tierAt(text, at, len(w)), p, r.inQuote(p)), mark{first: int32(p), alone: true}, true
		case !there && mk.alone:
			p = -1
		case !there:
			p = r.index(w, p+1)
		}
		if p >= 0 {
			t, _, alone := r.bestOccurrence(w, p)
			return a.add(t, p, r.inQuote(p)), mark{first: int32(p), alone: alone}, true
		}
		return scattered(r, w, a, 0) // w occurs nowhere contiguously
	}
	text, _, hi := r.within(mk.field)
	if end := subsequenceEnd(text[:hi], w[len(old):], int(mk.end)); end >= 0 {
		return a.add(tierScattered, -1, mk.field == fieldQuote), mark{first: -1, field: mk.field, end: int32(end)}, true
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

// Finding a word in folded text: contiguous occurrences, ranked by where
// they fall in words, and the subsequence rule of sahilm/fuzzy.

// occurrence finds the best contiguous occurrence of w in one field's text:
// its tier and byte position, the first of that tier. pos is -1 when w
// does not occur.
func occurrence(text, w string) (tier, int) {
	r := record{hay: text, quoteEnd: int32(len(text)), fields: noFields, of: untitled}
	p := r.index(w, 0)
	if p < 0 {
		return tierScattered, -1
	}
	t, pos, _ := r.bestOccurrence(w, p)
	return t, pos
}

// bestOccurrence is the best contiguous occurrence of w in the record's
// text, given its first occurrence p, and whether p is known to be the
// only one: a whole occurrence ends the search before the rest of the
// text is read. As w is valid UTF-8, it is only ever found where a rune
// starts.
func (r *record) bestOccurrence(w string, p int) (best tier, bestPos int, alone bool) {
	best, bestPos = tierScattered, -1
	found := 0
	for ; p >= 0; found++ {
		text, at := r.at(p)
		t := tierAt(text, at, len(w))
		if t == tierWhole {
			return t, p, false
		}
		if t > best {
			best, bestPos = t, p
		}
		p = r.index(w, p+1)
	}
	return best, bestPos, found == 1
}

// tierAt is the tier of an occurrence n bytes long at byte at of text.
func tierAt(text string, at, n int) tier {
	switch {
	case !wordStartsAt(text, at):
		return tierInside
	case wordEndsAt(text, at+n):
		return tierWhole
	}
	return tierPrefix
}

// window is the length of text index hands to strings.Index at a time.
const window = 64

// index is strings.Index(text[from:], w) + from, or -1. On a long text,
// strings.Index hops from one occurrence of w's first byte to the next,
// which is slow when that byte is a common letter; on a text of up to 64
// bytes (amd64) it compares many offsets at once instead. So index skips to
// the first byte once, then searches windows of 64 bytes that overlap by
// len(w)-1, so no occurrence falls between two. That halves the cost of
// short common words, the ones typed first.
func index(text, w string, from int) int {
	if len(w) >= window/2 {
		if i := strings.Index(text[from:], w); i >= 0 {
			return from + i
		}
		return -1
	}
	i := strings.IndexByte(text[from:], w[0])
	if i < 0 {
		return -1
	}
	step := window - len(w) + 1
	for lo := from + i; lo < len(text); lo += step {
		hi := min(lo+window, len(text))
		if i := strings.Index(text[lo:hi], w); i >= 0 {
			return lo + i
		}
		if hi == len(text) {
			break
		}
	}
	return -1
}

func wordStartsAt(text string, p int) bool {
	if p == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:p])
	return !isWordRune(r)
}

func wordEndsAt(text string, p int) bool {
	if p == len(text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[p:])
	return !isWordRune(r)
}

// subsequence is sahilm/fuzzy's matching rule over folded text: the runes of
// w occur in text in order. fuzzy.Find scans greedily (each pattern rune is
// taken at its first occurrence after the previous one), and greedy is exact
// for subsequences, so the answers agree; the tests check it. Searching
// with IndexByte/IndexRune skips most of the text, where fuzzy.Find scores
// every rune of every candidate. Both strings are valid UTF-8, so an encoded
// rune is only ever found at a rune boundary.
func subsequence(text, w string) bool {
	return subsequenceEnd(text, w, 0) >= 0
}

// subsequenceEnd matches w greedily as a subsequence of text from byte from
// and returns where the match ends, or -1 when w is not there.
func subsequenceEnd(text, w string, from int) int {
	for _, r := range w {
		var i int
		if r < utf8.RuneSelf {
			i = strings.IndexByte(text[from:], byte(r))
		} else {
			i = strings.IndexRune(text[from:], r)
		}
		if i < 0 {
			return -1
		}
		from += i + utf8.RuneLen(r)
	}
	return from
}
