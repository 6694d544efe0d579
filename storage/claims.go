package storage

import (
	"errors"
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"
)

// AddClaim validates and stores a new claim. An empty Quote is filled
// from the text; a non-empty one must equal text[Start:End].
func (s *Store) AddClaim(a Claim) (Claim, error) {
	out, err := s.AddClaims([]Claim{a})
	if err != nil {
		return Claim{}, err
	}
	return out[0], nil
}

// AddClaims stores many claims, possibly of several articles, in one
// transaction: all land or none. A refusal names the claim's place in anns.
func (s *Store) AddClaims(anns []Claim) ([]Claim, error) {
	if len(anns) == 0 {
		return nil, nil
	}
	var stored []Claim
	err := s.update(func(tx *bolt.Tx) error {
		stored = make([]Claim, 0, len(anns))
		articles := map[uint64]Article{}
		for i, a := range anns {
			art, ok := articles[a.ArticleID]
			if !ok {
				var err error
				if art, err = getArticle(tx, a.ArticleID); err != nil {
					return batchError(err, i, len(anns))
				}
				articles[a.ArticleID] = art
			}
			one, err := insertClaims(tx, art, []Claim{a})
			if err != nil {
				return batchError(err, i, len(anns))
			}
			stored = append(stored, one...)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, a := range stored {
		s.notify(Change{Kind: ClaimAdded, Claim: a})
	}
	return stored, nil
}

// batchError says which claim of a batch was refused; a batch of one is the
// caller's single claim and needs no number.
func batchError(err error, i, n int) error {
	if n == 1 {
		return err
	}
	return fmt.Errorf("claim %d of %d: %w", i+1, n, err)
}

// UpdateClaim replaces a stored claim (label, speaker, target, note or
// span). Created is kept; Updated is set now.
func (s *Store) UpdateClaim(a Claim) (Claim, error) {
	err := s.update(func(tx *bolt.Tx) error {
		old, err := getClaim(tx, a.ID)
		if err != nil {
			return err
		}
		if old.ArticleID != a.ArticleID {
			return invalidf("claim %d belongs to article %d, not %d", a.ID, old.ArticleID, a.ArticleID)
		}
		art, err := getArticle(tx, a.ArticleID)
		if err != nil {
			return err
		}
		a.Created = old.Created
		a.Updated = time.Now().UTC()
		if a.Origin == "" {
			a.Origin = old.Origin
		}
		if err := validateClaim(tx, art, &a); err != nil {
			return err
		}
		return putJSON(tx.Bucket(bucketClaims), idKey(a.ID), a)
	})
	if err != nil {
		return Claim{}, err
	}
	s.notify(Change{Kind: ClaimUpdated, Claim: a})
	return a, nil
}

// RestoreClaim puts back a deleted claim under its old id, as undo
// needs. It refuses to overwrite a claim that exists.
func (s *Store) RestoreClaim(a Claim) (Claim, error) {
	err := s.update(func(tx *bolt.Tx) error {
		if a.ID == 0 {
			return invalidf("restore needs the claim's id")
		}
		anns := tx.Bucket(bucketClaims)
		if anns.Get(idKey(a.ID)) != nil {
			return invalidf("claim %d exists already", a.ID)
		}
		if a.ID > anns.Sequence() {
			// An id never issued would later be issued again and overwritten.
			return invalidf("claim id %d was never issued by this store", a.ID)
		}
		art, err := getArticle(tx, a.ArticleID)
		if err != nil {
			return err
		}
		if err := validateClaim(tx, art, &a); err != nil {
			return err
		}
		if a.Origin == "" {
			a.Origin = OriginManual
		}
		return writeClaim(tx, a)
	})
	if err != nil {
		return Claim{}, err
	}
	s.notify(Change{Kind: ClaimAdded, Claim: a})
	return a, nil
}

// DeleteClaim removes a claim and returns what was removed.
func (s *Store) DeleteClaim(id uint64) (Claim, error) {
	var old Claim
	err := s.update(func(tx *bolt.Tx) error {
		var err error
		if old, err = getClaim(tx, id); err != nil {
			return err
		}
		return deleteClaimRecord(tx, old)
	})
	if err != nil {
		return Claim{}, err
	}
	s.notify(Change{Kind: ClaimDeleted, Claim: old})
	return old, nil
}

// Annotation returns the claim with id, or ErrNotFound.
func (s *Store) Claim(id uint64) (Claim, error) {
	var a Claim
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		a, err = getClaim(tx, id)
		return err
	})
	return a, err
}

// Annotations lists one article's claims in text order: by start, then the
// longer first, then by id.
func (s *Store) Claims(articleID uint64) ([]Claim, error) {
	var out []Claim
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = claimsOf(tx, articleID)
		return err
	})
	return out, err
}

