package team

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// AgreementOptions chooses whose agreement is measured and over which
// labels. No annotators means everyone with claims except gold; no labels
// means every label.
type AgreementOptions struct {
	Annotators []string
	Labels     []string
}

// Score is a measure that may have nothing to measure (a pair without a
// shared article): then Known is false and JSON says null.
type Score struct {
	Value float64
	Known bool
}

func known(v float64) Score { return Score{Value: v, Known: true} }

// MarshalJSON writes the value, or null when it is not known.
func (s Score) MarshalJSON() ([]byte, error) {
	if !s.Known {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, s.Value, 'g', -1, 64), nil
}

// String shows the value with three decimals, or "–" when it is not known.
func (s Score) String() string {
	if !s.Known {
		return "–"
	}
	return strconv.FormatFloat(s.Value, 'f', 3, 64)
}

// Report is the agreement of a team: every pair, their mean, the
// multi-annotator coefficients, and the same numbers per label and per
// article for the window (those two are not part of the JSON).
type Report struct {
	Annotators   []string `json:"annotators"`
	Pairs        []Pair   `json:"pairs"`
	Mean         Mean     `json:"mean"`
	Krippendorff Multi    `json:"krippendorff_alpha"`
	Fleiss       Multi    `json:"fleiss_kappa"`
	// Labels holds a row per label either annotator of some pair used on
	// their shared articles, by name.
	Labels []LabelAgreement `json:"-"`
	// Articles holds a row per article some pair shares, worst first.
	Articles []ArticleAgreement `json:"-"`
}

// Pair is the agreement of annotators A and B on their shared articles.
type Pair struct {
	A            string             `json:"a"`
	B            string             `json:"b"`
	Articles     int                `json:"articles"`
	ClaimsA      int                `json:"claims_a"`
	ClaimsB      int                `json:"claims_b"`
	ExactF1      Score              `json:"exact_f1"`
	OverlapF1    Score              `json:"overlap_f1"`
	Kappa        Score              `json:"kappa"`
	KappaByLabel map[string]float64 `json:"kappa_by_label"`
}

// Mean is the unweighted mean of each measure over the pairs that have
// a shared article.
type Mean struct {
	ExactF1   Score `json:"exact_f1"`
	OverlapF1 Score `json:"overlap_f1"`
	Kappa     Score `json:"kappa"`
}

// Multi is a coefficient over all chosen annotators at once (Krippendorff's
// α or Fleiss' κ): over the code points of Articles articles, per label and
// its mean over the labels used there.
type Multi struct {
	Articles int                `json:"articles"`
	Value    Score              `json:"value"`
	ByLabel  map[string]float64 `json:"by_label"`
}

// LabelAgreement is one label's agreement: each measure counted on that
// label's claims alone, averaged over the pairs where either used it.
type LabelAgreement struct {
	Label     string
	Pairs     int
	ExactF1   Score
	OverlapF1 Score
	Kappa     Score
}

// ArticleAgreement is one article's agreement, averaged over the pairs
// that share it; kappa is the mean over the labels used in it.
type ArticleAgreement struct {
	ID        uint64
	Title     string
	Pairs     int
	ExactF1   Score
	OverlapF1 Score
	Kappa     Score
}

// Pair returns the pair of a and b, in either order.
func (r Report) Pair(a, b string) (Pair, bool) {
	for _, p := range r.Pairs {
		if (p.A == a && p.B == b) || (p.A == b && p.B == a) {
			return p, true
		}
	}
	return Pair{}, false
}

// team is the chosen annotators' claims prepared for comparison: per
// annotator, per article, per label.
type team struct {
	snap       *Snapshot
	annotators []string
	layers     []map[uint64]map[string]*labelLayer
}

// prepareTeam checks the chosen annotators and labels and groups their
// claims. Gold may be named, to measure an annotator against it.
func prepareTeam(snap *Snapshot, annotators, labels []string) (*team, error) {
	annotators, err := chooseAnnotators(snap, annotators)
	if err != nil {
		return nil, err
	}
	if len(annotators) < 2 {
		return nil, choiceErrorf("agreement needs two annotators or more, got %s (annotators: %s)", quoteAll(annotators), quoteAll(snap.Annotators()))
	}
	keep := func(string) bool { return true }
	if len(labels) > 0 {
		wanted := map[string]bool{}
		for _, l := range labels {
			wanted[l] = true
		}
		keep = func(l string) bool { return wanted[l] }
	}
	t := &team{snap: snap, annotators: annotators}
	for _, name := range annotators {
		byArticle := map[uint64]map[string]*labelLayer{}
		for id, claims := range snap.layers[name] {
			byArticle[id] = layersByLabel(claims, keep)
		}
		t.layers = append(t.layers, byArticle)
	}
	return t, nil
}

func quoteAll(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}

// shared tells whether annotators i and j share an article: both have at
// least one claim there (of any label), or both marked it done.
func (t *team) shared(i, j int, a Article) bool {
	ni, nj := t.annotators[i], t.annotators[j]
	return (t.snap.hasClaims(ni, a.ID) && t.snap.hasClaims(nj, a.ID)) || (markedDone(a, ni) && markedDone(a, nj))
}

// Agreement measures the agreement of the chosen annotators by the
// definitions in README.
func Agreement(snap *Snapshot, opts AgreementOptions) (Report, error) {
	t, err := prepareTeam(snap, opts.Annotators, opts.Labels)
	if err != nil {
		return Report{}, err
	}
	r := Report{Annotators: t.annotators, Pairs: []Pair{}}
	perArticle := map[uint64]*articleSums{}
	perLabel := map[string]*labelSums{}
	for i := range t.annotators {
		for j := i + 1; j < len(t.annotators); j++ {
			r.Pairs = append(r.Pairs, t.pair(i, j, perArticle, perLabel))
		}
	}
	r.Mean = meanOf(r.Pairs)
	r.Krippendorff, r.Fleiss = t.multiRater()
	r.Labels = labelRows(perLabel)
	r.Articles = articleRows(snap, perArticle)
	return r, nil
}

