package team

import (
	"cmp"
	"maps"
	"slices"
)

// The coefficients over all chosen annotators at once treat every code
// point of an article as one unit and, per label, each annotator's value
// there as "in" (inside one of their claims of that label) or "out", as
// Cohen's kappa does for a pair.

// coverage counts, for one article and one label, the code points inside
// the claims of exactly k of the raters: coverage[k].
func coverage(unions [][]span, runeLen int) []int {
	type edge struct{ at, step int }
	var edges []edge
	for _, u := range unions {
		for _, s := range u {
			edges = append(edges, edge{s.start, +1}, edge{s.end, -1})
		}
	}
	// Ends before starts at the same place, so k never counts a rater twice.
	slices.SortFunc(edges, func(a, b edge) int { return cmp.Or(a.at-b.at, a.step-b.step) })
	out := make([]int, len(unions)+1)
	at, k := 0, 0
	for _, e := range edges {
		out[k] += e.at - at
		at, k = e.at, k+e.step
	}
	out[k] += runeLen - at
	return out
}

// unit is an article and the raters (annotator indices) who take part in it.
type unit struct {
	article Article
	raters  []int
}

// tallies counts, per label used anywhere in the units, the code points
// of all the units by (raters, how many of them had the point in). A label
// counts in every unit, also where nobody used it: there every code point
// is "out" for everyone, as for Cohen's kappa.
func (t *team) tallies(units []unit) map[string]map[[2]int]int {
	labels := map[string]bool{}
	for _, u := range units {
		for _, r := range u.raters {
			for label := range t.layers[r][u.article.ID] {
				labels[label] = true
			}
		}
	}
	out := map[string]map[[2]int]int{}
	for label := range labels {
		byK := map[[2]int]int{}
		for _, u := range units {
			unions := make([][]span, len(u.raters))
			for i, r := range u.raters {
				if l := t.layers[r][u.article.ID][label]; l != nil {
					unions[i] = l.union
				}
			}
			for k, n := range coverage(unions, u.article.RuneLen) {
				if n > 0 {
					byK[[2]int{len(u.raters), k}] += n
				}
			}
		}
		out[label] = byK
	}
	return out
}

// krippendorffUnits are the articles Krippendorff's α (nominal) counts the
// code points of: every article at least two chosen annotators take part in
// (a claim there, or marked done). An annotator who does not take part in
// an article gives no value there (missing data, as α allows).
func (t *team) krippendorffUnits() []unit {
	var units []unit
	for _, id := range t.snap.ids {
		a := t.snap.articles[id]
		var raters []int
		for r, name := range t.annotators {
			if t.snap.takesPart(name, a) {
				raters = append(raters, r)
			}
		}
		if len(raters) >= 2 {
			units = append(units, unit{a, raters})
		}
	}
	return units
}

// fleissUnits are the articles Fleiss' κ counts the code points of: those
// every chosen annotator takes part in (Fleiss' κ needs the same raters on
// every unit).
func (t *team) fleissUnits() []unit {
	everyone := make([]int, len(t.annotators))
	for i := range everyone {
		everyone[i] = i
	}
	var units []unit
	for _, id := range t.snap.ids {
		a := t.snap.articles[id]
		all := true
		for _, name := range t.annotators {
			all = all && t.snap.takesPart(name, a)
		}
		if all {
			units = append(units, unit{a, everyone})
		}
	}
	return units
}

// multiRater computes Krippendorff's α and Fleiss' κ, counting the code
// points once when both cover the same articles with the same raters, as
// they do whenever every annotator takes part in every article.
func (t *team) multiRater() (alpha, fleiss Multi) {
	alphaUnits, fleissUnits := t.krippendorffUnits(), t.fleissUnits()
	alphaTallies := t.tallies(alphaUnits)
	fleissTallies := alphaTallies
	if len(alphaUnits) != len(fleissUnits) {
		// Every unit of Fleiss' κ is one of α's with the same raters, so
		// equal counts mean equal units.
		fleissTallies = t.tallies(fleissUnits)
	}
	return finishMulti(len(alphaUnits), alphaTallies, alphaOf), finishMulti(len(fleissUnits), fleissTallies, fleissOf)
}

func finishMulti(articles int, tallies map[string]map[[2]int]int, coefficient func(map[[2]int]int) float64) Multi {
	m := Multi{Articles: articles, ByLabel: map[string]float64{}}
	if articles == 0 {
		return m
	}
	var values []float64
	for _, label := range slices.Sorted(maps.Keys(tallies)) {
		m.ByLabel[label] = coefficient(tallies[label])
		values = append(values, m.ByLabel[label])
	}
	m.Value = mean(values)
	if len(values) == 0 {
		m.Value = known(1) // nobody marked anything: full agreement, as for kappa
	}
	return m
}

// alphaOf is nominal α for two values from the coincidences: with n values
// in all, n₁ of them "in" and n₀ "out", and o₁₀ = Σ over units of
// k(m−k)/(m−1) (m raters, k of them "in"), α = 1 − (n−1)·o₁₀ / (n₁·n₀);
// 1 when every value is the same (no expected disagreement).
func alphaOf(byK map[[2]int]int) float64 {
	var n, in, out, o10 float64
	for _, mk := range sortedKeys(byK) {
		m, k, c := float64(mk[0]), float64(mk[1]), float64(byK[mk])
		n += c * m
		in += c * k
		out += c * (m - k)
		o10 += c * k * (m - k) / (m - 1)
	}
	if in == 0 || out == 0 {
		return 1
	}
	return 1 - (n-1)*o10/(in*out)
}

// fleissOf is Fleiss' κ for two categories with m raters on each of N
// units: P̄ = Σ_u [k(k−1) + (m−k)(m−k−1)] / (N·m·(m−1)), p = Σ_u k / (N·m),
// P̄e = p² + (1−p)², κ = (P̄ − P̄e) / (1 − P̄e); 1 when P̄e is 1.
func fleissOf(byK map[[2]int]int) float64 {
	var units, agree, in, m float64
	for _, mk := range sortedKeys(byK) {
		k, c := float64(mk[1]), float64(byK[mk])
		m = float64(mk[0])
		units += c
		agree += c * (k*(k-1) + (m-k)*(m-k-1))
		in += c * k
	}
	p := in / (units * m)
	if p == 0 || p == 1 {
		return 1
	}
	pBar := agree / (units * m * (m - 1))
	pe := p*p + (1-p)*(1-p)
	return (pBar - pe) / (1 - pe)
}

// sortedKeys orders the tallies so that sums of floats come out the same
// on every run.
func sortedKeys(byK map[[2]int]int) [][2]int {
	return slices.SortedFunc(maps.Keys(byK), func(a, b [2]int) int {
		return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
	})
}
