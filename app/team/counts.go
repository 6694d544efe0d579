package team

import (
	"maps"
	"slices"
)

// counts is what two annotators' claims of one label in one article give
// the measures; counts add up over articles.
type counts struct {
	claimsA, claimsB   int // distinct claims
	exact              int // claims both made
	overlapA, overlapB int // claims meeting one of the other's
	inA, inB, inBoth   int // code points inside a claim
}

func (c *counts) add(o counts) {
	c.claimsA += o.claimsA
	c.claimsB += o.claimsB
	c.exact += o.exact
	c.overlapA += o.overlapA
	c.overlapB += o.overlapB
	c.inA += o.inA
	c.inB += o.inB
	c.inBoth += o.inBoth
}

func (c counts) used() bool { return c.claimsA+c.claimsB > 0 }

func compareLayers(a, b *labelLayer) counts {
	if a == nil {
		a = &labelLayer{}
	}
	if b == nil {
		b = &labelLayer{}
	}
	return counts{
		claimsA: len(a.spans), claimsB: len(b.spans),
		exact:    commonSpans(a.spans, b.spans),
		overlapA: overlapping(a.spans, b.union), overlapB: overlapping(b.spans, a.union),
		inA: length(a.union), inB: length(b.union), inBoth: intersectionLength(a.union, b.union),
	}
}

// exactF1 is 2·|A∩B| / (|A|+|B|); 1 when neither has a claim.
func (c counts) exactF1() float64 {
	if !c.used() {
		return 1
	}
	return 2 * float64(c.exact) / float64(c.claimsA+c.claimsB)
}

// overlapF1 is 2PR/(P+R); 1 when neither has a claim, 0 when only one
// has, or when no claim meets the other's.
func (c counts) overlapF1() float64 {
	switch {
	case !c.used():
		return 1
	case c.claimsA == 0 || c.claimsB == 0:
		return 0
	}
	p := float64(c.overlapA) / float64(c.claimsA)
	r := float64(c.overlapB) / float64(c.claimsB)
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// kappa is Cohen's κ over n code points, each "in" for an annotator when
// inside one of their claims: (po − pe) / (1 − pe), 1 when pe is 1 (both
// mark nothing, or both mark everything).
func (c counts) kappa(n int) float64 {
	if (c.inA == 0 && c.inB == 0) || (c.inA == n && c.inB == n) {
		return 1
	}
	N := float64(n)
	agreeIn := float64(c.inBoth)
	agreeOut := float64(n - c.inA - c.inB + c.inBoth)
	po := (agreeIn + agreeOut) / N
	pa, pb := float64(c.inA)/N, float64(c.inB)/N
	pe := pa*pb + (1-pa)*(1-pb)
	return (po - pe) / (1 - pe)
}

// kappaByLabel gives κ for each label used, and their mean (1 when no
// label is used: both agree there is nothing to mark).
func kappaByLabel(byLabel map[string]*counts, n int) (map[string]float64, float64) {
	out := map[string]float64{}
	sum := 0.0
	for _, label := range slices.Sorted(maps.Keys(byLabel)) {
		if c := byLabel[label]; c.used() {
			out[label] = c.kappa(n)
			sum += out[label]
		}
	}
	if len(out) == 0 {
		return out, 1
	}
	return out, sum / float64(len(out))
}

func total(byLabel map[string]*counts) counts {
	var t counts
	for _, c := range byLabel {
		t.add(*c)
	}
	return t
}
