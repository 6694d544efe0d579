package suggest

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
)

// Report is how good the suggestions are on a store's own claims:
// K-fold cross-validation by article, so that no fold is tested on an
// article it learned from (a syndicated copy of the same text in another
// article still can be, as it would be in use).
type Report struct {
	Claims   int `json:"claims"`
	Articles int `json:"articles"`
	Folds    int `json:"folds"`
	// Label suggestion: the label ranked first for each claim's span.
	Accuracy  float64      `json:"accuracy"`
	MacroF1   float64      `json:"macro_f1"`
	PerLabel  []LabelScore `json:"per_label"`
	Labels    []string     `json:"labels"`
	Confusion [][]int      `json:"confusion"` // [analyst's label][suggested label]
	// Candidates against the claims analysts made in the same articles.
	Candidates Detection `json:"candidates"`
}

// LabelScore is one label's precision, recall and F1.
type LabelScore struct {
	Label     string  `json:"label"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Support   int     `json:"support"`
}

// Detection is how well candidates find the claims: a candidate finds a
// claim when they share at least half of the shorter of the two.
type Detection struct {
	Proposed  int     `json:"proposed"`
	Found     int     `json:"found"` // candidates that find a claim
	Claims    int     `json:"claims"`
	Recalled  int     `json:"recalled"` // claims some candidate finds
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
}

// Folds assigns each article to one of k folds: the articles in a seeded
// shuffle, dealt in turn, so folds differ by one article at most.
func Folds(articleIDs []uint64, k int) map[uint64]int {
	ids := slices.Clone(articleIDs)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	rng := rand.New(rand.NewPCG(trainSeed, trainSeed))
	rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	out := make(map[uint64]int, len(ids))
	for i, id := range ids {
		out[id] = i % k
	}
	return out
}

// trainFunc lets tests see what each fold trains on.
type trainFunc func(labels []string, examples []Example, cues *Cues) *Model

// Evaluate cross-validates on corpus with k folds (fewer when there are
// fewer articles with claims). Only articles with claims take part.
func Evaluate(ctx context.Context, corpus Corpus, k int, cues *Cues) (Report, error) {
	return evaluate(ctx, corpus, k, cues, BuildModel)
}

func evaluate(ctx context.Context, corpus Corpus, k int, cues *Cues, train trainFunc) (Report, error) {
	r := Report{Labels: slices.Clone(corpus.Labels)}
	var docs []Document
	var ids []uint64
	for _, d := range corpus.Docs {
		if len(d.Claims) > 0 {
			docs = append(docs, d)
			ids = append(ids, d.ID)
			r.Claims += len(d.Claims)
		}
	}
	r.Articles = len(docs)
	r.Folds = min(k, len(docs))
	if r.Folds < 2 {
		return r, fmt.Errorf("cross-validation needs claims in at least 2 articles, the store has them in %d", len(docs))
	}
	fold := Folds(ids, r.Folds)
	examples := Examples(docs, cues)
	labelIndex := map[string]int{}
	for i, l := range r.Labels {
		labelIndex[l] = i
	}
	r.Confusion = make([][]int, len(r.Labels))
	for i := range r.Confusion {
		r.Confusion[i] = make([]int, len(r.Labels))
	}
	for f := range r.Folds {
		if err := ctx.Err(); err != nil {
			return r, err
		}
		var trainSet []Example
		for _, ex := range examples {
			if fold[ex.ArticleID] != f {
				trainSet = append(trainSet, ex)
			}
		}
		m := train(r.Labels, trainSet, cues)
		for _, d := range docs {
			if fold[d.ID] != f {
				continue
			}
			for _, c := range d.Claims {
				if truth, ok := labelIndex[c.Label]; ok {
					// Tested as a selection: the analyst's speaker unknown.
					ranked := m.Suggest(d.Text, c.Start, c.End)
					r.Confusion[truth][labelIndex[ranked[0].Label]]++
				}
			}
			cands, err := m.Candidates(ctx, d.ID, d.Text, nil, nil)
			if err != nil {
				return r, err
			}
			r.Candidates.add(cands, d)
		}
	}
	r.score()
	return r, nil
}

// add counts how the candidates of one article meet its claims.
func (d *Detection) add(cands []Candidate, doc Document) {
	d.Proposed += len(cands)
	d.Claims += len(doc.Claims)
	recalled := make([]bool, len(doc.Claims))
	for _, c := range cands {
		hit := false
		for i, cl := range doc.Claims {
			if finds(c.Start, c.End, cl.Start, cl.End) {
				hit = true
				recalled[i] = true
			}
		}
		if hit {
			d.Found++
		}
	}
	for _, r := range recalled {
		if r {
			d.Recalled++
		}
	}
}

// finds reports whether two spans share at least half of the shorter.
func finds(s1, e1, s2, e2 int) bool {
	overlap := min(e1, e2) - max(s1, s2)
	shorter := min(e1-s1, e2-s2)
	return overlap > 0 && 2*overlap >= shorter
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// score works out accuracy, per-label figures and macro-F1 from the
// confusion matrix; macro-F1 averages over labels that have claims.
func (r *Report) score() {
	total, right := 0, 0
	var f1Sum float64
	counted := 0
	for i, label := range r.Labels {
		tp, predicted, actual := r.Confusion[i][i], 0, 0
		for j := range r.Labels {
			predicted += r.Confusion[j][i]
			actual += r.Confusion[i][j]
		}
		total += actual
		right += tp
		ls := LabelScore{Label: label, Precision: ratio(tp, predicted), Recall: ratio(tp, actual), Support: actual}
		if ls.Precision+ls.Recall > 0 {
			ls.F1 = 2 * ls.Precision * ls.Recall / (ls.Precision + ls.Recall)
		}
		if actual > 0 {
			f1Sum += ls.F1
			counted++
		}
		r.PerLabel = append(r.PerLabel, ls)
	}
	r.Accuracy = ratio(right, total)
	if counted > 0 {
		r.MacroF1 = f1Sum / float64(counted)
	}
	r.Candidates.Precision = ratio(r.Candidates.Found, r.Candidates.Proposed)
	r.Candidates.Recall = ratio(r.Candidates.Recalled, r.Candidates.Claims)
}

// WriteText prints the report for a person: the window's Help > How good
// are the suggestions? and claimdesk suggest --evaluate show this text.
func (r Report) WriteText(w io.Writer) {
	fmt.Fprintf(w, "%d claims in %d articles, %d-fold cross-validation by article\n\n", r.Claims, r.Articles, r.Folds)
	fmt.Fprintf(w, "Label suggestion: accuracy %.1f%%, macro-F1 %.3f\n", 100*r.Accuracy, r.MacroF1)
	width := 5
	for _, l := range r.Labels {
		width = max(width, len([]rune(l)))
	}
	fmt.Fprintf(w, "  %-*s %9s %7s %6s %7s\n", width, "label", "precision", "recall", "F1", "claims")
	for _, s := range r.PerLabel {
		fmt.Fprintf(w, "  %-*s %9.3f %7.3f %6.3f %7d\n", width, s.Label, s.Precision, s.Recall, s.F1, s.Support)
	}
	fmt.Fprintf(w, "\nConfusion (rows: the analyst's label, columns: suggested)\n  %-*s", width, "")
	for _, l := range r.Labels {
		fmt.Fprintf(w, " %*s", max(6, len([]rune(l))), l)
	}
	fmt.Fprintln(w)
	for i, l := range r.Labels {
		fmt.Fprintf(w, "  %-*s", width, l)
		for j, col := range r.Labels {
			fmt.Fprintf(w, " %*d", max(6, len([]rune(col))), r.Confusion[i][j])
		}
		fmt.Fprintln(w)
	}
	c := r.Candidates
	fmt.Fprintf(w, "\nCandidates: precision %.1f%% (%d of %d proposed find a claim), recall %.1f%% (%d of %d claims found)\n",
		100*c.Precision, c.Found, c.Proposed, 100*c.Recall, c.Recalled, c.Claims)
	fmt.Fprintln(w, strings.TrimSpace(`
A candidate finds a claim when they share at least half of the shorter span.`))
}
