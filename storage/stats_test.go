package storage

import (
	"errors"
	"maps"
	"reflect"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// statsStore is a store of three articles: two claims of the analyst with
// no name on the first, one of rana on the second, marked done.
func statsStore(t *testing.T) (s *Store, first, second Article) {
	t.Helper()
	s = openTestStore(t)
	first = mustAddArticle(t, s, "Peskov denied it. 👍🏽")
	second = mustAddArticle(t, s, "Putin praised Trump.")
	mustAddArticle(t, s, "Nothing to see.")
	mustAddClaim(t, s, first, "denied", "denial")
	mustAddClaim(t, s, first, "Peskov", "accusation")
	if _, err := s.AddClaim(Claim{ArticleID: second.ID, Start: 6, End: 13, Label: "praise", Annotator: "rana"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetArticleStatus(second.ID, StatusDone); err != nil {
		t.Fatal(err)
	}
	return s, first, second
}

func TestStats(t *testing.T) {
	s, _, _ := statsStore(t)
	if err := s.AddLabel(Label{Name: "threat", Colour: "#CC79A7"}); err != nil {
		t.Fatal(err)
	}
	st, err := s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 3 || st.Claims != 3 {
		t.Errorf("Stats counts %d articles and %d claims, want 3 and 3", st.Articles, st.Claims)
	}
	// An unused label is counted as 0, so lists of labels show it.
	if want := map[string]int{"denial": 1, "accusation": 1, "praise": 1, "threat": 0}; !maps.Equal(st.ClaimsByLabel, want) {
		t.Errorf("ClaimsByLabel = %v, want %v", st.ClaimsByLabel, want)
	}
	if want := map[Status]int{StatusNew: 2, StatusDone: 1}; !maps.Equal(st.ArticlesByStatus, want) {
		t.Errorf("ArticlesByStatus = %v, want %v", st.ArticlesByStatus, want)
	}
	if want := map[string]int{"": 2, "rana": 1}; !maps.Equal(st.Annotators, want) {
		t.Errorf("Annotators = %v, want %v", st.Annotators, want)
	}
}

// TestOverviewIsItsParts: one pass of Overview reads what Stats,
// ArticleSummaries and AllAnnotatorStatuses read each on its own, and the
// tallies a recount of the claims makes, statuses of two annotators and
// claims of two layers included.
func TestOverviewIsItsParts(t *testing.T) {
	s, a, _ := statsStore(t)
	if err := s.SetAnnotatorStatus(a.ID, "rana", StatusInProgress); err != nil {
		t.Fatal(err)
	}
	ov, err := s.Overview()
	if err != nil {
		t.Fatal(err)
	}
	st, err1 := s.Stats()
	summaries, err2 := s.ArticleSummaries()
	tallies := map[uint64][]ClaimTally{}
	err3 := s.view(func(tx *bolt.Tx) error {
		counted, err := countSummaries(tx)
		for id, r := range counted {
			tallies[id] = r.tallies
		}
		return err
	})
	statuses, err4 := s.AllAnnotatorStatuses()
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ov.Stats, st) {
		t.Errorf("Overview's stats %+v, Stats %+v", ov.Stats, st)
	}
	if !reflect.DeepEqual(ov.Summaries, summaries) {
		t.Errorf("Overview's summaries %+v, ArticleSummaries %+v", ov.Summaries, summaries)
	}
	if !maps.EqualFunc(ov.Tallies, tallies, slices.Equal) { // an article with no claims: none, however held
		t.Errorf("Overview's tallies %+v, recounted from the claims %+v", ov.Tallies, tallies)
	}
	if !reflect.DeepEqual(ov.Statuses, statuses) || len(statuses) != 2 {
		t.Errorf("Overview's statuses %+v, AllAnnotatorStatuses %+v", ov.Statuses, statuses)
	}
}
