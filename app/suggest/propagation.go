package suggest

import (
	"cmp"
	"container/heap"
	"context"
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

// labelledQuote is a labelled claim as the propagation index keeps it:
// its label, speaker and target as indexes into the index's names, which
// a store's claims share. A speaker the analyst left out is named from
// the claim's own article when the quote is proposed (speakerUnnamed,
// with the claim's span): naming it is most of what describing a claim
// costs, and few quotes are ever proposed again.
type labelledQuote struct {
	claimID                uint64
	article                uint32 // index into the index's articles
	label, speaker, target uint32
	shingles, words        int32
	start, end             int32 // the claim's span, when speakerUnnamed
}

// speakerUnnamed marks a quote whose speaker is found when proposed.
const speakerUnnamed = math.MaxUint32

// ArticleText reads an article's text, for naming a proposed quote's
// speaker; *storage.Store's Article gives one.
type ArticleText func(articleID uint64) ([]rune, error)

// QuoteIndex finds labelled quotes again in other articles. Its postings
// are laid out flat, sorted by shingle: a map of a slice per shingle cost
// some 150 bytes a quote at 100,000 claims.
type QuoteIndex struct {
	quotes   []labelledQuote
	names    []string
	articles []uint64 // the quotes' articles, by index
	keys     []uint64 // the distinct shingles, sorted
	starts   []int32  // the quotes holding keys[i] are holders[starts[i]:starts[i+1]]
	// holders lists quotes by index into quotes, in the order they were added.
	holders []int32
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

// quoteIndexBuilder gathers labelled quotes one at a time, so that the
// engine can index a store's quotes without holding its examples.
type quoteIndexBuilder struct {
	quotes       []labelledQuote
	names        []string
	named        map[string]uint32
	articles     []uint64
	articleIndex map[uint64]uint32
	// blocks hold the postings, postingBlock at a time, each block sorted
	// when full: one slice doubling to a store's millions of postings
	// cost a second of copying and twice their memory.
	blocks   [][]posting
	postings []posting // the block being filled
	total    int
	hashes   []uint64 // reused for each quote
}

// postingBlock is how many postings a block holds (1 MiB).
const postingBlock = 1 << 16

func comparePostings(x, y posting) int {
	if c := cmp.Compare(x.shingle, y.shingle); c != 0 {
		return c
	}
	return cmp.Compare(x.quote, y.quote)
}

// posting is a shingle and a quote holding it.
type posting struct {
	shingle uint64
	quote   int32
}

// article is the index of the article id among the builder's articles.
func (b *quoteIndexBuilder) article(id uint64) uint32 {
	if n := len(b.articles); n > 0 && b.articles[n-1] == id {
		return uint32(n - 1) // claims come article by article
	}
	return intern(&b.articleIndex, &b.articles, id)
}

func (b *quoteIndexBuilder) name(s string) uint32 {
	return intern(&b.named, &b.names, s)
}

// intern is the index of k in list, appended when new; index finds it.
func intern[K comparable](index *map[K]uint32, list *[]K, k K) uint32 {
	if *index == nil {
		*index = map[K]uint32{}
	}
	i, ok := (*index)[k]
	if !ok {
		i = uint32(len(*list))
		*list = append(*list, k)
		(*index)[k] = i
	}
	return i
}

// add indexes ex's quote when it is labelled and long enough.
func (b *quoteIndexBuilder) add(ex Example) {
	if ex.Label != "" {
		b.addQuote(ex, []rune(ex.Quote), false, 0, 0)
	}
}

// addSpan indexes the labelled claim ex stands for, its quote the span
// [start, end) of text (ex needs no Quote). Without a speaker (unnamed),
// its speaker is found in its article when the quote is proposed.
func (b *quoteIndexBuilder) addSpan(ex Example, text []rune, start, end int, unnamed bool) {
	if ex.Label != "" {
		lo, hi := clampSpan(text, start, end)
		b.addQuote(ex, text[lo:hi], unnamed, start, end)
	}
}

func (b *quoteIndexBuilder) addQuote(ex Example, quote []rune, unnamed bool, start, end int) {
	b.hashes = b.hashes[:0]
	forEachWord(quote, func(_, _ int, w []byte) { b.hashes = append(b.hashes, hashBytes(fnvOffset, w)) })
	if len(b.hashes) < shingleWords {
		return
	}
	id := int32(len(b.quotes))
	if len(b.postings)+len(b.hashes) > postingBlock {
		b.sealBlock()
	}
	if b.postings == nil {
		b.postings = make([]posting, 0, max(postingBlock, len(b.hashes)))
	}
	first := len(b.postings)
	for i := 0; i+shingleWords <= len(b.hashes); i++ {
		b.postings = append(b.postings, posting{shingle(b.hashes[i : i+shingleWords]), id})
	}
	// Each shingle once per quote: a quote repeating words counts them once.
	own := b.postings[first:]
	slices.SortFunc(own, func(x, y posting) int { return cmp.Compare(x.shingle, y.shingle) })
	own = slices.CompactFunc(own, func(x, y posting) bool { return x.shingle == y.shingle })
	b.postings = b.postings[:first+len(own)]
	b.total += len(own)
	q := labelledQuote{
		claimID: ex.ClaimID, article: b.article(ex.ArticleID),
		label: b.name(ex.Label), speaker: speakerUnnamed, target: b.name(ex.Target),
		shingles: int32(len(own)), words: int32(len(b.hashes)),
		start: int32(start), end: int32(end),
	}
	if !unnamed {
		q.speaker = b.name(ex.Speaker)
	}
	b.quotes = append(b.quotes, q)
}

// sealBlock sorts the block being filled and starts another.
func (b *quoteIndexBuilder) sealBlock() {
	if len(b.postings) > 0 {
		slices.SortFunc(b.postings, comparePostings)
		b.blocks = append(b.blocks, b.postings)
	}
	b.postings = nil
}

// build lays the postings out flat, merging the sorted blocks: by
// shingle, each shingle's quotes in the order added (a quote holds a
// shingle once). texts and cues name the speakers left to be named. The
// builder is spent.
func (b *quoteIndexBuilder) build(texts ArticleText, cues *Cues) *QuoteIndex {
	b.sealBlock()
	ix := &QuoteIndex{quotes: slices.Clip(b.quotes), names: slices.Clip(b.names), articles: slices.Clip(b.articles), texts: texts, cues: cues}
	ix.holders = make([]int32, 0, b.total)
	merge := postingMerge(b.blocks)
	heap.Init(&merge)
	for merge.Len() > 0 {
		p := merge[0][0]
		if len(ix.holders) == 0 || p.shingle != ix.keys[len(ix.keys)-1] {
			ix.keys = append(ix.keys, p.shingle)
			ix.starts = append(ix.starts, int32(len(ix.holders)))
		}
		ix.holders = append(ix.holders, p.quote)
		if merge[0] = merge[0][1:]; len(merge[0]) == 0 {
			heap.Pop(&merge)
		} else {
			heap.Fix(&merge, 0)
		}
	}
	ix.starts = append(ix.starts, int32(len(ix.holders)))
	ix.keys, ix.starts = slices.Clip(ix.keys), slices.Clip(ix.starts)
	*b = quoteIndexBuilder{}
	return ix
}

// postingMerge is the sorted blocks not yet merged, as a heap by their
// first posting.
type postingMerge [][]posting

func (m postingMerge) Len() int           { return len(m) }
func (m postingMerge) Less(i, j int) bool { return comparePostings(m[i][0], m[j][0]) < 0 }
func (m postingMerge) Swap(i, j int)      { m[i], m[j] = m[j], m[i] }
func (m *postingMerge) Push(x any)        { *m = append(*m, x.([]posting)) }
func (m *postingMerge) Pop() any {
	last := (*m)[len(*m)-1]
	*m = (*m)[:len(*m)-1]
	return last
}

// holding lists the quotes holding shingle h.
func (ix *QuoteIndex) holding(h uint64) []int32 {
	i, ok := slices.BinarySearch(ix.keys, h)
	if !ok {
		return nil
	}
	return ix.holders[ix.starts[i]:ix.starts[i+1]]
}

// speaker is lq's speaker: the analyst's, or the one its own article
// names for it, read through sources (by article, for one Find). A claim
// whose article cannot be read now (deleted since the model was trained)
// has none.
func (ix *QuoteIndex) speaker(lq labelledQuote, sources map[uint64]*describer) string {
	if lq.speaker != speakerUnnamed {
		return ix.names[lq.speaker]
	}
	id := ix.articles[lq.article]
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
	n := cap(ix.quotes)*int(unsafe.Sizeof(labelledQuote{})) + cap(ix.articles)*8 + cap(ix.keys)*8 + cap(ix.starts)*4 + cap(ix.holders)*4
	for _, s := range ix.names {
		n += 16 + len(s)
	}
	return n
}

// shingle combines the hashes of consecutive words, in order.
func shingle(words []uint64) uint64 {
	h := uint64(fnvOffset)
	for _, w := range words {
		h = (h ^ w) * fnvPrime
		h ^= h >> 29
	}
	return h
}

// shingleHit is where one of a quote's shingles was found: the word
// position and the code-point span of its words.
type shingleHit struct{ pos, start, end int }

// Find proposes the labelled quotes of other articles found in text. It
// keeps only the last few words and, for each quote found, the run of its
// shingles under way and the best closed so far: a set phrase that
// thousands of quotes hold (news has its set phrases; a generated corpus
// little else) costs a few words a quote, not a list of every hit (at
// 100,000 claims, hundreds of megabytes for one article opened). It
// returns ctx's error when ctx is done first.
func (ix *QuoteIndex) Find(ctx context.Context, articleID uint64, text []rune) ([]Candidate, error) {
	if ix == nil || len(ix.quotes) == 0 {
		return nil, nil
	}
	runs := map[int32]*shingleRuns{}
	err := ix.eachHit(ctx, articleID, text, func(q int32, h shingleHit) {
		r := runs[q]
		if r == nil {
			r = &shingleRuns{}
			runs[q] = r
		}
		r.add(h)
	})
	if err != nil {
		return nil, err
	}
	var out []Candidate
	sources := map[uint64]*describer{}
	for q, r := range runs {
		r.close()
		if c, ok := ix.bestRun(ix.quotes[q], r, text); ok {
			c.Speaker = ix.speaker(ix.quotes[q], sources)
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b Candidate) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return int(a.FromClaim - b.FromClaim)
	})
	return out, nil
}

// eachHit calls fn for each shingle of text that a labelled quote of
// another article holds, in text order.
func (ix *QuoteIndex) eachHit(ctx context.Context, articleID uint64, text []rune, fn func(q int32, h shingleHit)) error {
	var last [shingleWords]struct {
		start int
		hash  uint64
	}
	pos := 0
	var err error
	forEachWord(text, func(start, end int, w []byte) {
		if err != nil {
			return
		}
		if pos%checkEvery == 0 {
			err = ctx.Err()
		}
		copy(last[:], last[1:])
		last[shingleWords-1].start, last[shingleWords-1].hash = start, hashBytes(fnvOffset, w)
		pos++
		if pos < shingleWords {
			return
		}
		var h [shingleWords]uint64
		for i := range last {
			h[i] = last[i].hash
		}
		for _, q := range ix.holding(shingle(h[:])) {
			if ix.articles[ix.quotes[q].article] != articleID {
				fn(q, shingleHit{pos - shingleWords, last[0].start, end})
			}
		}
	})
	return err
}

// checkEvery is how many words pass between looks at the context.
const checkEvery = 4096

// shingleRuns follows a quote's hits in text order: runs of hits at most
// a shingle apart, the run under way and the longest closed so far (the
// first of the longest).
type shingleRuns struct {
	from, last       shingleHit // the run under way
	n                int
	bestFrom, bestTo shingleHit
	bestN            int
}

// add takes the next hit.
func (r *shingleRuns) add(h shingleHit) {
	if r.n > 0 && h.pos-r.last.pos <= shingleWords {
		r.n++
		r.last = h
		return
	}
	r.close()
	r.from, r.last, r.n = h, h, 1
}

// close ends the run under way.
func (r *shingleRuns) close() {
	if r.n > r.bestN {
		r.bestFrom, r.bestTo, r.bestN = r.from, r.last, r.n
	}
	r.n = 0
}

// bestRun turns the run of shingle hits that covers the most of the
// quote, with gaps of at most a few words, into a candidate.
func (ix *QuoteIndex) bestRun(lq labelledQuote, r *shingleRuns, text []rune) (Candidate, bool) {
	share := float64(r.bestN) / float64(lq.shingles)
	first, last := r.bestFrom, r.bestTo
	words := int(lq.words)
	if share < minShareShared || last.pos-first.pos+shingleWords > words+words/4+1 {
		return Candidate{}, false
	}
	start, end := first.start, last.end
	return Candidate{
		Start: start, End: end, Quote: string(text[start:end]),
		Label: ix.names[lq.label], Score: min(share, 1), Target: ix.names[lq.target],
		Kind: KindPropagated, FromClaim: lq.claimID,
	}, true
}