// pair measures annotators i and j and adds what they give to the
// per-article and per-label sums.
func (t *team) pair(i, j int, perArticle map[uint64]*articleSums, perLabel map[string]*labelSums) Pair {
	p := Pair{A: t.annotators[i], B: t.annotators[j], KappaByLabel: map[string]float64{}}
	byLabel := map[string]*counts{}
	codePoints := 0
	for _, id := range t.snap.ids {
		a := t.snap.articles[id]
		if !t.shared(i, j, a) {
			continue
		}
		p.Articles++
		codePoints += a.RuneLen
		inArticle := compareArticle(t.layers[i][id], t.layers[j][id])
		for label, c := range inArticle {
			if byLabel[label] == nil {
				byLabel[label] = &counts{}
			}
			byLabel[label].add(*c)
		}
		sums := perArticle[id]
		if sums == nil {
			sums = &articleSums{}
			perArticle[id] = sums
		}
		sums.addPair(inArticle, a.RuneLen)
	}
	if p.Articles == 0 {
		return p
	}
	all := total(byLabel)
	p.ClaimsA, p.ClaimsB = all.claimsA, all.claimsB
	p.ExactF1, p.OverlapF1 = known(all.exactF1()), known(all.overlapF1())
	var k float64
	p.KappaByLabel, k = kappaByLabel(byLabel, codePoints)
	p.Kappa = known(k)
	for label, c := range byLabel {
		if c.used() {
			sums := perLabel[label]
			if sums == nil {
				sums = &labelSums{}
				perLabel[label] = sums
			}
			sums.add(c.exactF1(), c.overlapF1(), p.KappaByLabel[label])
		}
	}
	return p
}

// compareArticle counts two annotators' claims in one article per label,
// over the labels either used there.
func compareArticle(a, b map[string]*labelLayer) map[string]*counts {
	out := map[string]*counts{}
	for label := range a {
		c := compareLayers(a[label], b[label])
		out[label] = &c
	}
	for label := range b {
		if _, done := out[label]; !done {
			c := compareLayers(nil, b[label])
			out[label] = &c
		}
	}
	return out
}

// meanOf averages each measure over the pairs that have one.
func meanOf(pairs []Pair) Mean {
	var exact, overlap, kappa []float64
	for _, p := range pairs {
		if p.Articles > 0 {
			exact = append(exact, p.ExactF1.Value)
			overlap = append(overlap, p.OverlapF1.Value)
			kappa = append(kappa, p.Kappa.Value)
		}
	}
	return Mean{ExactF1: mean(exact), OverlapF1: mean(overlap), Kappa: mean(kappa)}
}

func mean(values []float64) Score {
	if len(values) == 0 {
		return Score{}
	}
	sum := 0.0
	for _, v := range values {
		sum += v
	}
	return known(sum / float64(len(values)))
}

// articleSums gathers one article's measures over the pairs sharing it.
type articleSums struct{ exact, overlap, kappa []float64 }

func (s *articleSums) addPair(byLabel map[string]*counts, runeLen int) {
	all := total(byLabel)
	s.exact = append(s.exact, all.exactF1())
	s.overlap = append(s.overlap, all.overlapF1())
	_, k := kappaByLabel(byLabel, runeLen)
	s.kappa = append(s.kappa, k)
}

// labelSums gathers one label's measures over the pairs that used it.
type labelSums struct{ exact, overlap, kappa []float64 }

func (s *labelSums) add(exact, overlap, kappa float64) {
	s.exact = append(s.exact, exact)
	s.overlap = append(s.overlap, overlap)
	s.kappa = append(s.kappa, kappa)
}

func labelRows(perLabel map[string]*labelSums) []LabelAgreement {
	var rows []LabelAgreement
	for _, label := range slices.Sorted(maps.Keys(perLabel)) {
		s := perLabel[label]
		rows = append(rows, LabelAgreement{Label: label, Pairs: len(s.exact), ExactF1: mean(s.exact), OverlapF1: mean(s.overlap), Kappa: mean(s.kappa)})
	}
	return rows
}

// articleRows lists the shared articles worst first: by exact F1, then
// kappa, then overlap F1, then id, so equal scores keep a stable order.
func articleRows(snap *Snapshot, perArticle map[uint64]*articleSums) []ArticleAgreement {
	rows := make([]ArticleAgreement, 0, len(perArticle))
	for id, s := range perArticle {
		a := snap.articles[id]
		rows = append(rows, ArticleAgreement{ID: id, Title: a.Title, Pairs: len(s.exact), ExactF1: mean(s.exact), OverlapF1: mean(s.overlap), Kappa: mean(s.kappa)})
	}
	slices.SortFunc(rows, func(a, b ArticleAgreement) int {
		for _, d := range []float64{a.ExactF1.Value - b.ExactF1.Value, a.Kappa.Value - b.Kappa.Value, a.OverlapF1.Value - b.OverlapF1.Value} {
			if d < 0 {
				return -1
			}
			if d > 0 {
				return 1
			}
		}
		if a.ID < b.ID {
			return -1
		}
		return 1
	})
	return rows
}

// WriteJSON is the report as `claimdesk agree --json` prints it.
func (r Report) WriteJSON() ([]byte, error) {
	return json.MarshalIndent(r, "", "  ")
}
