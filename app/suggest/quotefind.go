package suggest

import (
	"cmp"
	"context"
	"slices"
)

// Finding labelled quotes again in an article's text: the runs of shingles
// each quote has in it, and the quotes proposed.

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
