package storage

import bolt "go.etcd.io/bbolt"

// Stats counts what the store holds.
type Stats struct {
	Articles         int            `json:"articles"`
	Claims           int            `json:"claims"`
	ClaimsByLabel    map[string]int `json:"claims_by_label"`
	ArticlesByStatus map[Status]int `json:"articles_by_status"`
	Annotators       map[string]int `json:"claims_by_annotator"`
	// StatusByAnnotator counts, per annotator, the articles on which they
	// set a status, by that status; an article an annotator never touched
	// is new for them and not counted.
	StatusByAnnotator map[string]map[Status]int `json:"articles_by_annotator_status"`
	// LabelsByAnnotator counts each annotator's claims per label.
	LabelsByAnnotator map[string]map[string]int `json:"claims_by_annotator_label"`
}

// Stats counts articles by status and claims by label and annotator, all
// from one snapshot of the store.
func (s *Store) Stats() (Stats, error) {
	st := Stats{ClaimsByLabel: map[string]int{}, ArticlesByStatus: map[Status]int{}, Annotators: map[string]int{},
		StatusByAnnotator: map[string]map[Status]int{}, LabelsByAnnotator: map[string]map[string]int{}}
	err := s.view(func(tx *bolt.Tx) error {
		err := tx.Bucket(bucketLabels).ForEach(func(k, _ []byte) error {
			st.ClaimsByLabel[string(k)] = 0
			return nil
		})
		if err != nil {
			return err
		}
		statuses, err := summaryStatuses(tx)
		if err != nil {
			return err
		}
		if err := eachStatus(tx.Bucket(bucketStatus).Cursor(), nil, func(a AnnotatorStatus) {
			if st.StatusByAnnotator[a.Annotator] == nil {
				st.StatusByAnnotator[a.Annotator] = map[Status]int{}
			}
			st.StatusByAnnotator[a.Annotator][a.Status]++
		}); err != nil {
			return err
		}
		// Summaries only: an article's text and its claims stay unread.
		return eachSummary(tx, func(id uint64, r summaryRecord) error {
			st.Articles++
			st.ArticlesByStatus[statusOr(statuses, id)]++
			for _, t := range r.tallies {
				st.Claims += t.Claims
				st.ClaimsByLabel[t.Label] += t.Claims
				st.Annotators[t.Annotator] += t.Claims
				if st.LabelsByAnnotator[t.Annotator] == nil {
					st.LabelsByAnnotator[t.Annotator] = map[string]int{}
				}
				st.LabelsByAnnotator[t.Annotator][t.Label] += t.Claims
			}
			return nil
		})
	})
	return st, err
}
