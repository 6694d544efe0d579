package search

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"unsafe"

	"claimdesk/storage"
)

// Load replaces the index's contents with every claim and article title of
// store, and binds the index to store. It reads the store without holding
// the index, so it may run in a goroutine while searches go on (they see
// the old contents until Load finishes). To miss nothing, call Follow
// first: a change heard while Load runs wins over what Load read.
func (ix *Index) Load(store *storage.Store) error {
	ix.beginLoad()
	defer ix.endLoad()
	// The summaries hold the titles: no article's text is read.
	summaries, err := store.ArticleSummaries()
	if err != nil {
		return fmt.Errorf("search index: reading articles: %w", err)
	}
	titles, articles, claims := articleTitles(summaries)
	if testHookSummariesRead != nil {
		testHookSummariesRead()
	}
	recs, err := foldStore(store, articles, claims, &ix.loadGate)
	if err != nil {
		return fmt.Errorf("search index: reading claims: %w", err)
	}
	if testHookLoadRead != nil {
		testHookLoadRead()
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.bind(store)
	ix.install(titles, articles, recs)
	return nil
}

// foldStore folds every claim of store into a record of its article in
// articles (one of its own for a claim whose article came after the
// summaries were read: install gives it the index's), reading the claims
// where they lie in the file (no claim is decoded into strings of its
// own), split by id across all cores. The records come in the order of
// their ids; where ids are dense, as they are but after mass
// deletions, each is placed where its id puts it, which spares joining the
// workers' shares (a copy of every record), and ids no claim holds any more
// leave empty slots for install to drop. claims is about how many there
// are. Each reader holds gate's read lock while it reads (see Hold).
func foldStore(store *storage.Store, articles map[uint64]*article, claims int, gate *sync.RWMutex) ([]record, error) {
	last, err := store.LastClaimID()
	if err != nil {
		return nil, err
	}
	dense := last <= 2*uint64(claims)+4096
	var recs []record
	if dense {
		// Allocating the records starts a collection that scans them all
		// (at a million claims 0.8 s, while it slowed every allocating
		// goroutine): not while the index is held.
		gate.RLock()
		recs = make([]record, last)
		gate.RUnlock()
		adviseHugePages(unsafe.Pointer(unsafe.SliceData(recs)), uintptr(len(recs))*unsafe.Sizeof(record{}))
	}
	// Every core reads: the window loads its index once its first frame
	// is drawn, and until the index is in, the palette it is waited for by
	// has nothing to show.
	shares := idShares(last, runtime.GOMAXPROCS(0))
	parts := make([][]record, len(shares))
	errs := make([]error, len(shares))
	var wg sync.WaitGroup
	for w, share := range shares {
		first, upto := share[0], share[1]
		wg.Go(func() {
			var buf []byte
			var texts textBlocks
			vals := newValues()
			var read checkpoint
			gate.RLock()
			defer gate.RUnlock()
			errs[w] = store.ForEachClaimBorrowed(first, upto, func(c *storage.Claim) bool {
				if read.due() {
					gate.RUnlock() // a Hold waiting takes the gate here
					gate.RLock()
				}
				var r *record
				if dense {
					r = &recs[c.ID-1]
				} else {
					parts[w] = append(parts[w], record{})
					r = &parts[w][len(parts[w])-1]
				}
				buf, _ = r.foldStored(buf[:0], c, vals.fieldSet(c.Label, c.Speaker, c.Target, c.Annotator), articleOf(articles, c.ArticleID))
				r.setText(texts.keep(buf))
				return true
			})
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if !dense {
		recs = slices.Concat(parts...)
	}
	return recs, nil
}

// articleTitles reads the articles' titles from their summaries: as they
// are (none for an article without one), as the articles records share,
// and how many claims the articles hold together.
func articleTitles(summaries []storage.ArticleSummary) (titles map[uint64]string, articles map[uint64]*article, claims int) {
	titles = make(map[uint64]string, len(summaries))
	articles = make(map[uint64]*article, len(summaries))
	for _, a := range summaries {
		if a.Title != "" {
			titles[a.ID] = a.Title
		}
		articles[a.ID] = titled(a.ID, a.Title)
		claims += a.Claims
	}
	return titles, articles, claims
}

// articleOf is the article with id among those read from the summaries,
// or one of its own, untitled, for an article that came after they were
// read (Load's install gives its records the index's).
func articleOf(articles map[uint64]*article, id uint64) *article {
	if of := articles[id]; of != nil {
		return of
	}
	return &article{id: id}
}

// idShares splits the claim ids 1 to last into consecutive shares, one for
// each of up to workers goroutines (at least one), none of fewer than
// parallelMin ids unless there is only one.
func idShares(last uint64, workers int) [][2]uint64 {
	n := max(1, min(workers, int(last/uint64(parallelMin))+1))
	shares := make([][2]uint64, n)
	for w := range shares {
		shares[w] = [2]uint64{last*uint64(w)/uint64(n) + 1, last * uint64(w+1) / uint64(n)}
	}
	return shares
}

// textBlocks keeps the texts of many records in large blocks, one after
// another, rather than each in a small string of its own: a million claims
// cost a few hundred allocations instead of a million, and no byte is lost
// to rounding each up to a size class.
type textBlocks struct {
	block []byte
}

// textBlockSize is the size of a block; a longer text gets one of its own.
const textBlockSize = 1 << 20

// keep returns a string holding a copy of text.
func (b *textBlocks) keep(text []byte) string {
	if len(text) == 0 {
		return ""
	}
	if cap(b.block)-len(b.block) < len(text) {
		b.block = make([]byte, 0, max(textBlockSize, len(text)))
	}
	start := len(b.block)
	b.block = append(b.block, text...)
	// The bytes are never written again: later texts go after them.
	return unsafe.String(&b.block[start], len(text))
}

// Loading reports whether a Load is under way, for a "still indexing" hint.
func (ix *Index) Loading() bool {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.loading != nil
}

// loadState remembers, while Load reads the store, which claims and
// articles changed through the index meanwhile: those changes are newer than
// what Load may have read, so Load must not overwrite them.
type loadState struct {
	running  int
	claims   map[uint64]struct{}
	articles map[uint64]bool // true: title set, false: article removed
}

func (ix *Index) touchClaim(id uint64) {
	if ix.loading != nil {
		ix.loading.claims[id] = struct{}{}
	}
}

func (ix *Index) touchArticle(id uint64, exists bool) {
	if ix.loading != nil {
		ix.loading.articles[id] = exists
	}
}

// testHookLoadRead, when set by a test, runs after Load has read the store
// and before it installs what it read: the window where changes race it.
var testHookLoadRead func()

// testHookSummariesRead, when set by a test, runs after Load has read the
// articles' summaries and before it reads the claims: an article added
// then has claims Load reads and no summary.
var testHookSummariesRead func()

func (ix *Index) beginLoad() {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.loading == nil {
		ix.loading = &loadState{claims: map[uint64]struct{}{}, articles: map[uint64]bool{}}
	}
	ix.loading.running++
}

func (ix *Index) endLoad() {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.loading.running--; ix.loading.running == 0 {
		ix.loading = nil
	}
}

// install swaps in what Load read, keeping the claims and titles that
// changed while it read. Called with the write lock held.
func (ix *Index) install(titles map[uint64]string, articles map[uint64]*article, recs []record) {
	touched := ix.loading
	for id, exists := range touched.articles {
		delete(titles, id)
		if title, ok := ix.titles[id]; exists && ok {
			titles[id] = title
		}
		if of, ok := articles[id]; ok && exists {
			of.retitle(foldText(titles[id])) // the title set meanwhile
		} else if !exists {
			delete(articles, id) // its records are dropped below
		}
	}
	var kept []record
	for id := range touched.claims {
		if slot, found := ix.slot(id); found && ix.recs[slot].hay != "" {
			kept = append(kept, ix.recs[slot])
		}
	}
	ix.recs = recs[:0]
	ix.claims = 0
	ix.titles = titles
	ix.articles = articles
	ix.gen++
	for _, r := range recs {
		if r.hay == "" {
			continue // an id no claim holds
		}
		if _, changed := touched.claims[r.id]; changed {
			continue
		}
		exists, retitled := touched.articles[r.of.id]
		switch {
		case retitled && !exists:
			// The article was removed while Load read its claims.
			continue
		case articles[r.of.id] != r.of:
			// Its article came after the summaries were read.
			r.of = ix.article(r.of.id)
			r.remask()
		case retitled:
			r.remask()
		}
		ix.recs = append(ix.recs, r)
		ix.claims++
	}
	for _, r := range kept {
		// Its article's title may have changed while it was read.
		r.of = ix.article(r.of.id)
		r.remask()
		ix.putRecord(r)
	}
}
