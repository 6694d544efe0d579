package team

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os/exec"
	"testing"

	"claimdesk/app/testkit"
	"claimdesk/storage"
)

// nltkAgreement computes, per label, NLTK's Krippendorff's α, multi-π
// (Fleiss' κ) and Cohen's κ of every coder pair from (coder, item, value)
// triples: an independent implementation to check ours against.
const nltkAgreement = `
import json, sys
from nltk.metrics.agreement import AnnotationTask
results = []
for case in json.load(sys.stdin):
    out = {}
    for label, triples in case["labels"].items():
        task = AnnotationTask(data=[tuple(t) for t in triples])
        res = {"alpha": task.alpha()}
        if case["complete"]:
            res["pi"] = task.pi()
            res["kappa"] = {a + "|" + b: task.kappa_pairwise(a, b) for a, b in case["pairs"]}
        out[label] = res
    results.append(out)
json.dump(results, sys.stdout)
`

// nltkCase is one set of layers for NLTK: per label, its triples; the
// coder pairs whose kappa to compute; complete when every coder codes
// every item, which π and kappa need.
type nltkCase struct {
	Labels   map[string][][3]any `json:"labels"`
	Pairs    [][2]string         `json:"pairs"`
	Complete bool                `json:"complete"`
}

type nltkResult struct {
	Alpha float64            `json:"alpha"`
	Pi    float64            `json:"pi"`
	Kappa map[string]float64 `json:"kappa"`
}

// codePointTriples turns claims into NLTK's data: for each label, every
// code point of every article a coder takes part in, 1 inside one of
// their claims of that label, else 0.
func codePointTriples(arts []storage.ArticleSummary, claims []storage.Claim, takesPart func(coder string, article uint64) bool, coders []string) map[string][][3]any {
	in := map[string]map[string]map[[2]int]bool{} // label → coder → (article, code point)
	for _, c := range claims {
		if in[c.Label] == nil {
			in[c.Label] = map[string]map[[2]int]bool{}
		}
		if in[c.Label][c.Annotator] == nil {
			in[c.Label][c.Annotator] = map[[2]int]bool{}
		}
		for p := c.Start; p < c.End; p++ {
			in[c.Label][c.Annotator][[2]int{int(c.ArticleID), p}] = true
		}
	}
	out := map[string][][3]any{}
	for label, byCoder := range in {
		for _, a := range arts {
			for _, coder := range coders {
				if !takesPart(coder, a.ID) {
					continue
				}
				for p := range a.RuneLen {
					v := 0
					if byCoder[coder][[2]int{int(a.ID), p}] {
						v = 1
					}
					out[label] = append(out[label], [3]any{coder, fmt.Sprintf("%d:%d", a.ID, p), v})
				}
			}
		}
	}
	return out
}

// runNLTK runs every case in one python3, which takes seconds to import
// NLTK.
func runNLTK(t *testing.T, py string, cases []nltkCase) []map[string]nltkResult {
	t.Helper()
	req, _ := json.Marshal(cases)
	cmd := exec.Command(py, "-c", nltkAgreement)
	cmd.Stdin = bytes.NewReader(req)
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("nltk: %v", err)
	}
	var res []map[string]nltkResult
	if err := json.Unmarshal(raw, &res); err != nil || len(res) != len(cases) {
		t.Fatalf("nltk said %s: %v", raw, err)
	}
	return res
}

// randomTeam gives each of coders 1–4 random claims in each of 3–4 short
// articles; with absent, one coder chosen at random takes no part in each
// article.
func randomTeam(seed uint64, coders []string, absent bool) ([]storage.ArticleSummary, []storage.Claim) {
	rng := rand.New(rand.NewPCG(seed, 11))
	var arts []storage.ArticleSummary
	var claims []storage.Claim
	for id := uint64(1); id <= 4; id++ {
		n := 20 + rng.IntN(15)
		arts = append(arts, article(id, n, storage.StatusNew))
		away := ""
		if absent {
			away = coders[rng.IntN(len(coders))]
		}
		for _, coder := range coders {
			if coder == away {
				continue
			}
			for range 1 + rng.IntN(4) {
				s := rng.IntN(n - 8)
				claims = append(claims, claim(coder, id, s, s+1+rng.IntN(8), []string{"denial", "praise"}[rng.IntN(2)]))
			}
		}
	}
	return arts, claims
}

// TestCoefficientsAgreeWithNLTK checks Cohen's κ per pair, Fleiss' κ and
// Krippendorff's α per label against NLTK on random layers where every
// coder takes part in every article, and α again where one coder misses
// each article.
func TestCoefficientsAgreeWithNLTK(t *testing.T) {
	py := testkit.PythonWith(t, "nltk")
	coders := []string{"ann", "ben", "cat"}
	pairs := [][2]string{{"ann", "ben"}, {"ann", "cat"}, {"ben", "cat"}}
	var (
		cases   []nltkCase
		reports []Report
	)
	for seed := range uint64(4) {
		absent := seed >= 2
		arts, claims := randomTeam(seed, coders, absent)
		snap := NewSnapshot(arts, claims)
		reports = append(reports, agreement(t, snap, AgreementOptions{}))
		takesPart := func(coder string, id uint64) bool { return snap.hasClaims(coder, id) }
		cases = append(cases, nltkCase{Labels: codePointTriples(arts, claims, takesPart, coders), Pairs: pairs, Complete: !absent})
	}
	for i, res := range runNLTK(t, py, cases) {
		r := reports[i]
		for label, want := range res {
			near(t, fmt.Sprintf("case %d alpha %s", i, label), known(r.Krippendorff.ByLabel[label]), want.Alpha)
			if !cases[i].Complete {
				continue
			}
			near(t, fmt.Sprintf("case %d fleiss %s", i, label), known(r.Fleiss.ByLabel[label]), want.Pi)
			for _, p := range pairs {
				got, _ := r.Pair(p[0], p[1])
				near(t, fmt.Sprintf("case %d kappa %s %v", i, label, p), known(got.KappaByLabel[label]), want.Kappa[p[0]+"|"+p[1]])
			}
		}
	}
}
