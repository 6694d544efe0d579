package suggest

import (
	"cmp"
	"math"
	"slices"
	"unsafe"
)

// Propagation: a quote labelled in one article is proposed wherever the
// same or nearly the same words appear in another (syndicated news, where
// agencies' copy is trimmed and reworded a little). Quotes are compared by
// their word 3-grams ("shingles"): a stretch of the other article that
// holds at least minShareShared of a labelled quote's shingles, in a run
// no longer than the quote allows, is proposed with its label, speaker and
// target.
const (
	shingleWords   = 3
	minShareShared = 0.8
)

// maxHolders is how many labelled quotes may hold a shingle before it is
// a set phrase ("the United States", "according to a"): one that many
// quotes share says nothing of which quote is repeated, and listing its
// holders for every article opened cost seconds at a million claims (on
// the generated store, ~9 s of processor an article). A set phrase keeps
// no list: it neither counts for a quote nor breaks its run, and a
// quote's share is of its other shingles. A quote made of set phrases
// alone is not proposed again.
const maxHolders = 1000

// labelledQuote is a labelled claim as the propagation index keeps it:
// its label, speaker and target as an index into the index's quoteNames,
// which a store's claims share; its claim id and article through the run
// of quotes it belongs to (quoteRun). A speaker the analyst left out is
// named from the claim's own article when the quote is proposed
// (speakerUnnamed, with the claim's span): naming it is most of what
// describing a claim costs, and few quotes are ever proposed again.
type labelledQuote struct {
	claim      int32  // the claim's id less its run's claimBase
	names      uint32 // index into the index's quoteNames
	start, end int32  // the claim's span, when speakerUnnamed
	// The quote's words and distinct shingles, set phrases left out;
	// longQuote for a quote of more words than a uint16 holds, whose are
	// in longQuotes.
	words, shingles uint16
}

// longQuote marks a quote whose length is kept in longQuotes.
const longQuote = math.MaxUint16

// quoteLength is a quote's words and distinct shingles (set phrases left
// out).
type quoteLength struct{ words, shingles int32 }

// quoteNames is a quote's label, speaker and target, as indexes into the
// index's names.
type quoteNames struct{ label, speaker, target uint32 }

// quoteRun is quotes added one after the other from one article, their
// claim ids near claimBase: a store's claims come article by article, so
// a quote needs neither its article nor a whole claim id of its own.
type quoteRun struct {
	first     int32  // the run's first quote; it lasts until the next run's
	article   uint32 // index into the index's articles
	claimBase uint64
}

// speakerUnnamed marks a quote whose speaker is found when proposed.
const speakerUnnamed = math.MaxUint32

// ArticleText reads an article's text, for naming a proposed quote's
// speaker; *storage.Store's Article gives one.
type ArticleText func(articleID uint64) ([]rune, error)

// QuoteIndex finds labelled quotes again in other articles. Its postings
// are laid out flat, sorted by shingle, each shingle's quotes as bytes
// (quoteList): a map of a slice per shingle cost some 150 bytes a quote at
// 100,000 claims, a flat []int32 of postings 4 bytes a posting.
type QuoteIndex struct {
	quotes     []labelledQuote
	runs       []quoteRun
	quoteNames []quoteNames
	names      []string
	articles   []uint64 // the runs' articles, by quoteRun.article
	postings   postingTable
	longQuotes map[int32]quoteLength
	// texts and cues name the speakers of quotes kept speakerUnnamed.
	texts ArticleText
	cues  *Cues
}

// NewQuoteIndex indexes the examples' quotes (those of at least
// shingleWords words; shorter ones repeat by chance).
func NewQuoteIndex(examples []Example) *QuoteIndex {
	var b quoteIndexBuilder
	for _, ex := range examples {
		b.add(ex)
	}
	return b.build(nil, nil)
}

// run is the run quote q belongs to.
func (ix *QuoteIndex) run(q int32) quoteRun {
	i, _ := slices.BinarySearchFunc(ix.runs, q, func(r quoteRun, q int32) int { return cmp.Compare(r.first, q+1) })
	return ix.runs[i-1]
}

// length is quote q's words and distinct shingles.
func (ix *QuoteIndex) length(q int32) quoteLength {
	if lq := ix.quotes[q]; lq.words != longQuote {
		return quoteLength{int32(lq.words), int32(lq.shingles)}
	}
	return ix.longQuotes[q]
}

// claimID is quote q's claim.
func (ix *QuoteIndex) claimID(q int32) uint64 {
	return ix.run(q).claimBase + uint64(int64(ix.quotes[q].claim))
}

// speaker is quote q's speaker: the analyst's, or the one its own article
// names for it, read through sources (by article, for one Find). A claim
// whose article cannot be read now (deleted since the model was trained)
// has none.
func (ix *QuoteIndex) speaker(q int32, sources map[uint64]*describer) string {
	lq := ix.quotes[q]
	if s := ix.quoteNames[lq.names].speaker; s != speakerUnnamed {
		return ix.names[s]
	}
	id := ix.articles[ix.run(q).article]
	d, ok := sources[id]
	if !ok && ix.texts != nil {
		if text, err := ix.texts(id); err == nil {
			d = newDescriber(text, ix.cues)
		}
		sources[id] = d
	}
	if d == nil {
		return ""
	}
	return d.describe(int(lq.start), int(lq.end), "").Speaker
}

// memoryBytes is what the index's slices take.
func (ix *QuoteIndex) memoryBytes() int {
	n := cap(ix.quotes)*int(unsafe.Sizeof(labelledQuote{})) + cap(ix.runs)*int(unsafe.Sizeof(quoteRun{})) +
		cap(ix.quoteNames)*int(unsafe.Sizeof(quoteNames{})) + cap(ix.articles)*8 +
		ix.postings.memoryBytes() + len(ix.longQuotes)*longQuoteBytes
	for _, s := range ix.names {
		n += 16 + len(s)
	}
	return n
}

// longQuoteBytes is about what an entry of longQuotes takes: its key and
// value and a map's share of control bytes and room to grow.
const longQuoteBytes = 24

// shingle combines the hashes of consecutive words, in order.
func shingle(words []uint64) uint64 {
	h := uint64(fnvOffset)
	for _, w := range words {
		h = (h ^ w) * fnvPrime
		h ^= h >> 29
	}
	return h
}
