package search

import (
	"fmt"
	"math"
	"sync"
	"time"
	"unicode/utf8"

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

// Follow keeps the index current with store: every committed claim, article
// and label change reaches the index before the call that made it returns
// (storage calls listeners on the changing goroutine). Call it once, before
// Load.
func (ix *Index) Follow(store *storage.Store) {
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

// Load replaces the index's contents with every claim and article title of
// store. It reads the store without holding the index, so it may run in a
// goroutine while searches go on (they see the old contents until Load
// finishes). To miss nothing, call Follow first: a change heard while Load
// runs wins over what Load read.
func (ix *Index) Load(store *storage.Store) error {
	ix.beginLoad()
	defer ix.endLoad()
	// The summaries hold the titles: no article's text is read.
	summaries, err := store.ArticleSummaries()
	if err != nil {
		return fmt.Errorf("search index: reading articles: %w", err)
	}
	titles := make(map[uint64]string, len(summaries))
	for _, a := range summaries {
		titles[a.ID] = a.Title
	}
	var entries []Entry
	err = store.ForEachClaim(func(c storage.Claim) error {
		entries = append(entries, EntryOf(c, ""))
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

// field names the searchable parts of a claim, in their order in a record.
type field int

const (
	fieldQuote field = iota
	fieldLabel
	fieldSpeaker
	fieldTarget
	fieldNote
	fieldAnnotator
	fieldTitle
	numFields
)

// fieldSeparator joins the fields in a record's text. A query word never
// holds it (words are split at white space, phrases keep single spaces), so
// a contiguous occurrence never runs from one field into the next, and it
// ends words.
const fieldSeparator = '\n'

// fields lists e's searchable texts in field order, title last.
func fields(e Entry, title string) [numFields]string {
	return [numFields]string{e.Quote, e.Label, e.Speaker, e.Target, e.Note, e.Annotator, title}
}

// record is what a search reads of one claim: its folded fields and where
// they end, its rune masks and what ranking needs. It is kept
// apart from the Entry, so a scan walks a compact slice.
type record struct {
	hay      string // folded fields joined by fieldSeparator; "" marks a free slot
	ends     [numFields]int32
	mask     uint64 // runeBit of every rune of hay
	initials uint64 // runeBit of every rune that starts a word
	singles  uint64 // runeBit of every word one rune long
	updated  int64  // Entry.Updated as rankTime orders it
	id       uint64
}

// newRecord folds e's fields, with its article's title, into a record.
func newRecord(e Entry, title string) record {
	fs := fields(e, title)
	size := int(numFields)
	for _, f := range fs {
		size += len(f)
	}
	var r record
	buf := r.fold(make([]byte, 0, size), fs[:fieldTitle])
	buf = append(buf, fieldSeparator)
	buf = appendFolded(buf, title)
	r.ends[fieldTitle] = int32(len(buf))
	r.setText(string(buf))
	r.updated = rankTime(e.Updated)
	r.id = e.ID
	return r
}

// fold appends the folded claim fields fs (all but the title) to buf,
// joined by fieldSeparator, and records where each ends. The title is
// appended after them, folded, with its separator.
func (r *record) fold(buf []byte, fs []string) []byte {
	for i, f := range fs {
		if i > 0 {
			buf = append(buf, fieldSeparator)
		}
		buf = appendFolded(buf, f)
		r.ends[i] = int32(len(buf))
	}
	return buf
}

// textRecord is the record of a bare text, such as an article title: a
// claim with nothing but a quote.
func textRecord(text string) record {
	return newRecord(Entry{Quote: text}, "")
}

// setText sets the folded text and its masks.
func (r *record) setText(hay string) {
	r.hay = hay
	r.mask, r.initials, r.singles = 0, 0, 0
	inWord, runes := false, 0
	var first rune
	for i := 0; i < len(hay); {
		// ASCII without decoding: most of every text.
		c, size := rune(hay[i]), 1
		if c >= utf8.RuneSelf {
			c, size = utf8.DecodeRuneInString(hay[i:])
		}
		i += size
		bit := runeBit(c)
		r.mask |= bit
		word := isWordRune(c)
		if word && !inWord {
			r.initials |= bit
			first, runes = c, 0
		}
		if !word && inWord && runes == 1 {
			r.singles |= runeBit(first)
		}
		inWord = word
		runes++
	}
	if inWord && runes == 1 {
		r.singles |= runeBit(first)
	}
}

// field returns the folded text of one field.
func (r *record) field(f field) string {
	lo, hi := r.span(f)
	return r.hay[lo:hi]
}

// span is where field f lies in hay.
func (r *record) span(f field) (int, int) {
	lo := 0
	if f > 0 {
		lo = int(r.ends[f-1]) + 1
	}
	return lo, int(r.ends[f])
}

// rankTime orders times as int64 nanoseconds. Unlike UnixNano it is defined
// for every time: the zero time (never updated) sorts before all others, and
// times beyond the years 1678–2262 are clamped.
func rankTime(t time.Time) int64 {
	if t.IsZero() {
		return math.MinInt64
	}
	const limit int64 = math.MaxInt64/1_000_000_000 - 1
	s := min(max(t.Unix(), -limit), limit)
	return s*1e9 + int64(t.Nanosecond())
}
