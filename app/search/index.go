package search

import "sync"

// Index holds every claim for searching. It is safe for concurrent use:
// searches share a read lock; a change takes the write lock briefly (a
// claim's text is folded again, or an article's claims on a new title).
type Index struct {
	mu       sync.RWMutex
	recs     []record // slots scanned by searches
	entries  []Entry  // the Entry of each slot, ArticleTitle left empty
	free     []int32  // slots to reuse
	slots    map[uint64]int32
	articles map[uint64]*article
	gen      uint64     // bumped by every change; Sessions compare it
	loading  *loadState // non-nil while Load runs
}

// article is what the index knows of an article: its title, by which all its
// claims are found too, and its claims.
type article struct {
	title  string
	claims map[uint64]struct{}
}

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{slots: map[uint64]int32{}, articles: map[uint64]*article{}}
}

// Len is the number of claims in the index.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.slots)
}

// Put adds e, or replaces the claim with its ID. A non-empty ArticleTitle
// becomes the title of the article (and so of all its claims); an empty one
// keeps the title the index knows for ArticleID.
func (ix *Index) Put(e Entry) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.touchClaim(e.ID)
	if e.ArticleTitle != "" {
		ix.setTitle(e.ArticleID, e.ArticleTitle)
	}
	ix.put(e)
	ix.gen++
}

// Remove drops the claim with id; an unknown id is ignored.
func (ix *Index) Remove(id uint64) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.touchClaim(id)
	ix.remove(id)
	ix.gen++
}

// SetArticleTitle records an article's title, which every claim of the
// article is found by.
func (ix *Index) SetArticleTitle(articleID uint64, title string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.setTitle(articleID, title)
	ix.gen++
}

// RemoveArticle drops an article's title and all its claims.
func (ix *Index) RemoveArticle(articleID uint64) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.touchArticle(articleID, false)
	if a := ix.articles[articleID]; a != nil {
		for id := range a.claims {
			ix.touchClaim(id)
			ix.remove(id)
		}
	}
	delete(ix.articles, articleID)
	ix.gen++
}

func (ix *Index) article(id uint64) *article {
	a := ix.articles[id]
	if a == nil {
		a = &article{claims: map[uint64]struct{}{}}
		ix.articles[id] = a
	}
	return a
}

// put stores e under the lock; e.ArticleTitle is ignored.
func (ix *Index) put(e Entry) {
	e.ArticleTitle = ""
	slot, ok := ix.slots[e.ID]
	if ok {
		if old := ix.entries[slot].ArticleID; old != e.ArticleID {
			ix.forget(old, e.ID)
		}
	} else {
		slot = ix.newSlot()
		ix.slots[e.ID] = slot
	}
	a := ix.article(e.ArticleID)
	a.claims[e.ID] = struct{}{}
	ix.entries[slot] = e
	ix.recs[slot] = newRecord(e, a.title)
}

func (ix *Index) newSlot() int32 {
	if n := len(ix.free); n > 0 {
		slot := ix.free[n-1]
		ix.free = ix.free[:n-1]
		return slot
	}
	ix.recs = append(ix.recs, record{})
	ix.entries = append(ix.entries, Entry{})
	return int32(len(ix.recs) - 1)
}

func (ix *Index) remove(id uint64) {
	slot, ok := ix.slots[id]
	if !ok {
		return
	}
	ix.forget(ix.entries[slot].ArticleID, id)
	delete(ix.slots, id)
	ix.recs[slot] = record{}
	ix.entries[slot] = Entry{}
	ix.free = append(ix.free, slot)
}

// forget drops claim id from its article's list; an article left with
// neither claims nor a title is dropped too.
func (ix *Index) forget(articleID, id uint64) {
	if a := ix.articles[articleID]; a != nil {
		delete(a.claims, id)
		if len(a.claims) == 0 && a.title == "" {
			delete(ix.articles, articleID)
		}
	}
}

func (ix *Index) setTitle(articleID uint64, title string) {
	ix.touchArticle(articleID, true)
	a := ix.article(articleID)
	if len(a.claims) == 0 && title == "" {
		delete(ix.articles, articleID)
		return
	}
	if a.title == title {
		return
	}
	a.title = title
	for id := range a.claims {
		slot := ix.slots[id]
		ix.recs[slot] = newRecord(ix.entries[slot], title)
	}
}

// entry returns the Entry in slot with its article's title.
func (ix *Index) entry(slot int32) Entry {
	e := ix.entries[slot]
	if a := ix.articles[e.ArticleID]; a != nil {
		e.ArticleTitle = a.title
	}
	return e
}
