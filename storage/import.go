package storage

import bolt "go.etcd.io/bbolt"

// ImportItem is one article with its claims, as ImportArticles takes them.
// Claim offsets refer to the normalised text, as for ImportArticle.
type ImportItem struct {
	Article Article
	Claims  []Claim
}

// ImportResult is what became of one ImportItem. When Err is set, nothing
// of the item was stored and Article and Claims are zero; Err is then
// a *DuplicateError (the text is stored already, or came earlier in the
// same call, and the item brings no claims) or wraps ErrInvalid.
//
// An item whose text is stored already but which brings claims is merged:
// its claims are added to the stored article (Merged, Article is that
// article as stored), each under its own annotator, so several
// annotators' files of one article make one article with a layer each.
// Only a claim exactly like one the article holds — same annotator,
// start, end and label — is left out, and counted in SkippedClaims.
type ImportResult struct {
	Article       Article // as stored: id, hash, title, time and status set
	Claims        []Claim // as stored, in the item's order
	Normalization Normalization
	Merged        bool // the article was stored already; Claims were added to it
	SkippedClaims int  // claims left out as exact duplicates of stored ones
	Err           error

	merged ArticleSummary // a merged article after the merge, for listeners
}

// ImportArticle stores an article and its claims in one transaction:
// either all of it lands or none. Claim offsets refer to the normalised
// text; when normalisation changed a text that came with claims the call
// is refused, because the offsets would point elsewhere. It is
// ImportArticles with one item.
func (s *Store) ImportArticle(a Article, claims []Claim) (Article, []Claim, Normalization, error) {
	results, err := s.ImportArticles([]ImportItem{{Article: a, Claims: claims}})
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
			claims, refusal, err := checkArticle(tx, r, items[i].Claims)
			if err != nil {
				return err
			}
			if refusal != nil {
				r.Article, r.Err = Article{}, refusal
				continue
			}
			if r.Merged {
				if err := writeNewClaims(tx, claims); err != nil {
					return err
				}
				r.Claims = claims
				r.merged = summarise(r.Article, claimCount(tx, r.Article.ID))
				continue
			}
			if err := writeArticle(tx, &r.Article, claims); err != nil {
				return err // the transaction holds part of an item: only a rollback undoes it
			}
			r.Claims = claims
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.notify(importChanges(results)...)
	return results, nil
}

// checkArticle decides, before anything of the item is written, whether it
// can land: its text is not stored yet (nor earlier in this transaction),
// or it is and the item brings claims to add to it (r.Merged), and every
// claim is valid; it returns the claims ready to write. bbolt has no
// savepoints, so an item must be refused before its first write, never
// after. It sets r.Article.ID to the id the article will get, so refusals
// name it as ImportArticle always has. refusal, a *DuplicateError or an
// ErrInvalid, concerns the item; err, a read that failed, the whole
// transaction.
func checkArticle(tx *bolt.Tx, r *ImportResult, claims []Claim) (checked []Claim, refusal, err error) {
	a := &r.Article
	dup, ok, err := articleByHash(tx, a.SHA256)
	switch {
	case err != nil:
		return nil, nil, err
	case ok && len(claims) == 0:
		return nil, &DuplicateError{ExistingID: dup.ID, ExistingTitle: dup.Title}, nil
	case ok:
		checked, refusal = checkClaims(tx, dup, claims)
		if refusal != nil {
			return nil, refusal, nil
		}
		stored, err := claimsOf(tx, dup.ID)
		if err != nil {
			return nil, nil, err
		}
		r.Article, r.Merged = dup, true
		checked, r.SkippedClaims = withoutDuplicates(stored, checked)
		return checked, nil, nil
	}
	a.ID = tx.Bucket(bucketArticles).Sequence() + 1
	checked, refusal = checkClaims(tx, *a, claims)
	return checked, refusal, nil
}

// claimIdentity is what makes two claims the same claim of one article:
// the same annotator marked the same span with the same label. Speaker,
// target and note are details of it.
type claimIdentity struct {
	annotator, label string
	start, end       int
}

func identityOf(c Claim) claimIdentity {
	return claimIdentity{annotator: c.Annotator, label: c.Label, start: c.Start, end: c.End}
}

// withoutDuplicates drops the claims of fresh that are the same claim as
// one of stored or one earlier in fresh, and counts them.
func withoutDuplicates(stored, fresh []Claim) (kept []Claim, skipped int) {
	seen := make(map[claimIdentity]bool, len(stored)+len(fresh))
	for _, c := range stored {
		seen[identityOf(c)] = true
	}
	kept = fresh[:0]
	for _, c := range fresh {
		id := identityOf(c)
		if seen[id] {
			skipped++
			continue
		}
		seen[id] = true
		kept = append(kept, c)
	}
	return kept, skipped
}

// importChanges lists what listeners hear of an import: each stored
// article, then its claims.
func importChanges(results []ImportResult) []Change {
	var changes []Change
	for _, r := range results {
		if r.Err != nil {
			continue
		}
		if r.Merged {
			changes = append(changes, Change{Kind: ArticleUpdated, Article: r.merged})
		} else {
			changes = append(changes, Change{Kind: ArticleAdded, Article: summarise(r.Article, len(r.Claims))})
		}
		for _, c := range r.Claims {
			changes = append(changes, Change{Kind: ClaimAdded, Claim: c})
		}
	}
	return changes
}
