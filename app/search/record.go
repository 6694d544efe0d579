package search

import (
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"claimdesk/storage"
)

// field names the searchable parts of a claim, in their order in a record.
// A byte, so that a candidate is 32 bytes, not 48 (TestCandidateIsSmall).
type field uint8

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

// record is what a search reads of one claim: its folded fields, its
// article's folded title, its rune masks and what ranking needs. It is kept
// apart from the Entry, so a scan walks a compact slice.
//
// A record reads as one text: the claim's fields joined by fieldSeparator,
// then fieldSeparator and the title. Positions count through it so. Only
// the quote and the note are the record's own; the label, speaker, target
// and annotator, which a store repeats claim after claim, are values the
// records share (fieldSet), and the title is held once per article.
type record struct {
	hay      string   // the folded quote, fieldSeparator, the folded note; "" marks a free slot
	quoteEnd int32    // where the quote ends in hay
	of       *article // the claim's article, shared by its records
	fields   fieldSet // the label, speaker, target and annotator, each shared
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

// or adds the runes of another text, joined to this one by a separator.
func (m runeMasks) or(o runeMasks) runeMasks {
	return runeMasks{m.mask | o.mask, m.initials | o.initials, m.singles | o.singles}
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

// newRecord folds e's fields into a record of article of, with fields
// holding e's label, speaker, target and annotator.
func newRecord(e Entry, fields fieldSet, of *article) record {
	r := record{fields: fields, of: of}
	buf, _ := r.foldOwn(make([]byte, 0, len(e.Quote)+1+len(e.Note)), e.Quote, e.Note)
	r.setText(string(buf))
	r.updated = rankTime(e.Updated)
	r.id = e.ID
	return r
}

// entryRecord is newRecord with e's four shared fields held by the record
// alone, for a record that lives no longer than a search.
func entryRecord(e Entry, of *article) record {
	return newRecord(e, newFieldSet(e.Label, e.Speaker, e.Target, e.Annotator), of)
}

// foldStored appends to buf what newRecord folds of a stored claim of
// article of, whose shared fields are fields, and fills in everything but
// the text and its masks: the caller sets those from buf (setText), copying
// it or not. mask is the runeBit of every rune appended.
func (r *record) foldStored(buf []byte, c *storage.Claim, fields fieldSet, of *article) (_ []byte, mask uint64) {
	r.fields, r.of = fields, of
	r.updated = rankTime(c.Updated)
	r.id = c.ID
	return r.foldOwn(buf, c.Quote, c.Note)
}

// remask sets the masks again after the article's title changed.
func (r *record) remask() { r.setText(r.hay) }

// foldOwn appends the folded quote and note to buf, joined by
// fieldSeparator, records where the quote ends, and returns the runeBit
// of every rune appended.
func (r *record) foldOwn(buf []byte, quote, note string) (_ []byte, mask uint64) {
	buf, quoteMask := appendFoldedMask(buf, quote)
	r.quoteEnd = int32(len(buf))
	buf = append(buf, fieldSeparator)
	buf, noteMask := appendFoldedMask(buf, note)
	return buf, quoteMask | runeBit(fieldSeparator) | noteMask
}

// textRecord is the record of a bare text, such as an article title: a
// claim with nothing but a quote.
func textRecord(text string) record {
	return newRecord(Entry{Quote: text}, noFields, untitled)
}

// setText sets the record's own folded fields and the masks of the whole
// text, the shared fields and the title included.
func (r *record) setText(hay string) {
	r.hay = hay
	r.runeMasks = r.fields.masks().or(r.of.masks)
	r.add(hay)
}

// runesWith is the rune mask of the record's whole text, given own, the
// runes of its own text (which folding it makes): what setText works out,
// without the word masks.
func (r *record) runesWith(own uint64) uint64 {
	return own | r.fields.masks().mask | r.of.masks.mask
}

// setTextRunes is setText for a matcher that does not read the word
// masks (matcher.readsWordMasks): mask is runesWith of hay's runes, and
// the word masks are left empty, which a search over the stored claims
// would have worked out for every claim and never read.
func (r *record) setTextRunes(hay string, mask uint64) {
	r.hay = hay
	r.runeMasks = runeMasks{mask: mask}
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
	switch f {
	case fieldQuote:
		return r.hay[:r.quoteEnd]
	case fieldLabel:
		return r.fields.label.text
	case fieldSpeaker:
		return r.fields.speaker.text
	case fieldTarget:
		return r.fields.target.text
	case fieldNote:
		if int(r.quoteEnd) == len(r.hay) {
			return "" // a bare text's record (occurrence)
		}
		return r.hay[r.quoteEnd+1:]
	case fieldAnnotator:
		return r.fields.annotator.text
	}
	return r.of.title
}

// within returns the string holding field f, and where f lies in it.
func (r *record) within(f field) (text string, lo, hi int) {
	text = r.field(f)
	return text, 0, len(text)
}

// at returns the field holding position p of the record's text, and p
// within it.
func (r *record) at(p int) (string, int) {
	for f := fieldQuote; f < fieldTitle; f++ {
		text := r.field(f)
		if p < len(text) {
			return text, p
		}
		p -= len(text) + 1
	}
	return r.of.title, p
}

// index is the position of w in the record's text at or after from, or
// -1. No occurrence spans a separator: a word never holds it.
func (r *record) index(w string, from int) int {
	start := 0
	for f := fieldQuote; f < numFields; f++ {
		text := r.field(f)
		if from < start+len(text) {
			if i := index(text, w, max(from-start, 0)); i >= 0 {
				return start + i
			}
		}
		start += len(text) + 1
	}
	return -1
}

// inQuote reports whether position p of the record's text is in its quote.
func (r *record) inQuote(p int) bool { return p < int(r.quoteEnd) }

// indexByte is the first position of b in the record's text, or -1.
func (r *record) indexByte(b byte) int {
	start := 0
	for f := fieldQuote; f < numFields; f++ {
		text := r.field(f)
		if i := strings.IndexByte(text, b); i >= 0 {
			return start + i
		}
		start += len(text) + 1
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
