package suggest

import (
	"context"
	"slices"
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

// labelledQuote is a labelled claim as the propagation index keeps it.
type labelledQuote struct {
	claimID, articleID     uint64
	label, speaker, target string
	shingles, words        int
}

// QuoteIndex finds labelled quotes again in other articles.
type QuoteIndex struct {
	quotes   []labelledQuote
	postings map[uint64][]int32 // shingle -> quotes holding it
}

// NewQuoteIndex indexes the examples' quotes (those of at least
// shingleWords words; shorter ones repeat by chance).
func NewQuoteIndex(examples []Example) *QuoteIndex {
	ix := &QuoteIndex{postings: map[uint64][]int32{}}
	for _, ex := range examples {
		if ex.Label == "" {
			continue
		}
		var hashes []uint64
		forEachWord([]rune(ex.Quote), func(_, _ int, w []byte) { hashes = append(hashes, hashBytes(fnvOffset, w)) })
		if len(hashes) < shingleWords {
			continue
		}
		id := int32(len(ix.quotes))
		seen := map[uint64]bool{}
		for i := 0; i+shingleWords <= len(hashes); i++ {
			h := shingle(hashes[i : i+shingleWords])
			if !seen[h] {
				seen[h] = true
				ix.postings[h] = append(ix.postings[h], id)
			}
		}
		ix.quotes = append(ix.quotes, labelledQuote{ex.ClaimID, ex.ArticleID, ex.Label, ex.Speaker, ex.Target, len(seen), len(hashes)})
	}
	return ix
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
// keeps only the last few words and the hits, so a long article costs
// little memory, and returns ctx's error when ctx is done first.
func (ix *QuoteIndex) Find(ctx context.Context, articleID uint64, text []rune) ([]Candidate, error) {
	if ix == nil || len(ix.quotes) == 0 {
		return nil, nil
	}
	var last [shingleWords]struct {
		start int
		hash  uint64
	}
	hits := map[int32][]shingleHit{}
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
		for _, q := range ix.postings[shingle(h[:])] {
			if ix.quotes[q].articleID != articleID {
				hits[q] = append(hits[q], shingleHit{pos - shingleWords, last[0].start, end})
			}
		}
	})
	if err != nil {
		return nil, err
	}
	var out []Candidate
	for q, found := range hits {
		if c, ok := bestRun(ix.quotes[q], found, text); ok {
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

// checkEvery is how many words pass between looks at the context.
const checkEvery = 4096

// bestRun finds the run of shingle hits that covers the most of the quote
// with gaps of at most a few words, and turns it into a candidate.
func bestRun(lq labelledQuote, hits []shingleHit, text []rune) (Candidate, bool) {
	bestFrom, bestTo, bestN := 0, 0, 0
	from, n := 0, 1
	for i := 1; i <= len(hits); i++ {
		if i < len(hits) && hits[i].pos-hits[i-1].pos <= shingleWords {
			n++
			continue
		}
		if n > bestN {
			bestFrom, bestTo, bestN = from, i-1, n
		}
		from, n = i, 1
	}
	share := float64(bestN) / float64(lq.shingles)
	first, last := hits[bestFrom], hits[bestTo]
	if share < minShareShared || last.pos-first.pos+shingleWords > lq.words+lq.words/4+1 {
		return Candidate{}, false
	}
	start, end := first.start, last.end
	return Candidate{
		Start: start, End: end, Quote: string(text[start:end]),
		Label: lq.label, Score: min(share, 1), Speaker: lq.speaker, Target: lq.target,
		Kind: KindPropagated, FromClaim: lq.claimID,
	}, true
}
