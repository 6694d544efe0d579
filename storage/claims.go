package storage

import (
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Claim is one labeled claim: the span [Start, End) of its article's
// text in code points, with Quote equal to that span.
type Claim struct {
	ID        uint64    `json:"id"`
	ArticleID uint64    `json:"article_id"`
	Start     int       `json:"start"`
	End       int       `json:"end"`
	Quote     string    `json:"quote"`
	Label     string    `json:"label"`
	Speaker   string    `json:"speaker,omitempty"`
	Target    string    `json:"target,omitempty"`
	Note      string    `json:"note,omitempty"`
	Annotator string    `json:"annotator,omitempty"`
	Origin    Origin    `json:"origin"`
	Created   time.Time `json:"created"`
	Updated   time.Time `json:"updated"`
}

// Origin says how a claim came to be.
type Origin string

// The origins of a claim.
const (
	OriginManual    Origin = "manual"
	OriginSuggested Origin = "suggested"
	OriginImported  Origin = "imported"
)

// Valid reports whether o is one of the known origins.
func (o Origin) Valid() bool {
	return o == OriginManual || o == OriginSuggested || o == OriginImported
}

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
// transaction: all land or none. A refusal names the claim's place in
// claims.
func (s *Store) AddClaims(claims []Claim) ([]Claim, error) {
	if len(claims) == 0 {
		return nil, nil
	}
	var stored []Claim
	err := s.update(func(tx *bolt.Tx) error {
		stored = make([]Claim, 0, len(claims))
		articles := map[uint64]Article{}
		for i, a := range claims {
			art, ok := articles[a.ArticleID]
			if !ok {
				var err error
				if art, err = getArticle(tx, a.ArticleID); err != nil {
					return batchError(err, i, len(claims))
				}
				articles[a.ArticleID] = art
			}
			one, err := insertClaims(tx, art, []Claim{a})
			if err != nil {
				return batchError(err, i, len(claims))
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
		if err := validateClaim(tx, art, nil, &a); err != nil {
			return err
		}
		return replaceClaims(tx, []Claim{old}, []Claim{a})
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
		claims := tx.Bucket(bucketClaims)
		if claims.Get(idKey(a.ID)) != nil {
			return invalidf("claim %d exists already", a.ID)
		}
		if a.ID > claims.Sequence() {
			// An id never issued would later be issued again and overwritten.
			return invalidf("claim id %d was never issued by this store", a.ID)
		}
		art, err := getArticle(tx, a.ArticleID)
		if err != nil {
			return err
		}
		if err := validateClaim(tx, art, nil, &a); err != nil {
			return err
		}
		if a.Origin == "" {
			a.Origin = OriginManual
		}
		return addClaims(tx, []Claim{a})
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
		return deleteClaims(tx, []Claim{old})
	})
	if err != nil {
		return Claim{}, err
	}
	s.notify(Change{Kind: ClaimDeleted, Claim: old})
	return old, nil
}

// insertClaims checks and stores new claims of art; the caller's
// transaction rolls back what was written when one is refused.
func insertClaims(tx *bolt.Tx, art Article, claims []Claim) ([]Claim, error) {
	checked, err := checkClaims(tx, art, claims)
	if err != nil {
		return nil, err
	}
	if err := writeNewClaims(tx, checked); err != nil {
		return nil, err
	}
	return checked, nil
}

// checkClaims validates new claims of art and returns them ready to
// write: quote filled, times and origin set, ids not yet issued. It writes
// nothing, so a refusal leaves the transaction as it was.
func checkClaims(tx *bolt.Tx, art Article, claims []Claim) ([]Claim, error) {
	now := time.Now().UTC()
	out := make([]Claim, len(claims))
	var index *TextIndex
	if len(claims) > 1 {
		index = NewTextIndex(art.Text)
	}
	for i, a := range claims {
		a.ArticleID = art.ID
		if err := validateClaim(tx, art, index, &a); err != nil {
			return nil, batchError(err, i, len(claims))
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

// writeNewClaims gives checked claims their ids and stores them.
func writeNewClaims(tx *bolt.Tx, claims []Claim) error {
	bucket := tx.Bucket(bucketClaims)
	for i := range claims {
		id, err := bucket.NextSequence()
		if err != nil {
			return err
		}
		if bucket.Get(idKey(id)) != nil {
			return fmt.Errorf("%w: claim id %d is taken although the sequence is only now issuing it", ErrDamaged, id)
		}
		claims[i].ID = id
	}
	return addClaims(tx, claims)
}

// addClaims stores checked claims that have their ids, with their index
// entries and their articles' summaries.
func addClaims(tx *bolt.Tx, claims []Claim) error {
	deltas := tallyDeltas{}
	for _, c := range claims {
		if err := writeClaim(tx, c); err != nil {
			return err
		}
		deltas.add(c, 1)
	}
	return deltas.apply(tx)
}

// replaceClaims writes each of updated over the same claim in old,
// keeping the summaries' counts.
func replaceClaims(tx *bolt.Tx, old, updated []Claim) error {
	deltas := tallyDeltas{}
	for i, c := range updated {
		if err := putClaimRecord(tx, c); err != nil {
			return err
		}
		deltas.add(old[i], -1)
		deltas.add(c, 1)
	}
	return deltas.apply(tx)
}

// deleteClaims removes claims, their index entries and their counts.
func deleteClaims(tx *bolt.Tx, claims []Claim) error {
	deltas := tallyDeltas{}
	for _, c := range claims {
		if err := deleteClaimRecord(tx, c); err != nil {
			return err
		}
		deltas.add(c, -1)
	}
	return deltas.apply(tx)
}

// writeClaim writes a claim's record and index entry, not its count:
// addClaims, or recovery's recount, sees to that.
func writeClaim(tx *bolt.Tx, a Claim) error {
	if err := putClaimRecord(tx, a); err != nil {
		return err
	}
	index := tx.Bucket(bucketIndex)
	index.FillPercent = appendFill
	return index.Put(indexKey(a.ArticleID, a.ID), nil)
}

func deleteClaimRecord(tx *bolt.Tx, a Claim) error {
	if err := tx.Bucket(bucketIndex).Delete(indexKey(a.ArticleID, a.ID)); err != nil {
		return err
	}
	return tx.Bucket(bucketClaims).Delete(idKey(a.ID))
}

// validateClaim enforces the offset contract: the span lies inside the
// text and is not empty, its quote is text[start:end] (an empty quote is
// filled in), its label exists and its origin is known. Each refusal says
// which rule the claim broke.
func validateClaim(tx *bolt.Tx, art Article, index *TextIndex, a *Claim) error {
	quote, err := spanQuote(art, index, a.Start, a.End)
	if err != nil {
		return err
	}
	if a.Quote == "" {
		a.Quote = quote
	} else if a.Quote != quote {
		return invalidf("quote %q is not the text at %d–%d of article %d, which reads %q", a.Quote, a.Start, a.End, art.ID, quote)
	}
	a.Label = strings.TrimSpace(a.Label)
	a.Annotator = NormalizeAnnotator(a.Annotator)
	if tx.Bucket(bucketLabels).Get([]byte(a.Label)) == nil {
		return invalidf("label %q does not exist (labels: %s)", a.Label, labelNames(tx))
	}
	if a.Origin != "" && !a.Origin.Valid() {
		return invalidf("origin %q is not one of %s, %s, %s", a.Origin, OriginManual, OriginSuggested, OriginImported)
	}
	return nil
}

// spanQuote returns the article's text at [start, end) in code points, or
// an error naming what is wrong with the span. With the article's index,
// made once for a batch of its claims, each span costs the same wherever
// it lies; without it, the text is walked only as far as the span reaches,
// so checking one claim near the start of a long article stays cheap.
func spanQuote(art Article, index *TextIndex, start, end int) (string, error) {
	switch {
	case start < 0:
		return "", invalidf("span %d–%d: start %d is negative", start, end, start)
	case end <= start:
		return "", invalidf("span %d–%d: start must be before end (a claim covers at least one character)", start, end)
	}
	var quote string
	var ok bool
	if index != nil {
		quote, ok = index.Slice(start, end)
	} else {
		quote, ok = Slice(art.Text, start, end)
	}
	if !ok {
		n := RuneLen(art.Text)
		if start >= n {
			return "", invalidf("span %d–%d: start %d is past the end of article %d (%d characters)", start, end, start, art.ID, n)
		}
		return "", invalidf("span %d–%d: end %d is past the end of article %d (%d characters)", start, end, end, art.ID, n)
	}
	return quote, nil
}
