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
	var ov Overview
	err := s.view(func(tx *bolt.Tx) error { return readOverview(tx, &ov, false) })
	return ov.Stats, err
}

// Overview is the store's counts with what each annotator's progress is
// made of: every article's summary (as ArticleSummaries lists them), its
// claims counted by annotator, label and day (by article id), and every
// status set (as AllAnnotatorStatuses lists them).
type Overview struct {
	Stats     Stats
	Summaries []ArticleSummary
	Tallies   map[uint64][]ClaimTally
	Statuses  []AnnotatorStatus
}

// Overview reads the store's Overview in one snapshot and one pass over
// the articles' summaries and the statuses: `claimdesk stats` read them
// four times over.
func (s *Store) Overview() (Overview, error) {
	var ov Overview
	err := s.view(func(tx *bolt.Tx) error { return readOverview(tx, &ov, true) })
	return ov, err
}

// readOverview fills ov's Stats from tx and, with whole, its summaries,
// tallies and statuses too. Summaries only: an article's text and its
// claims stay unread.
func readOverview(tx *bolt.Tx, ov *Overview, whole bool) error {
	st := Stats{ClaimsByLabel: map[string]int{}, ArticlesByStatus: map[Status]int{}, Annotators: map[string]int{},
		StatusByAnnotator: map[string]map[Status]int{}, LabelsByAnnotator: map[string]map[string]int{}}
	err := tx.Bucket(bucketLabels).ForEach(func(k, _ []byte) error {
		st.ClaimsByLabel[string(k)] = 0
		return nil
	})
	if err != nil {
		return err
	}
	byArticle := map[uint64][]AnnotatorStatus{}
	if err := eachStatus(tx.Bucket(bucketStatus).Cursor(), nil, func(a AnnotatorStatus) {
		byArticle[a.ArticleID] = append(byArticle[a.ArticleID], a)
		if st.StatusByAnnotator[a.Annotator] == nil {
			st.StatusByAnnotator[a.Annotator] = map[Status]int{}
		}
		st.StatusByAnnotator[a.Annotator][a.Status]++
		if whole {
			ov.Statuses = append(ov.Statuses, a)
		}
	}); err != nil {
		return err
	}
	statuses := latestStatuses(byArticle)
	if whole {
		ov.Summaries = make([]ArticleSummary, 0, tx.Bucket(bucketSummaries).Stats().KeyN)
		ov.Tallies = map[uint64][]ClaimTally{}
	}
	err = eachSummary(tx, func(id uint64, r summaryRecord) error {
		status := statusOr(statuses, id)
		st.Articles++
		st.ArticlesByStatus[status]++
		for _, t := range r.tallies {
			st.Claims += t.Claims
			st.ClaimsByLabel[t.Label] += t.Claims
			st.Annotators[t.Annotator] += t.Claims
			if st.LabelsByAnnotator[t.Annotator] == nil {
				st.LabelsByAnnotator[t.Annotator] = map[string]int{}
			}
			st.LabelsByAnnotator[t.Annotator][t.Label] += t.Claims
		}
		if whole {
			ov.Summaries = append(ov.Summaries, r.summary(id, status))
			ov.Tallies[id] = r.tallies
		}
		return nil
	})
	ov.Stats = st
	return err
}