// ForEachClaim calls fn for every claim in id order, stopping at the
// first error fn returns. fn runs inside a read transaction: it must not
// write to the store.
func (s *Store) ForEachClaim(fn func(Claim) error) error {
	return s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketClaims).ForEach(func(_, v []byte) error {
			var a Claim
			if err := decodeJSON(v, &a); err != nil {
				return err
			}
			return callback(fn, a)
		})
	})
}

// insertAnnotations checks and stores new claims of art; the caller's
// transaction rolls back what was written when one is refused.
func insertClaims(tx *bolt.Tx, art Article, anns []Claim) ([]Claim, error) {
	checked, err := checkClaims(tx, art, anns)
	if err != nil {
		return nil, err
	}
	if err := writeNewClaims(tx, checked); err != nil {
		return nil, err
	}
	return checked, nil
}

// checkAnnotations validates new claims of art and returns them ready to
// write: quote filled, times and origin set, ids not yet issued. It writes
// nothing, so a refusal leaves the transaction as it was.
func checkClaims(tx *bolt.Tx, art Article, anns []Claim) ([]Claim, error) {
	now := time.Now().UTC()
	out := make([]Claim, len(anns))
	for i, a := range anns {
		a.ArticleID = art.ID
		if err := validateClaim(tx, art, &a); err != nil {
			return nil, batchError(err, i, len(anns))
		}
		if a.Created.IsZero() {
			a.Created = now
		}
		if a.Updated.IsZero() {
			a.Updated = a.Created
		}
		if a.Origin == "" {
			a.Origin = OriginManual
		}
		out[i] = a
	}
	return out, nil
}

// writeNewAnnotations gives checked claims their ids and stores them.
func writeNewClaims(tx *bolt.Tx, anns []Claim) error {
	bucket := tx.Bucket(bucketClaims)
	for i := range anns {
		id, err := bucket.NextSequence()
		if err != nil {
			return err
		}
		if bucket.Get(idKey(id)) != nil {
			return fmt.Errorf("%w: claim id %d is taken although the sequence is only now issuing it", ErrDamaged, id)
		}
		anns[i].ID = id
		if err := writeClaim(tx, anns[i]); err != nil {
			return err
		}
	}
	return nil
}

func writeClaim(tx *bolt.Tx, a Claim) error {
	if err := putJSON(tx.Bucket(bucketClaims), idKey(a.ID), a); err != nil {
		return err
	}
	return tx.Bucket(bucketIndex).Put(indexKey(a.ArticleID, a.ID), nil)
}

func deleteClaimRecord(tx *bolt.Tx, a Claim) error {
	if err := tx.Bucket(bucketIndex).Delete(indexKey(a.ArticleID, a.ID)); err != nil {
		return err
	}
	return tx.Bucket(bucketClaims).Delete(idKey(a.ID))
}

func getClaim(tx *bolt.Tx, id uint64) (Claim, error) {
	var a Claim
	ok, err := getJSON(tx.Bucket(bucketClaims), idKey(id), &a)
	if err == nil && !ok {
		err = fmt.Errorf("claim %d: %w", id, ErrNotFound)
	}
	return a, err
}

func claimsOf(tx *bolt.Tx, articleID uint64) ([]Claim, error) {
	var out []Claim
	prefix := idKey(articleID)
	c := tx.Bucket(bucketIndex).Cursor()
	for k, _ := c.Seek(prefix); hasPrefix(k, prefix); k, _ = c.Next() {
		a, err := getClaim(tx, keyID(k[8:]))
		if errors.Is(err, ErrNotFound) {
			err = fmt.Errorf("%w: the index of article %d lists claim %d, which does not exist; run `claimdesk check`", ErrDamaged, articleID, keyID(k[8:]))
		}
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	SortInTextOrder(out)
	return out, nil
}

// SortInTextOrder orders claims by start, the longer first, then by id.
func SortInTextOrder(anns []Claim) {
	sort.SliceStable(anns, func(i, j int) bool {
		a, b := anns[i], anns[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End > b.End
		}
		return a.ID < b.ID
	})
}
