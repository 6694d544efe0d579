package storage

import bolt "go.etcd.io/bbolt"

// Stats counts what the store holds.
type Stats struct {
	Articles         int            `json:"articles"`
	Claims           int            `json:"claims"`
	ClaimsByLabel    map[string]int `json:"claims_by_label"`
	ArticlesByStatus map[Status]int `json:"articles_by_status"`
	Annotators       map[string]int `json:"claims_by_annotator"`
}

// Stats counts articles by status and claims by label and annotator, all
// from one snapshot of the store.
func (s *Store) Stats() (Stats, error) {
	st := Stats{ClaimsByLabel: map[string]int{}, ArticlesByStatus: map[Status]int{}, Annotators: map[string]int{}}
	err := s.view(func(tx *bolt.Tx) error {
		err := tx.Bucket(bucketLabels).ForEach(func(k, _ []byte) error {
			st.ClaimsByLabel[string(k)] = 0
			return nil
		})
		if err != nil {
			return err
		}
		err = tx.Bucket(bucketArticles).ForEach(func(_, v []byte) error {
			var a struct {
				Status Status `json:"status"`
			}
			st.Articles++
			if err := decodeJSON(v, &a); err != nil {
				return err
			}
			st.ArticlesByStatus[a.Status]++
			return nil
		})
		if err != nil {
			return err
		}
		return tx.Bucket(bucketClaims).ForEach(func(_, v []byte) error {
			var a Claim
			if err := decodeJSON(v, &a); err != nil {
				return err
			}
			st.Claims++
			st.ClaimsByLabel[a.Label]++
			st.Annotators[a.Annotator]++
			return nil
		})
	})
	return st, err
}

// claimCounts counts claims per article from the index alone, without
// decoding a single record.
func claimCounts(tx *bolt.Tx) map[uint64]int {
	counts := map[uint64]int{}
	_ = tx.Bucket(bucketIndex).ForEach(func(k, _ []byte) error {
		if len(k) == 16 {
			counts[keyID(k[:8])]++
		}
		return nil
	})
	return counts
}

// claimCount counts one article's claims by a prefix scan of the index.
func claimCount(tx *bolt.Tx, articleID uint64) int {
	n := 0
	prefix := idKey(articleID)
	c := tx.Bucket(bucketIndex).Cursor()
	for k, _ := c.Seek(prefix); hasPrefix(k, prefix); k, _ = c.Next() {
		n++
	}
	return n
}
