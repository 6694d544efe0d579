package search

import (
	"cmp"
	"slices"
	"sync"
	"time"

	"claimdesk/storage"
)

// Entry is one claim as the index holds it.
type Entry struct {
	ID, ArticleID uint64
	ArticleTitle  string
	Quote         string
	Label         string
	Speaker       string
	Target        string
	Note          string
	Annotator     string
	Start, End    int // code points of the article text, end exclusive
	Updated       time.Time
}

// EntryOf makes the Entry of a stored claim. articleTitle may be empty when
// the index already knows the article's title (see Index.Put).
func EntryOf(c storage.Claim, articleTitle string) Entry {
	return Entry{
		ID:           c.ID,
		ArticleID:    c.ArticleID,
		ArticleTitle: articleTitle,
		Quote:        c.Quote,
		Label:        c.Label,
		Speaker:      c.Speaker,
		Target:       c.Target,
		Note:         c.Note,
		Annotator:    c.Annotator,
		Start:        c.Start,
		End:          c.End,
		Updated:      c.Updated,
	}
}

// Index holds every claim for searching. It is safe for concurrent use:
// searches share a read lock; a change takes the write lock briefly (a
// claim's text is folded again, or an article's claims on a new title).
//
// An index bound to a store (by Follow or Load) holds only what a search
// reads of each claim, its folded text, masks and ranking keys, and reads
// the claims it returns back from the store: at 100,000 claims that halves
// what the window keeps in memory. An index no store backs, such as one over
// a single article's claims, keeps each Entry it is given.
type Index struct {
	mu sync.RWMutex
	// recs are the slots searches scan, in the order of the claims' ids,
	// which finds a claim by its id without a map of a million entries:
	// new claims take new, higher ids. A removed claim's slot stays, its
	// text empty, until a quarter of the slots are such (a claim whose
	// delete is undone takes its slot back).
	recs    []record
	entries []Entry // the Entry of each slot when unbound, ArticleTitle left empty
	store   *storage.Store
	claims  int               // live slots
	titles  map[uint64]string // by article id; an article without a title has none
	// articles are what the records of each article's claims share, by
	// article id; an article no record is of may have none.
	articles map[uint64]*article
	values   *values    // of the claims put one by one
	gen      uint64     // bumped by every change; Sessions compare it
	loading  *loadState // non-nil while Load runs
	// loadGate is read-locked by Load's readers while they read, and
	// locked by Hold.
	loadGate sync.RWMutex
}

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{titles: map[uint64]string{}, articles: map[uint64]*article{}, values: newValues()}
}

// Len is the number of claims in the index.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.claims
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
	var gone []uint64 // removing may compact the slots: not while walking them
	for _, r := range ix.recs {
		if r.hay != "" && r.of.id == articleID {
			gone = append(gone, r.id)
		}
	}
	for _, id := range gone {
		ix.touchClaim(id)
		ix.remove(id)
	}
	delete(ix.titles, articleID)
	delete(ix.articles, articleID)
	ix.gen++
}

// put stores e under the lock; e.ArticleTitle is ignored.
func (ix *Index) put(e Entry) {
	slot := ix.putRecord(newRecord(e, ix.values.fieldSet(e.Label, e.Speaker, e.Target, e.Annotator), ix.article(e.ArticleID)))
	if ix.store == nil {
		e.ArticleTitle = ""
		ix.entries[slot] = e
	}
}

// putRecord stores r in the slot of its claim, under the lock, and returns
// the slot.
func (ix *Index) putRecord(r record) int {
	slot, found := ix.slot(r.id)
	switch {
	case !found:
		ix.recs = slices.Insert(ix.recs, slot, r)
		if ix.store == nil {
			ix.entries = slices.Insert(ix.entries, slot, Entry{})
		}
		ix.claims++
	case ix.recs[slot].hay == "":
		ix.claims++
	}
	ix.recs[slot] = r
	return slot
}

// slot is where the claim with id is, or would go, among the slots, and
// whether it has one (its text empty once removed).
func (ix *Index) slot(id uint64) (int, bool) {
	return slices.BinarySearchFunc(ix.recs, id, func(r record, id uint64) int { return cmp.Compare(r.id, id) })
}

func (ix *Index) remove(id uint64) {
	slot, found := ix.slot(id)
	if !found || ix.recs[slot].hay == "" {
		return
	}
	ix.recs[slot] = record{id: id}
	if ix.store == nil {
		ix.entries[slot] = Entry{}
	}
	ix.claims--
	if removed := len(ix.recs) - ix.claims; removed > 64 && removed > len(ix.recs)/4 {
		ix.compact()
	}
}

// compact drops the slots of removed claims.
func (ix *Index) compact() {
	kept := 0
	for i, r := range ix.recs {
		if r.hay == "" {
			continue
		}
		ix.recs[kept] = r
		if ix.store == nil {
			ix.entries[kept] = ix.entries[i]
		}
		kept++
	}
	clear(ix.recs[kept:])
	ix.recs = ix.recs[:kept]
	if ix.store == nil {
		clear(ix.entries[kept:])
		ix.entries = ix.entries[:kept]
	}
}

// setTitle gives an article a new title, folding it into the records of
// its claims again (a rename is rare: a pass over the records is cheaper
// than keeping each article's list of claims).
func (ix *Index) setTitle(articleID uint64, title string) {
	ix.touchArticle(articleID, true)
	if ix.titles[articleID] == title {
		return
	}
	if title == "" {
		delete(ix.titles, articleID)
	} else {
		ix.titles[articleID] = title
	}
	of, ok := ix.articles[articleID]
	if !ok {
		return // no record is of it: the next one gets the title
	}
	of.retitle(foldText(title))
	for slot := range ix.recs {
		if r := &ix.recs[slot]; r.of == of && r.hay != "" {
			r.remask()
		}
	}
}

// article is what the records of the article with id share, made the first
// time a record is of it. Called under the lock.
func (ix *Index) article(id uint64) *article {
	of, ok := ix.articles[id]
	if !ok {
		of = titled(id, ix.titles[id])
		ix.articles[id] = of
	}
	return of
}

// bind makes the index read the claims it returns from store, and so stop
// keeping their Entries. Called under the lock.
func (ix *Index) bind(store *storage.Store) {
	ix.store = store
	ix.entries = nil
}

// Follow keeps the index current with store: every committed claim, article
// and label change reaches the index before the call that made it returns
// (storage calls listeners on the changing goroutine). Call it once, before
// Load. From then on the index reads the claims it returns from store.
func (ix *Index) Follow(store *storage.Store) {
	ix.mu.Lock()
	ix.bind(store)
	ix.mu.Unlock()
	store.OnChange(ix.apply)
}

// apply brings one committed change into the index.
func (ix *Index) apply(c storage.Change) {
	switch c.Kind {
	case storage.ClaimAdded, storage.ClaimUpdated:
		// Added covers create, undo of a delete (RestoreClaim) and
		// import; the title comes from the article the index knows.
		ix.Put(EntryOf(c.Claim, ""))
	case storage.ClaimDeleted:
		ix.Remove(c.Claim.ID)
	case storage.ArticleAdded, storage.ArticleUpdated:
		ix.SetArticleTitle(c.Article.ID, c.Article.Title)
	case storage.ArticleDeleted:
		// Its claims were each reported deleted just before.
		ix.RemoveArticle(c.Article.ID)
	case storage.LabelsChanged:
		// A rename is also reported as ClaimUpdated for every claim it
		// relabelled; label colours and hotkeys are not searched.
	}
}
