package storage

import (
	"errors"
	"fmt"
	"iter"
	"sort"

	bolt "go.etcd.io/bbolt"
)

// Claim returns the claim with id, or ErrNotFound.
func (s *Store) Claim(id uint64) (Claim, error) {
	var a Claim
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		a, err = getClaim(tx, id)
		return err
	})
	return a, err
}

// Claims lists one article's claims in text order: by start, then the
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
		return eachClaim(tx, false, func(c Claim) error { return callback(fn, c) })
	})
}

// ForEachClaimBorrowed is ForEachClaim for readers that keep nothing of a
// claim past fn, such as a search scanning every claim: the strings of the
// Claim fn gets are the stored bytes themselves, valid only until fn
// returns (copy what must outlive it, strings.Clone), which spares
// allocating every quote. Claims first to last (ids) are read.
func (s *Store) ForEachClaimBorrowed(first, last uint64, fn func(*Claim) bool) error {
	return s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketClaims).Cursor()
		var claim Claim
		for k, v := c.Seek(idKey(first)); k != nil && keyID(k) <= last; k, v = c.Next() {
			if err := readBorrowed(k, v, &claim); err != nil {
				return err
			}
			if !borrowedCallback(fn, &claim) {
				return nil
			}
		}
		return nil
	})
}

// borrowedCallback is callback for ForEachClaimBorrowed's fn.
func borrowedCallback(fn func(*Claim) bool, c *Claim) bool {
	defer func() {
		if r := recover(); r != nil {
			panic(userPanic{r})
		}
	}()
	return fn(c)
}

// readBorrowed decodes a record for ForEachClaimBorrowed; a JSON record
// (salvaged from before schema 3) is decoded into owned strings.
func readBorrowed(k, v []byte, c *Claim) error {
	if len(v) > 0 && v[0] == '{' {
		var err error
		*c, err = decodeClaim(k, v)
		return err
	}
	return readClaim(k, v, c, true)
}

// LastClaimID is the highest claim id the store has issued: claim ids
// lie in 1..LastClaimID, so readers can split them into ranges.
func (s *Store) LastClaimID() (uint64, error) {
	var last uint64
	err := s.view(func(tx *bolt.Tx) error {
		last = tx.Bucket(bucketClaims).Sequence()
		return nil
	})
	return last, err
}

// eachClaim decodes every claim in id order; with borrow its strings are
// the stored bytes, valid only until fn returns.
func eachClaim(tx *bolt.Tx, borrow bool, fn func(Claim) error) error {
	return tx.Bucket(bucketClaims).ForEach(func(k, v []byte) error {
		var c Claim
		var err error
		if borrow {
			err = readBorrowed(k, v, &c)
		} else {
			c, err = decodeClaim(k, v)
		}
		if err != nil {
			return err
		}
		return fn(c)
	})
}

func getClaim(tx *bolt.Tx, id uint64) (Claim, error) {
	key := idKey(id)
	raw := tx.Bucket(bucketClaims).Get(key)
	if raw == nil {
		return Claim{}, fmt.Errorf("claim %d: %w", id, ErrNotFound)
	}
	return decodeClaim(key, raw)
}

func claimsOf(tx *bolt.Tx, articleID uint64) ([]Claim, error) {
	var out []Claim
	for id := range claimIDsOf(tx, articleID) {
		a, err := getClaim(tx, id)
		if errors.Is(err, ErrNotFound) {
			err = fmt.Errorf("%w: the index of article %d lists claim %d, which does not exist; run `claimdesk check`", ErrDamaged, articleID, id)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	SortInTextOrder(out)
	return out, nil
}

// claimIDsOf yields the ids the index files under one article, in id
// order, from a prefix scan that decodes no record.
func claimIDsOf(tx *bolt.Tx, articleID uint64) iter.Seq[uint64] {
	return func(yield func(uint64) bool) {
		prefix := idKey(articleID)
		c := tx.Bucket(bucketIndex).Cursor()
		for k, _ := c.Seek(prefix); hasPrefix(k, prefix); k, _ = c.Next() {
			if !yield(keyID(k[8:])) {
				return
			}
		}
	}
}

// claimCount counts one article's claims from its summary.
func claimCount(tx *bolt.Tx, articleID uint64) int {
	r, err := getSummary(tx, articleID)
	if err != nil {
		return 0
	}
	return r.claims()
}

// SortInTextOrder orders claims by start, the longer first, then by id.
func SortInTextOrder(claims []Claim) {
	sort.SliceStable(claims, func(i, j int) bool {
		a, b := claims[i], claims[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End > b.End
		}
		return a.ID < b.ID
	})
}
