package storage

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// checkRecords verifies Claimdesk's invariants over every record.
func checkRecords(tx *bolt.Tx) []error {
	var errs []error
	texts := map[uint64]string{}
	err := tx.Bucket(bucketArticles).ForEach(func(k, v []byte) error {
		var a Article
		if err := decodeJSON(v, &a); err != nil {
			errs = append(errs, fmt.Errorf("article %d: %w", keyID(k), err))
			return nil
		}
		texts[a.ID] = a.Text
		if HashText(a.Text) != a.SHA256 {
			errs = append(errs, fmt.Errorf("article %d: text does not match its hash", a.ID))
		}
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	labels := tx.Bucket(bucketLabels)
	anns := tx.Bucket(bucketAnnotations)
	err = anns.ForEach(func(k, v []byte) error {
		var a Annotation
		if err := decodeJSON(v, &a); err != nil {
			errs = append(errs, fmt.Errorf("claim %d: %w", keyID(k), err))
			return nil
		}
		text, ok := texts[a.ArticleID]
		switch {
		case !ok:
			errs = append(errs, fmt.Errorf("claim %d: article %d does not exist", a.ID, a.ArticleID))
		case tx.Bucket(bucketIndex).Get(indexKey(a.ArticleID, a.ID)) == nil:
			errs = append(errs, fmt.Errorf("claim %d: missing from the article index", a.ID))
		default:
			if q, ok := Slice(text, a.Start, a.End); !ok || q != a.Quote {
				errs = append(errs, fmt.Errorf("claim %d: quote does not match text at %d–%d", a.ID, a.Start, a.End))
			}
		}
		if labels.Get([]byte(a.Label)) == nil {
			errs = append(errs, fmt.Errorf("claim %d: label %q does not exist", a.ID, a.Label))
		}
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	err = tx.Bucket(bucketIndex).ForEach(func(k, _ []byte) error {
		if anns.Get(k[8:]) == nil {
			errs = append(errs, fmt.Errorf("index entry for claim %d points nowhere", keyID(k[8:])))
		}
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	return errs
}
