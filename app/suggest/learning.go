package suggest

import (
	"cmp"
	"container/heap"
	"math"
	"slices"
	"time"

	"claimdesk/storage"
)

// maxTrainingClaims bounds what the window's label classifier learns
// from: the newest labelled claims, by claim id. Training holds each
// claim's features (some 100 a claim, 8 bytes each) and passes over them
// a few times; 20,000 claims keep that near 15 MB and a second of CPU
// however big the store grows. What the cap costs in accuracy past it is
// not measured: the hand-labelled evaluation set (124 claims) is far
// below it, and its numbers do not change (README, Suggestions).
// Propagation is not bounded: every labelled quote of the store is
// proposed again. `claimdesk suggest` and the evaluation learn from
// every claim (BuildModel).
const maxTrainingClaims = 20_000

// learn reads every article of src with its claims, one at a time, and
// trains a model: the classifier on the newest limit labelled
// claims, the quote index on every labelled claim. Each paragraph is cut
// into sentences and words once, and nothing of a claim is kept but its
// features (while it is among the newest) and its quote's shingles.
func learn(src Source, cues *Cues, limit int) (*Model, error) {
	began := time.Now()
	labels, err := labelNames(src)
	if err != nil {
		return nil, err
	}
	index := labelIndex(labels)
	newest := newestClaims{limit: limit}
	var quotes quoteIndexBuilder
	claims := 0
	err = articlesInOrder(src, true, func(articleClaims []storage.Claim, article articleReader) error {
		// The article's text is read only for a claim trained on (its
		// paragraph is a feature): most articles of a big store have
		// none, and their claims' quotes are in the claims.
		var text *describer
		describe := func(c storage.Claim) (Example, bool, error) {
			if text == nil {
				a, found, err := article()
				if err != nil || !found {
					return Example{}, false, err
				}
				text = newDescriber([]rune(a.Text), cues)
			}
			return claimExample(text, c), true, nil
		}
		// Newest first here too, so the claims to be dropped are never described.
		slices.SortFunc(articleClaims, func(a, b storage.Claim) int { return cmp.Compare(b.ID, a.ID) })
		for _, c := range articleClaims {
			claims++
			label, known := index[c.Label]
			if c.Label == "" {
				continue // neither learned from nor proposed again
			}
			if !known || !newest.wants(c.ID) {
				// Only its quote is needed: the paragraph is for training,
				// and a speaker the analyst left out is named when the
				// quote is proposed.
				ex := Example{ArticleID: c.ArticleID, ClaimID: c.ID, Label: c.Label, Speaker: c.Speaker, Target: c.Target}
				switch {
				case c.Speaker != "":
					quotes.addClaim(ex, c.Quote, c.Start, c.End, false)
				case fitsInt32(c.Start, c.End):
					quotes.addClaim(ex, c.Quote, c.Start, c.End, true)
				default:
					described, ok, err := describe(c)
					if err != nil || !ok {
						return err
					}
					quotes.add(described)
				}
				continue
			}
			ex, ok, err := describe(c)
			if err != nil || !ok {
				return err
			}
			quotes.add(ex)
			newest.add(c.ID, label, rawFeatures(ex, cues))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// The quote index first: its postings are garbage before training
	// allocates its weights.
	m := &Model{Quotes: quotes.build(articleText(src), cues), Cues: cues, Claims: claims}
	m.Classifier = trainOn(labels, newest.trainingSet(), cues)
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
	features []uint32 // packFeatures: half what []feature takes while the store is read
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

func (n *newestClaims) add(id uint64, label int, raw []feature) {
	c := trainingClaim{id, label, packFeatures(raw)}
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
	for i, c := range n.claims {
		set.add(unpackFeatures(c.features), c.label)
		n.claims[i].features = nil
	}
	n.claims = nil
	return set
}

// articleText reads an article's text from src.
func articleText(src Source) ArticleText {
	return func(id uint64) ([]rune, error) {
		a, err := src.Article(id)
		return []rune(a.Text), err
	}
}

// fitsInt32 reports offsets the quote index can keep.
func fitsInt32(offsets ...int) bool {
	for _, o := range offsets {
		if o < math.MinInt32 || o > math.MaxInt32 {
			return false
		}
	}
	return true
}

// countBits is what a packed feature has left for its count.
const countBits = 32 - featureBits

// packFeatures keeps raw features (rawFeatures: whole counts, by index)
// in 4 bytes each, the index in the low featureBits bits and the count
// above them; a count too big for countBits is split over entries of the
// same index, which unpackFeatures adds up again.
func packFeatures(raw []feature) []uint32 {
	out := make([]uint32, 0, len(raw))
	for _, f := range raw {
		for left := uint32(f.value); left > 0; {
			n := min(left, 1<<countBits-1)
			out = append(out, f.index|n<<featureBits)
			left -= n
		}
	}
	return out
}

func unpackFeatures(packed []uint32) []feature {
	out := make([]feature, 0, len(packed))
	for _, p := range packed {
		index, count := p&(featureSpace-1), float32(p>>featureBits)
		if n := len(out); n > 0 && out[n-1].index == index {
			out[n-1].value += count
		} else {
			out = append(out, feature{index, count})
		}
	}
	return out
}
