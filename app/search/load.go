package search

import (
	"fmt"

	"claimdesk/storage"
)

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

// Loading reports whether a Load is under way, for a "still indexing" hint.
func (ix *Index) Loading() bool {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.loading != nil
}

// Load replaces the index's contents with every claim and article title of
// store. It reads the store without holding the index, so it may run in a
// goroutine while searches go on (they see the old contents until Load
// finishes). To miss nothing, call Follow first: a change heard while Load
// runs wins over what Load read.
func (ix *Index) Load(store *storage.Store) error {
	ix.beginLoad()
	defer ix.endLoad()
	titles := map[uint64]string{}
	err := store.ForEachArticle(func(a storage.Article) error {
		titles[a.ID] = a.Title
		return nil
	})
	if err != nil {
		return fmt.Errorf("search index: reading articles: %w", err)
	}
	var entries []Entry
	err = store.ForEachClaim(func(a storage.Claim) error {
		entries = append(entries, EntryOf(a, ""))
		return nil
	})
	if err != nil {
		return fmt.Errorf("search index: reading claims: %w", err)
	}
	if testHookLoadRead != nil {
		testHookLoadRead()
	}
	ix.build(titles, entries)
	return nil
}

// build installs what Load read: claims, with titles by article id.
func (ix *Index) build(titles map[uint64]string, entries []Entry) {
	// Folding the text is the slow part; do it before taking the lock.
	recs := make([]record, len(entries))
	for i, e := range entries {
		recs[i] = newRecord(e, titles[e.ArticleID])
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.install(titles, entries, recs)
}

// testHookLoadRead, when set by a test, runs after Load has read the store
// and before it installs what it read: the window where changes race it.
var testHookLoadRead func()

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
func (ix *Index) install(titles map[uint64]string, entries []Entry, recs []record) {
	touched := ix.loading
	for id, exists := range touched.articles {
		delete(titles, id)
		if a := ix.articles[id]; exists && a != nil {
			titles[id] = a.title
		}
	}
	var kept []Entry
	for id := range touched.claims {
		if slot, ok := ix.slots[id]; ok {
			kept = append(kept, ix.entries[slot])
		}
	}
	ix.recs = make([]record, 0, len(entries))
	ix.entries = make([]Entry, 0, len(entries))
	ix.free = nil
	ix.slots = make(map[uint64]int32, len(entries))
	ix.articles = make(map[uint64]*article, len(titles))
	ix.gen++
	for id, title := range titles {
		ix.article(id).title = title
	}
	for i, e := range entries {
		if _, changed := touched.claims[e.ID]; changed {
			continue
		}
		exists, retitled := touched.articles[e.ArticleID]
		switch {
		case retitled && !exists:
			// The article was removed while Load read its claims.
		case retitled:
			ix.put(e) // with the title set meanwhile
		default:
			ix.slots[e.ID] = int32(len(ix.recs))
			ix.article(e.ArticleID).claims[e.ID] = struct{}{}
			ix.recs = append(ix.recs, recs[i])
			ix.entries = append(ix.entries, e)
		}
	}
	for _, e := range kept {
		ix.put(e)
	}
}
