package suggest

import (
	"cmp"
	"container/heap"
	"context"
	"encoding/binary"
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

// quoteIndexBuilder gathers labelled quotes one at a time, so that the
// engine can index a store's quotes without holding its examples.
type quoteIndexBuilder struct {
	quotes       []labelledQuote
	runs         []quoteRun
	quoteNames   []quoteNames
	namesIndex   map[quoteNames]uint32
	longQuotes   map[int32]quoteLength
	names        []string
	named        map[string]uint32
	articles     []uint64
	articleIndex map[uint64]uint32
	// blocks hold the postings, postingBlock at a time, each block sorted
	// and encoded when full: one slice doubling to a store's millions of
	// postings cost a second of copying and twice their memory, and
	// full blocks of 16-byte postings most of the engine's peak.
	blocks   []encodedBlock
	postings []posting // the block being filled, its array reused for the next
	stream   []byte    // where blocks are encoded, reused
	total    int
	hashes   []uint64 // reused for each quote
}

// postingBlock is how many postings a block holds (1 MiB) before it is
// encoded.
const postingBlock = 1 << 16

// maxPostings bounds the postings indexed, so that every quote list's
// start fits a uint32 (a posting takes at most a uvarint of an int32, 5
// bytes, and so does the length of its shingle's list); quotes past it
// are not proposed again. A store reaches it past some 20 million claims,
// with the index past 1 GB.
const maxPostings = math.MaxUint32 / (2 * binary.MaxVarintLen32)

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

// addClaim indexes the labelled claim ex stands for by its stored quote,
// the span [start, end) of its article (ex needs no Quote), so that its
// article's text is not read. Without a speaker (unnamed), its speaker is
// found in its article when the quote is proposed.
func (b *quoteIndexBuilder) addClaim(ex Example, quote string, start, end int, unnamed bool) {
	if ex.Label != "" {
		b.addQuote(ex, []rune(quote), unnamed, start, end)
	}
}

func (b *quoteIndexBuilder) addQuote(ex Example, quote []rune, unnamed bool, start, end int) {
	b.hashes = b.hashes[:0]
	forEachWord(quote, func(_, _ int, w []byte) { b.hashes = append(b.hashes, hashBytes(fnvOffset, w)) })
	if len(b.hashes) < shingleWords || b.total+len(b.hashes) > maxPostings || len(b.quotes) == math.MaxInt32 {
		return
	}
	id := int32(len(b.quotes))
	if len(b.postings)+len(b.hashes) > postingBlock {
		b.sealBlock()
	}
	if b.postings == nil {
		b.postings = make([]posting, 0, postingBlock)
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
	names := quoteNames{label: b.name(ex.Label), speaker: speakerUnnamed, target: b.name(ex.Target)}
	if !unnamed {
		names.speaker = b.name(ex.Speaker)
	}
	lq := labelledQuote{
		claim: b.claimInRun(id, ex.ArticleID, ex.ClaimID), names: intern(&b.namesIndex, &b.quoteNames, names),
		start: int32(start), end: int32(end),
		words: longQuote, shingles: longQuote,
	}
	if len(b.hashes) < longQuote {
		lq.words, lq.shingles = uint16(len(b.hashes)), uint16(len(own))
	} else {
		if b.longQuotes == nil {
			b.longQuotes = map[int32]quoteLength{}
		}
		b.longQuotes[id] = quoteLength{int32(len(b.hashes)), int32(len(own))}
	}
	b.quotes = append(b.quotes, lq)
}

// claimInRun is the claim id less the base of the run quote id joins: the
// run under way when it is the same article's and the id is near enough
// its base, a new run otherwise.
func (b *quoteIndexBuilder) claimInRun(id int32, articleID, claimID uint64) int32 {
	article := b.article(articleID)
	if n := len(b.runs); n > 0 {
		r := b.runs[n-1]
		if d := int64(claimID - r.claimBase); r.article == article && d >= math.MinInt32 && d <= math.MaxInt32 {
			return int32(d)
		}
	}
	b.runs = append(b.runs, quoteRun{first: id, article: article, claimBase: claimID})
	return 0
}

// sealBlock sorts and encodes the block being filled; the next quote
// starts another in the same array.
func (b *quoteIndexBuilder) sealBlock() {
	if len(b.postings) > 0 {
		slices.SortFunc(b.postings, comparePostings)
		var blk encodedBlock
		blk, b.stream = encodeBlock(b.postings, b.stream)
		b.blocks = append(b.blocks, blk)
	}
	b.postings = b.postings[:0]
}

// build lays the postings out flat (mergeBlocks), set phrases without
// their lists and left out of their quotes' shingles. texts and cues name
// the speakers left to be named. The builder is spent.
func (b *quoteIndexBuilder) build(texts ArticleText, cues *Cues) *QuoteIndex {
	b.sealBlock()
	ix := &QuoteIndex{runs: b.runs, quoteNames: b.quoteNames, names: b.names, articles: b.articles, longQuotes: b.longQuotes, texts: texts, cues: cues}
	ix.postings = mergeBlocks(b.blocks, maxHolders, func(holders quoteList) {
		for q := range holders.all() {
			b.dropSetPhrase(q)
		}
	})
	b.blocks = nil
	ix.quotes = fitted(b.quotes)
	*b = quoteIndexBuilder{}
	return ix
}

// mergeBlocks lays the blocks' postings out flat: by shingle, each
// shingle's quotes in the order added (a quote holds a shingle once, and
// a later block holds later quotes). A shingle held by more than
// setPhraseAbove quotes is kept without its list, once setPhrase is told
// of its holders.
func mergeBlocks(blocks []encodedBlock, setPhraseAbove int, setPhrase func(holders quoteList)) postingTable {
	// The blocks' shingles and lists bound the index's: a shingle in
	// several blocks is one key, and its lists' first quotes come nearer.
	shingles, listBytes := 0, 0
	merge := make(blockMerge, 0, len(blocks))
	for i, blk := range blocks {
		shingles += blk.shingles
		listBytes += blk.listBytes
		r := &blockReader{stream: blk.stream, order: i}
		if r.next(); !r.finished {
			merge = append(merge, r)
		}
	}
	postings := newPostingTable(shingles, listBytes)
	heap.Init(&merge)
	var list []byte
	for merge.Len() > 0 {
		h, count, prev := merge[0].shingle, 0, int32(-1)
		list = list[:0]
		for merge.Len() > 0 && merge[0].shingle == h {
			r := merge[0]
			count += r.count
			list, prev = r.moveList(list, prev)
			if r.next(); r.finished {
				heap.Pop(&merge)
			} else {
				heap.Fix(&merge, 0)
			}
		}
		if count > setPhraseAbove {
			setPhrase(list)
			list, count = list[:0], 0
		}
		postings.add(h, list, count)
	}
	postings.finish()
	return postings
}

// dropSetPhrase leaves a set phrase out of quote q's shingles.
func (b *quoteIndexBuilder) dropSetPhrase(q int32) {
	if lq := &b.quotes[q]; lq.words != longQuote {
		lq.shingles--
		return
	}
	l := b.longQuotes[q]
	l.shingles--
	b.longQuotes[q] = l
}

// fitted is s in an array of its length, when s leaves much of its own
// unused (grown by appending, or sized for the most it could hold).
func fitted[T any](s []T) []T {
	if cap(s)-len(s) <= len(s)/16 {
		return s
	}
	return slices.Clone(s)
}

// blockMerge is the encoded blocks not yet merged, as a heap by their
// shingle under way, then their order.
type blockMerge []*blockReader

func (m blockMerge) Len() int { return len(m) }
func (m blockMerge) Less(i, j int) bool {
	if m[i].shingle != m[j].shingle {
		return m[i].shingle < m[j].shingle
	}
	return m[i].order < m[j].order
}
func (m blockMerge) Swap(i, j int) { m[i], m[j] = m[j], m[i] }
func (m *blockMerge) Push(x any)   { *m = append(*m, x.(*blockReader)) }
func (m *blockMerge) Pop() any {
	last := (*m)[len(*m)-1]
	*m = (*m)[:len(*m)-1]
	return last
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

// shingleHit is where one of a quote's shingles was found: the word
// position, the position among the text's shingles that are not set
// phrases (seq), and the code-point span of its words.
type shingleHit struct{ pos, seq, start, end int }

// Find proposes the labelled quotes of other articles found in text, one
// a stretch of text, in text order: of the quotes found overlapping, the
// one found the most whole, then the longest, then the first claim. The
// others are dropped before their speakers are named, since naming one
// reads its quote's article (on the generated store of a million claims,
// tens of thousands of near copies an article). It returns ctx's error
// when ctx is done first.
func (ix *QuoteIndex) Find(ctx context.Context, articleID uint64, text []rune) ([]Candidate, error) {
	found, err := ix.findAll(ctx, articleID, text)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(found, func(a, b proposal) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(b.End-b.Start, a.End-a.Start),
			cmp.Compare(a.Start, b.Start), cmp.Compare(a.FromClaim, b.FromClaim))
	})
	var out []Candidate
	sources := map[uint64]*describer{}
	for _, p := range found {
		if !overlapsCandidates(p.Start, p.End, out) {
			p.Speaker = ix.speaker(p.quote, sources)
			out = append(out, p.Candidate)
		}
	}
	slices.SortFunc(out, func(a, b Candidate) int { return cmp.Compare(a.Start, b.Start) })
	return out, nil
}

// proposal is a labelled quote found in a text: its candidate, the
// speaker not named yet, and the quote.
type proposal struct {
	Candidate
	quote int32
}

// findAll is every labelled quote of other articles found in text, in no
// order. It keeps only the last few words and, for each quote found, the
// run of its shingles under way and the best closed so far: a shingle
// many quotes hold costs a few words a quote, not a list of every hit (at
// 100,000 claims, hundreds of megabytes for one article opened).
func (ix *QuoteIndex) findAll(ctx context.Context, articleID uint64, text []rune) ([]proposal, error) {
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
	var found []proposal
	for q, r := range runs {
		r.close()
		if c, ok := ix.bestRun(q, r, text); ok {
			found = append(found, proposal{c, q})
		}
	}
	return found, nil
}

// eachHit calls fn for each shingle of text that a labelled quote of
// another article holds, in text order.
func (ix *QuoteIndex) eachHit(ctx context.Context, articleID uint64, text []rune, fn func(q int32, h shingleHit)) error {
	var last [shingleWords]struct {
		start int
		hash  uint64
	}
	pos, seq := 0, 0
	var err error
	own := ix.articleQuotes(articleID)
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
		holders, setPhrase := ix.postings.lookup(shingle(h[:]))
		if setPhrase {
			return
		}
		seq++
		for q := range holders.all() {
			if !own.holds(ix, q) {
				fn(q, shingleHit{pos - shingleWords, seq, last[0].start, end})
			}
		}
	})
	return err
}

