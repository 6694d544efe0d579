package suggest

import (
	"cmp"
	"container/heap"
	"slices"
	"time"
)

// maxTrainingClaims bounds what the label classifier learns from: the
// newest labelled claims, by claim id. Training holds each claim's
// features (some 90 a claim, 8 bytes each) and passes over them a few
// times; 20,000 claims keep that near 15 MB and a second of CPU however
// big the store grows, and a linear model over hashed words has learned
// what it can from far fewer (README, Suggestions: the evaluation set's
// numbers are below the cap and do not change). Propagation is not
// bounded: every labelled quote of the store is proposed again.
const maxTrainingClaims = 20_000

// learn reads every article of src with its claims, one at a time, and
// trains a model: the classifier on the newest maxTrainingClaims labelled
// claims, the quote index on every labelled claim. Each paragraph is cut
// into sentences and words once, and nothing of a claim is kept but its
// features (while it is among the newest) and its quote's shingles.
func learn(src Source, cues *Cues) (*Model, error) {
	began := time.Now()
	labels, err := labelNames(src)
	if err != nil {
		return nil, err
	}
	index := labelIndex(labels)
	newest := newestClaims{limit: maxTrainingClaims}
	var quotes quoteIndexBuilder
	claims := 0
	err = eachDocumentNewestFirst(src, func(d Document) error {
		text := newDescriber(d.Text, cues)
		for _, c := range d.Claims {
			claims++
			label, known := index[c.Label]
			if c.Label == "" {
				continue // neither learned from nor proposed again
			}
			train := known && newest.wants(c.ID)
			if !train && c.Speaker != "" {
				// Only its quote is needed: the paragraph is for training
				// and for naming a speaker the analyst left out.
				quotes.add(Example{ArticleID: c.ArticleID, ClaimID: c.ID, Quote: spanText(d.Text, c.Start, c.End), Label: c.Label, Speaker: c.Speaker, Target: c.Target})
				continue
			}
			ex := claimExample(text, c)
			quotes.add(ex)
			if train {
				newest.add(c.ID, label, rawFeatures(ex, cues))
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	m := &Model{
		Classifier: trainOn(labels, newest.trainingSet(), cues),
		Quotes:     quotes.build(),
		Cues:       cues,
		Claims:     claims,
	}
	m.TrainTime = time.Since(began)
	return m, nil
}

// newestClaims keeps the features of the newest claims offered, up to
// limit, as a heap with the oldest on top.
type newestClaims struct {
	limit  int
	claims []trainingClaim
}

type trainingClaim struct {
	id       uint64
	label    int
	features []feature
}

func (n *newestClaims) Len() int           { return len(n.claims) }
func (n *newestClaims) Less(i, j int) bool { return n.claims[i].id < n.claims[j].id }
func (n *newestClaims) Swap(i, j int)      { n.claims[i], n.claims[j] = n.claims[j], n.claims[i] }
func (n *newestClaims) Push(x any)         { n.claims = append(n.claims, x.(trainingClaim)) }
func (n *newestClaims) Pop() any {
	last := n.claims[len(n.claims)-1]
	n.claims = n.claims[:len(n.claims)-1]
	return last
}

// wants reports whether a claim of this id would be kept: its features
// need not be found otherwise.
func (n *newestClaims) wants(id uint64) bool {
	return len(n.claims) < n.limit || id > n.claims[0].id
}

func (n *newestClaims) add(id uint64, label int, features []feature) {
	c := trainingClaim{id, label, features}
	if len(n.claims) < n.limit {
		heap.Push(n, c)
		return
	}
	n.claims[0] = c
	heap.Fix(n, 0)
}

// trainingSet is the claims kept in claim order, so that the same claims
// always train the same model; n is spent.
func (n *newestClaims) trainingSet() *trainingSet {
	slices.SortFunc(n.claims, func(a, b trainingClaim) int { return cmp.Compare(a.id, b.id) })
	set := &trainingSet{features: make([][]feature, 0, len(n.claims)), labels: make([]int, 0, len(n.claims))}
	for _, c := range n.claims {
		set.add(c.features, c.label)
	}
	n.claims = nil
	return set
}
