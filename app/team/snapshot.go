package team

import (
	"slices"
	"sort"

	"claimdesk/storage"
)

// Gold is the annotator name of the adjudicated layer.
const Gold = "gold"

// Article is what agreement and progress need of an article: no text, only
// its length in code points (the units kappa counts) and its status.
type Article struct {
	ID      uint64
	Title   string
	RuneLen int
	Status  storage.Status
	// statuses are those set on the article, when read from a store;
	// Status (the last set) stands in without them.
	statuses []storage.AnnotatorStatus
}

// Snapshot is the store's articles and every annotator's claims, read once
// so that a report is computed from one consistent picture and never holds
// a transaction open while it computes.
type Snapshot struct {
	articles map[uint64]Article
	ids      []uint64                              // article ids in ascending order
	layers   map[string]map[uint64][]storage.Claim // annotator → article → claims in text order
}

// Load reads the snapshot from the store. A claim whose article is gone by
// the time claims are read (deleted between the two reads) is left out.
func Load(store *storage.Store) (*Snapshot, error) {
	summaries, err := store.ArticleSummaries()
	if err != nil {
		return nil, err
	}
	s := newSnapshot(summaries)
	// Each claim goes straight into its layer: a list of every claim first
	// would copy them all again each time it grew.
	err = store.ForEachClaim(func(c storage.Claim) error {
		s.add(c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.sort()
	if err := s.addStatuses(store); err != nil {
		return nil, err
	}
	return s, nil
}

// addStatuses reads every status set on the snapshot's articles.
func (s *Snapshot) addStatuses(store *storage.Store) error {
	statuses, err := store.AllAnnotatorStatuses()
	if err != nil {
		return err
	}
	s.setStatuses(statuses)
	return nil
}

// setStatuses gives each article of the snapshot its statuses.
func (s *Snapshot) setStatuses(statuses []storage.AnnotatorStatus) {
	for _, st := range statuses {
		if a, ok := s.articles[st.ArticleID]; ok {
			a.statuses = append(a.statuses, st)
			s.articles[st.ArticleID] = a
		}
	}
}

// NewSnapshot builds a snapshot from articles and claims already read.
func NewSnapshot(articles []storage.ArticleSummary, claims []storage.Claim) *Snapshot {
	s := newSnapshot(articles)
	for _, c := range claims {
		s.add(c)
	}
	s.sort()
	return s
}

func newSnapshot(articles []storage.ArticleSummary) *Snapshot {
	s := &Snapshot{articles: make(map[uint64]Article, len(articles)), layers: map[string]map[uint64][]storage.Claim{}}
	for _, a := range articles {
		s.articles[a.ID] = Article{ID: a.ID, Title: a.Title, RuneLen: a.RuneLen, Status: a.Status}
		s.ids = append(s.ids, a.ID)
	}
	slices.Sort(s.ids)
	return s
}

func (s *Snapshot) add(c storage.Claim) {
	if _, ok := s.articles[c.ArticleID]; !ok {
		return
	}
	layer := s.layers[c.Annotator]
	if layer == nil {
		layer = map[uint64][]storage.Claim{}
		s.layers[c.Annotator] = layer
	}
	layer[c.ArticleID] = append(layer[c.ArticleID], c)
}

// sort puts every layer's claims of an article in text order.
func (s *Snapshot) sort() {
	for _, layer := range s.layers {
		for _, cs := range layer {
			storage.SortInTextOrder(cs)
		}
	}
}

// Annotators lists everyone with at least one claim, by name, without the
// gold layer: gold is the outcome of adjudication, not one more opinion.
// Claims stored without a name belong to the annotator "".
func (s *Snapshot) Annotators() []string {
	var names []string
	for name := range s.layers {
		if name != Gold {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

// Article returns the article with id.
func (s *Snapshot) Article(id uint64) (Article, bool) {
	a, ok := s.articles[id]
	return a, ok
}

// Claims returns one annotator's claims in one article, in text order.
func (s *Snapshot) Claims(annotator string, articleID uint64) []storage.Claim {
	return s.layers[annotator][articleID]
}

// hasClaims tells whether the annotator has at least one claim in the
// article, of any label.
func (s *Snapshot) hasClaims(annotator string, articleID uint64) bool {
	return len(s.layers[annotator][articleID]) > 0
}

// statusFor is where one annotator stands with an article: their own
// status when read from a store, else the article's.
func statusFor(a Article, annotator string) storage.Status {
	if a.statuses == nil {
		return a.Status
	}
	return storage.Standing(a.statuses, func(name string) bool { return name == annotator })
}

// markedDone tells whether the annotator marked the article done.
func markedDone(a Article, annotator string) bool {
	return statusFor(a, annotator) == storage.StatusDone
}

// takesPart tells whether an annotator worked on an article: at least one
// claim there, or marked it done (an article read and found to hold no
// claim is an answer too).
func (s *Snapshot) takesPart(annotator string, a Article) bool {
	return s.hasClaims(annotator, a.ID) || markedDone(a, annotator)
}
