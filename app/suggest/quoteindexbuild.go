package suggest

import (
	"cmp"
	"container/heap"
	"encoding/binary"
	"math"
	"slices"
)

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

func (m *blockMerge) Push(x any) { *m = append(*m, x.(*blockReader)) }

func (m *blockMerge) Pop() any {
	last := (*m)[len(*m)-1]
	*m = (*m)[:len(*m)-1]
	return last
}
