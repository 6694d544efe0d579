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
		// Only the status: an Article would copy every article's text.
		type statusOnly struct {
			Status Status `json:"status"`
		}
		err = eachRecord(tx.Bucket(bucketArticles), func(a statusOnly) error {
			st.Articles++
			st.ArticlesByStatus[a.Status]++
			return nil
		})
		if err != nil {
			return err
		}
		return eachRecord(tx.Bucket(bucketClaims), func(a Claim) error {
			st.Claims++
			st.ClaimsByLabel[a.Label]++
			st.Annotators[a.Annotator]++
			return nil
		})
	})
	return st, err
}
