package search

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
	"unsafe"

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
	gen     uint64            // bumped by every change; Sessions compare it
	loading *loadState        // non-nil while Load runs
}

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{titles: map[uint64]string{}}
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
		if r.article == articleID && r.hay != "" {
			gone = append(gone, r.id)
		}
	}
	for _, id := range gone {
		ix.touchClaim(id)
		ix.remove(id)
	}
	delete(ix.titles, articleID)
	ix.gen++
}

// put stores e under the lock; e.ArticleTitle is ignored.
func (ix *Index) put(e Entry) {
	slot := ix.putRecord(newRecord(e, ix.titles[e.ArticleID]))
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
	folded := foldText(title)
	for slot := range ix.recs {
		if r := &ix.recs[slot]; r.article == articleID && r.hay != "" {
			r.retitle(folded)
		}
	}
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
	titles := make(map[uint64]string, len(summaries))
	folded := make(map[uint64]string, len(summaries))
	for _, a := range summaries {
		if a.Title != "" {
			titles[a.ID] = a.Title
		}
		folded[a.ID] = foldText(a.Title)
	}
	claims := 0
	for _, a := range summaries {
		claims += a.Claims
	}
	recs, err := foldStore(store, folded, claims)
	if err != nil {
		return fmt.Errorf("search index: reading claims: %w", err)
	}
	if testHookLoadRead != nil {
		testHookLoadRead()
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.bind(store)
	ix.install(titles, recs)
	return nil
}

// foldStore folds every claim of store into a record, reading the claims
// where they lie in the file (no claim is decoded into strings of its
// own), split by id across all cores but one. The records come in the
// order of their ids; where ids are dense, as they are but after mass
// deletions, each is placed where its id puts it, which spares joining the
// workers' shares (a copy of every record), and ids no claim holds any more
// leave empty slots for install to drop. claims is about how many there
// are.
func foldStore(store *storage.Store, titles map[uint64]string, claims int) ([]record, error) {
	last, err := store.LastClaimID()
	if err != nil {
		return nil, err
	}
	dense := last <= 2*uint64(claims)+4096
	var recs []record
	if dense {
		recs = make([]record, last)
	}
	// One core is left to whoever waits for the index: the window, drawing
	// its first frame meanwhile, started with two cores busy loading took
	// twice as long to show at a million claims.
	workers := max(1, min(runtime.GOMAXPROCS(0)-1, int(last/uint64(parallelMin))+1))
	parts := make([][]record, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		first, upto := last*uint64(w)/uint64(workers)+1, last*uint64(w+1)/uint64(workers)
		wg.Go(func() {
			var buf []byte
			var texts textBlocks
			errs[w] = store.ForEachClaimBorrowed(first, upto, func(c *storage.Claim) bool {
				var r *record
				if dense {
					r = &recs[c.ID-1]
				} else {
					parts[w] = append(parts[w], record{})
					r = &parts[w][len(parts[w])-1]
				}
				buf = r.foldStored(buf[:0], c, titles[c.ArticleID])
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
func (ix *Index) install(titles map[uint64]string, recs []record) {
	touched := ix.loading
	for id, exists := range touched.articles {
		delete(titles, id)
		if title, ok := ix.titles[id]; exists && ok {
			titles[id] = title
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
	ix.gen++
	for _, r := range recs {
		if r.hay == "" {
			continue // an id no claim holds
		}
		if _, changed := touched.claims[r.id]; changed {
			continue
		}
		exists, retitled := touched.articles[r.article]
		switch {
		case retitled && !exists:
			// The article was removed while Load read its claims.
			continue
		case retitled:
			r.retitle(foldText(titles[r.article])) // the title set meanwhile
		}
		ix.recs = append(ix.recs, r)
		ix.claims++
	}
	for _, r := range kept {
		// Changed while the index held no titles yet, perhaps.
		r.retitle(foldText(titles[r.article]))
		ix.putRecord(r)
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

// record is what a search reads of one claim: its folded fields and where
// they end, its article's folded title, its rune masks and what ranking
// needs. It is kept apart from the Entry, so a scan walks a compact slice.
//
// A record reads as one text: the claim's fields joined by fieldSeparator,
// then fieldSeparator and the title. Positions count through it so; the
// title is kept once per article rather than after every claim (a tenth
// of what a million claims hold).
type record struct {
	hay      string // the claim's folded fields joined by fieldSeparator; "" marks a free slot
	title    string // the article's folded title, shared by its records
	ends     [fieldTitle]int32
	mask     uint64 // runeBit of every rune of the text
	initials uint64 // runeBit of every rune that starts a word
	singles  uint64 // runeBit of every word one rune long
	updated  int64  // Entry.Updated as rankTime orders it
	id       uint64
	article  uint64
}

// newRecord folds e's fields, with its article's title, into a record.
func newRecord(e Entry, title string) record {
	fs := [...]string{e.Quote, e.Label, e.Speaker, e.Target, e.Note, e.Annotator}
	size := len(fs)
	for _, f := range fs {
		size += len(f)
	}
	r := record{title: foldText(title)}
	buf := r.fold(make([]byte, 0, size), fs[:])
	r.setText(string(buf))
	r.updated = rankTime(e.Updated)
	r.id, r.article = e.ID, e.ArticleID
	return r
}

// foldStored appends to buf what newRecord folds of a stored claim, given
// its article's title already folded, and fills in everything but the
// text and its masks: the caller sets those from buf (setText), copying it
// or not.
func (r *record) foldStored(buf []byte, c *storage.Claim, foldedTitle string) []byte {
	fs := [...]string{c.Quote, c.Label, c.Speaker, c.Target, c.Note, c.Annotator}
	r.title = foldedTitle
	r.updated = rankTime(c.Updated)
	r.id, r.article = c.ID, c.ArticleID
	return r.fold(buf, fs[:])
}

// retitle puts a new title, folded, in place of the record's.
func (r *record) retitle(foldedTitle string) {
	r.title = foldedTitle
	r.setText(r.hay)
}

// fold appends the folded claim fields fs to buf, joined by
// fieldSeparator, and records where each ends.
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

// setText sets the folded claim fields and the masks of the whole text,
// the title included.
func (r *record) setText(hay string) {
	r.hay = hay
	r.mask, r.initials, r.singles = 0, 0, 0
	r.addMasks(hay)
	r.addMasks(r.title)
}

// addMasks adds the runes and words of text to the masks. Texts are
// joined by a separator, which ends words.
func (r *record) addMasks(text string) {
	inWord, runes := false, 0
	var first rune
	for i := 0; i < len(text); {
		// ASCII without decoding: most of every text.
		c, size := rune(text[i]), 1
		if c >= utf8.RuneSelf {
			c, size = utf8.DecodeRuneInString(text[i:])
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
	text, lo, hi := r.within(f)
	return text[lo:hi]
}

// within returns the string holding field f, and where f lies in it.
func (r *record) within(f field) (text string, lo, hi int) {
	if f == fieldTitle {
		return r.title, 0, len(r.title)
	}
	if f > 0 {
		lo = int(r.ends[f-1]) + 1
	}
	return r.hay, lo, int(r.ends[f])
}

// titleAt is where the title starts in the record's text.
func (r *record) titleAt() int { return len(r.hay) + 1 }

// at returns the string holding position p of the record's text, and p
// within it.
func (r *record) at(p int) (string, int) {
	if p < r.titleAt() {
		return r.hay, p
	}
	return r.title, p - r.titleAt()
}

// index is the position of w in the record's text at or after from, or
// -1. No occurrence spans the separator before the title: a word never
// holds it.
func (r *record) index(w string, from int) int {
	if from < len(r.hay) {
		if i := index(r.hay, w, from); i >= 0 {
			return i
		}
	}
	if t := max(from-r.titleAt(), 0); t < len(r.title) {
		if i := index(r.title, w, t); i >= 0 {
			return r.titleAt() + i
		}
	}
	return -1
}

// indexByte is the first position of b in the record's text, or -1.
func (r *record) indexByte(b byte) int {
	if i := strings.IndexByte(r.hay, b); i >= 0 {
		return i
	}
	if i := strings.IndexByte(r.title, b); i >= 0 {
		return r.titleAt() + i
	}
	return -1
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
