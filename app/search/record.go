package search

import (
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"claimdesk/storage"
)

// field names the searchable parts of a claim, in their order in a record.
type field int

const (
	fieldQuote field = iota
	fieldLabel
	fieldSpeaker
	fieldTarget
	fieldNote
	fieldAnnotator
	fieldTitle
	numFields
)

// fieldSeparator joins the fields in a record's text. A query word never
// holds it (words are split at white space, phrases keep single spaces), so
// a contiguous occurrence never runs from one field into the next, and it
// ends words.
const fieldSeparator = '\n'

// record is what a search reads of one claim: its folded fields and where
// they end, its article's folded title, its rune masks and what ranking
// needs. It is kept apart from the Entry, so a scan walks a compact slice.
//
// A record reads as one text: the claim's fields joined by fieldSeparator,
// then fieldSeparator and the title. Positions count through it so; the
// title is kept once per article rather than after every claim (a tenth
// of what a million claims hold).
type record struct {
	hay  string   // the claim's folded fields joined by fieldSeparator; "" marks a free slot
	of   *article // the claim's article, shared by its records
	ends [fieldTitle]int32
	runeMasks
	updated int64 // Entry.Updated as rankTime orders it
	id      uint64
}

// runeMasks tell which runes a text holds, for ruling a record out
// before matching it.
type runeMasks struct {
	mask     uint64 // runeBit of every rune of the text
	initials uint64 // runeBit of every rune that starts a word
	singles  uint64 // runeBit of every word one rune long
}

// article is what the records of one article's claims share: its id and
// folded title, held once (a million records each holding both cost 16 MB
// more), and the title's masks, worked out once rather than for each of
// its claims (they were a fifth of loading the index). Retitling an
// article changes them here, and then its records' masks (remask).
type article struct {
	id    uint64
	title string    // folded
	masks runeMasks // the title's alone
}

// titled is a new article with id and title, the title folded.
func titled(id uint64, title string) *article {
	of := &article{id: id}
	of.retitle(foldText(title))
	return of
}

// retitle gives the article a new folded title.
func (a *article) retitle(folded string) {
	a.title = folded
	a.masks = runeMasks{}
	a.masks.add(folded)
}

// untitled is the article of records that stand for a bare text: it is
// never retitled.
var untitled = &article{}

// newRecord folds e's fields into a record of article of.
func newRecord(e Entry, of *article) record {
	fs := [...]string{e.Quote, e.Label, e.Speaker, e.Target, e.Note, e.Annotator}
	size := len(fs)
	for _, f := range fs {
		size += len(f)
	}
	r := record{of: of}
	buf := r.fold(make([]byte, 0, size), fs[:])
	r.setText(string(buf))
	r.updated = rankTime(e.Updated)
	r.id = e.ID
	return r
}

// foldStored appends to buf what newRecord folds of a stored claim of
// article of, and fills in everything but the text and its masks: the
// caller sets those from buf (setText), copying it or not.
func (r *record) foldStored(buf []byte, c *storage.Claim, of *article) []byte {
	fs := [...]string{c.Quote, c.Label, c.Speaker, c.Target, c.Note, c.Annotator}
	r.of = of
	r.updated = rankTime(c.Updated)
	r.id = c.ID
	return r.fold(buf, fs[:])
}

// remask sets the masks again after the article's title changed.
func (r *record) remask() { r.setText(r.hay) }

// fold appends the folded claim fields fs to buf, joined by
// fieldSeparator, and records where each ends.
func (r *record) fold(buf []byte, fs []string) []byte {
	for i, f := range fs {
		if i > 0 {
			buf = append(buf, fieldSeparator)
		}
		buf = appendFolded(buf, f)
		r.ends[i] = int32(len(buf))
	}
	return buf
}

// textRecord is the record of a bare text, such as an article title: a
// claim with nothing but a quote.
func textRecord(text string) record {
	return newRecord(Entry{Quote: text}, untitled)
}

// setText sets the folded claim fields and the masks of the whole text,
// the title included.
func (r *record) setText(hay string) {
	r.hay = hay
	r.runeMasks = r.of.masks
	r.add(hay)
}

// add adds the runes and words of text to the masks. Texts are joined by
// a separator, which ends words: each text's masks can be added apart.
func (r *runeMasks) add(text string) {
	inWord, runes := false, 0
	var first rune
	for i := 0; i < len(text); {
		// ASCII without decoding: most of every text.
		c, size := rune(text[i]), 1
		if c >= utf8.RuneSelf {
			c, size = utf8.DecodeRuneInString(text[i:])
		}
		i += size
		bit := runeBit(c)
		r.mask |= bit
		word := isWordRune(c)
		if word && !inWord {
			r.initials |= bit
			first, runes = c, 0
		}
		if !word && inWord && runes == 1 {
			r.singles |= runeBit(first)
		}
		inWord = word
		runes++
	}
	if inWord && runes == 1 {
		r.singles |= runeBit(first)
	}
}

// field returns the folded text of one field.
func (r *record) field(f field) string {
	text, lo, hi := r.within(f)
	return text[lo:hi]
}

// within returns the string holding field f, and where f lies in it.
func (r *record) within(f field) (text string, lo, hi int) {
	if f == fieldTitle {
		return r.of.title, 0, len(r.of.title)
	}
	if f > 0 {
		lo = int(r.ends[f-1]) + 1
	}
	return r.hay, lo, int(r.ends[f])
}

// titleAt is where the title starts in the record's text.
func (r *record) titleAt() int { return len(r.hay) + 1 }

// at returns the string holding position p of the record's text, and p
// within it.
func (r *record) at(p int) (string, int) {
	if p < r.titleAt() {
		return r.hay, p
	}
	return r.of.title, p - r.titleAt()
}

// index is the position of w in the record's text at or after from, or
// -1. No occurrence spans the separator before the title: a word never
// holds it.
func (r *record) index(w string, from int) int {
	if from < len(r.hay) {
		if i := index(r.hay, w, from); i >= 0 {
			return i
		}
	}
	if t := max(from-r.titleAt(), 0); t < len(r.of.title) {
		if i := index(r.of.title, w, t); i >= 0 {
			return r.titleAt() + i
		}
	}
	return -1
}

// indexByte is the first position of b in the record's text, or -1.
func (r *record) indexByte(b byte) int {
	if i := strings.IndexByte(r.hay, b); i >= 0 {
		return i
	}
	if i := strings.IndexByte(r.of.title, b); i >= 0 {
		return r.titleAt() + i
	}
	return -1
}

// rankTime orders times as int64 nanoseconds. Unlike UnixNano it is defined
// for every time: the zero time (never updated) sorts before all others, and
// times beyond the years 1678–2262 are clamped.
func rankTime(t time.Time) int64 {
	if t.IsZero() {
		return math.MinInt64
	}
	const limit int64 = math.MaxInt64/1_000_000_000 - 1
	s := min(max(t.Unix(), -limit), limit)
	return s*1e9 + int64(t.Nanosecond())
}
