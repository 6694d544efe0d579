package storage

import (
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// ImportItem is one article with its claims, as ImportArticles takes them.
// Claim offsets refer to the normalised text, as for ImportArticle.
type ImportItem struct {
	Article Article
	Claims  []Claim
}

// ImportResult is what became of one ImportItem. When Err is set, nothing
// of the item was stored and Article and Annotations are zero; Err is then
// a *DuplicateError (the text is stored already, or came earlier in the
// same call) or wraps ErrInvalid.
type ImportResult struct {
	Article       Article // as stored: id, hash, title, time and status set
	Claims        []Claim // as stored, in the item's order
	Normalization Normalization
	Err           error
}

// ImportArticle stores an article and its annotations in one transaction:
// either all of it lands or none. Annotation offsets refer to the normalised
// text; when normalisation changed a text that came with annotations the call
// is refused, because the offsets would point elsewhere. It is
// ImportArticles with one item.
func (s *Store) ImportArticle(a Article, anns []Claim) (Article, []Claim, Normalization, error) {
	results, err := s.ImportArticles([]ImportItem{{Article: a, Claims: anns}})
	if err != nil {
		return Article{}, nil, Normalization{}, err
	}
	r := results[0]
	return r.Article, r.Claims, r.Normalization, r.Err
}

// ImportArticles stores many articles with their claims in one transaction,
// so one fsync covers them all. Each item lands whole or not at all, on its
// own: a duplicate or a refused claim sets that item's Err and the others
// still land; results[i] tells of items[i]. The error is for what fails the
// whole call — the disk, a damaged file — and then nothing is stored and
// results is nil. After the commit, listeners hear of each stored article
// and then of its claims, in item order, as ImportArticle tells them.
func (s *Store) ImportArticles(items []ImportItem) ([]ImportResult, error) {
	results := make([]ImportResult, len(items))
	pending := 0
	for i, it := range items {
		r := &results[i]
		r.Article, r.Normalization, r.Err = prepareArticle(it.Article, len(it.Claims) > 0)
		if r.Err == nil {
			pending++
		}
	}
	if pending == 0 {
		return results, nil // nothing to write, so no transaction and no fsync
	}
	err := s.update(func(tx *bolt.Tx) error {
		for i := range results {
			r := &results[i]
			if r.Err != nil {
				continue
			}
			anns, refused, err := checkArticle(tx, &r.Article, items[i].Claims)
			if err != nil {
				return err
			}
			if refused != nil {
				r.Article, r.Err = Article{}, refused
				continue
			}
			if err := writeArticle(tx, &r.Article, anns); err != nil {
				return err // the transaction holds part of an item: only a rollback undoes it
			}
			r.Claims = anns
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.notify(importChanges(results)...)
	return results, nil
}

// prepareArticle normalises an article and fills in what the store sets,
// refusing what no transaction could store.
func prepareArticle(a Article, withClaims bool) (Article, Normalization, error) {
	text, norm := Normalize(a.Text)
	if withClaims && text != a.Text {
		return Article{}, norm, invalidf("article %q: text changed by normalisation (%s); normalise before computing offsets", a.Title, norm)
	}
	if strings.TrimSpace(text) == "" {
		return Article{}, norm, invalidf("article %q has no text", a.Title)
	}
	a.Text = text
	a.SHA256 = HashText(text)
	a.Title = strings.TrimSpace(a.Title)
	if a.Title == "" {
		a.Title = TitleFromText(text)
	}
	if a.Added.IsZero() {
		a.Added = time.Now().UTC()
	}
	if a.Status == "" {
		a.Status = StatusNew
	}
	if !a.Status.Valid() {
		return Article{}, norm, invalidf("article %q: unknown status %q", a.Title, a.Status)
	}
	return a, norm, nil
}

// checkArticle decides, before anything of the item is written, whether it
// can land: its text is not stored yet (nor earlier in this transaction)
// and every claim is valid; it returns the claims ready to write. bbolt has
// no savepoints, so an item must be refused before its first write, never
// after. It sets a.ID to the id the article will get, so refusals name it
// as ImportArticle always has. refused, a *DuplicateError or an ErrInvalid,
// concerns the item; err, a read that failed, the whole transaction.
func checkArticle(tx *bolt.Tx, a *Article, anns []Claim) (checked []Claim, refused, err error) {
	dup, ok, err := articleByHash(tx, a.SHA256)
	switch {
	case err != nil:
		return nil, nil, err
	case ok:
		return nil, &DuplicateError{ExistingID: dup.ID, ExistingTitle: dup.Title}, nil
	}
	a.ID = tx.Bucket(bucketArticles).Sequence() + 1
	checked, refused = checkClaims(tx, *a, anns)
	return checked, refused, nil
}

// writeArticle stores a checked article and its checked claims, giving
// them their ids.
func writeArticle(tx *bolt.Tx, a *Article, anns []Claim) error {
	arts := tx.Bucket(bucketArticles)
	id, err := arts.NextSequence()
	if err != nil {
		return err
	}
	a.ID = id
	if err := putJSON(arts, idKey(id), *a); err != nil {
		return err
	}
	if err := tx.Bucket(bucketHashes).Put([]byte(a.SHA256), idKey(id)); err != nil {
		return err
	}
	for i := range anns {
		anns[i].ArticleID = id
	}
	return writeNewClaims(tx, anns)
}

// importChanges lists what listeners hear of an import: each stored
// article, then its claims.
func importChanges(results []ImportResult) []Change {
	var changes []Change
	for _, r := range results {
		if r.Err != nil {
			continue
		}
		changes = append(changes, Change{Kind: ArticleAdded, Article: summarise(r.Article, len(r.Claims))})
		for _, an := range r.Claims {
			changes = append(changes, Change{Kind: ClaimAdded, Claim: an})
		}
	}
	return changes
}
