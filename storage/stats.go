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

// Stats counts articles by status and claims by label and annotator.
func (s *Store) Stats() (Stats, error) {
	st := Stats{ClaimsByLabel: map[string]int{}, ArticlesByStatus: map[Status]int{}, Annotators: map[string]int{}}
	labels, err := s.Labels()
	if err != nil {
		return st, err
	}
	for _, l := range labels {
		st.ClaimsByLabel[l.Name] = 0
	}
	err = s.ForEachArticle(func(a Article) error {
		st.Articles++
		st.ArticlesByStatus[a.Status]++
		return nil
	})
	if err != nil {
		return st, err
	}
	err = s.ForEachAnnotation(func(a Annotation) error {
		st.Claims++
		st.ClaimsByLabel[a.Label]++
		st.Annotators[a.Annotator]++
		return nil
	})
	return st, err
}

// claimCounts counts claims per article from the index alone, without
// decoding a single record.
func (s *Store) claimCounts() (map[uint64]int, error) {
	counts := map[uint64]int{}
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketIndex).ForEach(func(k, _ []byte) error {
			counts[keyID(k[:8])]++
			return nil
		})
	})
	return counts, err
}