// articleQuotes is the quotes of the article with this id, for Find to
// leave out.
func (ix *QuoteIndex) articleQuotes(articleID uint64) quoteSpan {
	span := quoteSpan{article: articleID}
	for i, r := range ix.runs {
		if ix.articles[r.article] != articleID {
			continue
		}
		if span.lo == span.hi {
			span.lo = r.first
		}
		span.hi = int32(len(ix.quotes))
		if i+1 < len(ix.runs) {
			span.hi = ix.runs[i+1].first
		}
	}
	return span
}

// quoteSpan is the quotes of one article: those of [lo, hi) whose run is
// the article's. A store's claims come article by article, so those are
// all of [lo, hi), and the runs are looked at only for examples given in
// another order.
type quoteSpan struct {
	article uint64
	lo, hi  int32
}

// holds reports whether quote q is of the span's article.
func (s quoteSpan) holds(ix *QuoteIndex, q int32) bool {
	return q >= s.lo && q < s.hi && ix.articles[ix.run(q).article] == s.article
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
	if r.n > 0 && h.seq-r.last.seq <= shingleWords {
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
func (ix *QuoteIndex) bestRun(q int32, r *shingleRuns, text []rune) (Candidate, bool) {
	lq := ix.length(q)
	share := float64(r.bestN) / float64(lq.shingles)
	first, last := r.bestFrom, r.bestTo
	words := int(lq.words)
	if share < minShareShared || last.pos-first.pos+shingleWords > words+words/4+1 {
		return Candidate{}, false
	}
	start, end := first.start, last.end
	names := ix.quoteNames[ix.quotes[q].names]
	return Candidate{
		Start: start, End: end, Quote: string(text[start:end]),
		Label: ix.names[names.label], Score: min(share, 1), Target: ix.names[names.target],
		Kind: KindPropagated, FromClaim: ix.claimID(q),
	}, true
}
