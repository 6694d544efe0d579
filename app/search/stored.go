package search

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"unsafe"

	"claimdesk/storage"
)

// SearchStore answers one query over every claim of store without building
// an Index: what `claimdesk search`, a process that answers once and exits,
// needs. It reads the claims' records where they lie in the file, folds
// each into one reused buffer exactly as an Index would (newRecord), ranks
// it with the same matcher, and keeps only the best limit; so it finds
// what Index.Search finds, in the same order, while holding no more than
// the hits in memory. Titles come from the articles' summaries, folded
// once. The claims are split across the cores by id, each share read in a
// transaction of its own: one snapshot for a store opened read-only, as
// the command line opens it, which no process can write meanwhile.
// Cancelling ctx stops the reading within claimsBetweenChecks claims, and
// SearchStore returns ctx's error: the window's palette asks the store
// while its index is read, and a query typed over drops the one before.
func SearchStore(ctx context.Context, store *storage.Store, query string, limit int) ([]Result, error) {
	m := compile(ParseQuery(query))
	if m.never {
		return []Result{}, nil
	}
	summaries, err := store.ArticleSummaries()
	if err != nil {
		return nil, fmt.Errorf("search: reading articles: %w", err)
	}
	titles, articles, _ := articleTitles(summaries)
	last, err := store.LastClaimID()
	if err != nil {
		return nil, fmt.Errorf("search: reading claims: %w", err)
	}
	shares := idShares(last, runtime.GOMAXPROCS(0))
	parts := make([]topK, len(shares))
	errs := make([]error, len(shares))
	var wg sync.WaitGroup
	for w, share := range shares {
		first, upto := share[0], share[1]
		parts[w].limit = limit
		wg.Go(func() { errs[w] = scanStored(ctx, store, m, articles, first, upto, &parts[w]) })
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("search: reading claims: %w", err)
		}
	}
	return storedResults(store, m, titles, mergeTop(parts, limit))
}

// scanStored evaluates m over the claims first to upto, offering every
// match to top, until ctx is cancelled. A hit's slot is unused: its id
// finds the claim again.
func scanStored(ctx context.Context, store *storage.Store, m *matcher, articles map[uint64]*article, first, upto uint64, top *topK) error {
	j := newScanJob(m, 0)
	words, wordMasks := len(m.words), m.readsWordMasks()
	var buf []byte
	var r record
	vals := newValues()
	var read checkpoint
	return store.ForEachClaimBorrowed(first, upto, func(c *storage.Claim) bool {
		if read.due() && ctx.Err() != nil {
			return false
		}
		var own uint64
		buf, own = r.foldStored(buf[:0], c, vals.fieldSet(c.Label, c.Speaker, c.Target, c.Annotator), articleOf(articles, c.ArticleID))
		// The claims whose runes lack some of the query's, most of them,
		// are ruled out by the mask folding makes, before their word
		// masks are worked out: those were half of a search's time.
		runes := r.runesWith(own)
		if !m.holdsRunes(runes) {
			return true
		}
		// The buffer is overwritten by the next claim, and nothing keeps
		// the record past this call: a string over it costs no copy.
		if text := unsafe.String(unsafe.SliceData(buf), len(buf)); wordMasks {
			r.setText(text)
		} else {
			r.setTextRunes(text, runes)
		}
		if found := (cand{}); j.eval(&r, &found, &j.scratch) {
			top.offer(hit{score: found.after.score(words), updated: r.updated, id: r.id})
		}
		return true
	})
}

// storedResults reads the claims of hits, best first, as Results. A claim
// deleted since it was found is left out.
func storedResults(store *storage.Store, m *matcher, titles map[uint64]string, hits []hit) ([]Result, error) {
	out := make([]Result, 0, len(hits))
	for _, h := range hits {
		c, err := store.Claim(h.id)
		if errors.Is(err, storage.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("search: reading claim %d: %w", h.id, err)
		}
		e := EntryOf(c, titles[c.ArticleID])
		r := entryRecord(e, titled(e.ArticleID, e.ArticleTitle))
		out = append(out, Result{Entry: e, Score: int(h.score), QuoteMatches: quoteMatches(m, &r, e.Quote)})
	}
	return out, nil
}
