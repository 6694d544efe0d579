package team

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"claimdesk/app/testkit"
	"claimdesk/storage"
)

func claim(annotator string, article uint64, start, end int, label string) storage.Claim {
	return storage.Claim{ArticleID: article, Start: start, End: end, Label: label, Annotator: annotator,
		Created: time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)}
}

func article(id uint64, runeLen int, status storage.Status) storage.ArticleSummary {
	return storage.ArticleSummary{ID: id, Title: fmt.Sprintf("article %d", id), RuneLen: runeLen, Status: status}
}

// handCase is article 1, 20 code points, status new:
//
//	alice: denial 0–5, denial 10–15 (twice: counts once), praise 16–20
//	bob:   denial 0–5, denial 11–14, accusation 16–18
func handCase() []storage.Claim {
	return []storage.Claim{
		claim("alice", 1, 0, 5, "denial"), claim("alice", 1, 10, 15, "denial"), claim("alice", 1, 10, 15, "denial"),
		claim("alice", 1, 16, 20, "praise"),
		claim("bob", 1, 0, 5, "denial"), claim("bob", 1, 11, 14, "denial"), claim("bob", 1, 16, 18, "accusation"),
	}
}

func agreement(t *testing.T, snap *Snapshot, opts AgreementOptions) Report {
	t.Helper()
	r, err := Agreement(snap, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func near(t *testing.T, what string, got Score, want float64) {
	t.Helper()
	if !got.Known || math.Abs(got.Value-want) > 1e-9 {
		t.Errorf("%s = %v (known %v), want %.6f", what, got.Value, got.Known, want)
	}
}

func TestAgreementByHand(t *testing.T) {
	snap := NewSnapshot([]storage.ArticleSummary{article(1, 20, storage.StatusNew)}, handCase())
	r := agreement(t, snap, AgreementOptions{})
	p, _ := r.Pair("alice", "bob")
	if p.Articles != 1 || p.ClaimsA != 3 || p.ClaimsB != 3 {
		t.Fatalf("articles %d, claims %d/%d; want 1, 3/3 (alice's twin claim counts once)", p.Articles, p.ClaimsA, p.ClaimsB)
	}
	// Only denial 0–5 is in both: 2·1 / (3+3) = 1/3.
	near(t, "exact_f1", p.ExactF1, 1.0/3)
	// P: alice's two denials meet bob's, her praise meets no praise: 2/3.
	// R: bob's two denials meet hers, his accusation no accusation: 2/3.
	// 2PR/(P+R) = 2/3.
	near(t, "overlap_f1", p.OverlapF1, 2.0/3)
	// denial over 20 code points: alice in 10 (0–5, 10–15), bob 8 (0–5,
	// 11–14), both 8, neither 20−10−8+8 = 10. po = 18/20 = 0.9,
	// pe = 0.5·0.4 + 0.5·0.6 = 0.5, κ = (0.9−0.5)/(1−0.5) = 0.8.
	// praise: alice 4, bob 0: po = 16/20 = 0.8, pe = 0.2·0 + 0.8·1 = 0.8, κ = 0.
	// accusation: alice 0, bob 2: po = 0.9, pe = 0.9, κ = 0.
	want := map[string]float64{"denial": 0.8, "praise": 0, "accusation": 0}
	for label, k := range want {
		near(t, "kappa "+label, known(p.KappaByLabel[label]), k)
	}
	if len(p.KappaByLabel) != 3 {
		t.Errorf("kappa_by_label %v: want the three labels used", p.KappaByLabel)
	}
	// kappa = (0.8 + 0 + 0) / 3.
	near(t, "kappa", p.Kappa, 0.8/3)
	// One pair: the mean is the pair.
	near(t, "mean kappa", r.Mean.Kappa, 0.8/3)
	// Krippendorff's α, denial: of 20 units of 2 values, 8 have k=2 "in",
	// 2 have k=1, 10 have k=0. n = 40, n₁ = 18, n₀ = 22, o₁₀ = 2·1·1/1 = 2,
	// α = 1 − 39·2/(18·22) = 1 − 78/396.
	near(t, "alpha denial", known(r.Krippendorff.ByLabel["denial"]), 1-78.0/396)
	// Fleiss' κ, denial: P̄ = (8·2 + 2·0 + 10·2)/(20·2·1) = 0.9,
	// p = 18/40 = 0.45, P̄e = 0.45² + 0.55² = 0.505, κ = 0.395/0.495.
	near(t, "fleiss denial", known(r.Fleiss.ByLabel["denial"]), 0.395/0.495)
}

func TestArticlesBothMarkedDoneAreShared(t *testing.T) {
	// Article 2 (10 code points) is done and holds no claim: both marked it
	// done, so it is shared and adds 10 code points where both say "out".
	// denial over 30: alice 10, bob 8, both 8, neither 20. po = 28/30,
	// pa = 1/3, pb = 4/15, pe = 4/45 + 22/45 = 26/45, κ = (42−26)/(45−26) = 16/19.
	snap := NewSnapshot([]storage.ArticleSummary{article(1, 20, storage.StatusNew), article(2, 10, storage.StatusDone)}, handCase())
	p, _ := agreement(t, snap, AgreementOptions{}).Pair("alice", "bob")
	if p.Articles != 2 {
		t.Fatalf("articles = %d, want 2", p.Articles)
	}
	near(t, "kappa denial", known(p.KappaByLabel["denial"]), 16.0/19)
	near(t, "exact_f1", p.ExactF1, 1.0/3)
}

func TestArticleWithOneAnnotatorsClaimsIsNotShared(t *testing.T) {
	claims := append(handCase(), claim("alice", 2, 0, 3, "denial"))
	snap := NewSnapshot([]storage.ArticleSummary{article(1, 20, storage.StatusNew), article(2, 10, storage.StatusNew)}, claims)
	p, _ := agreement(t, snap, AgreementOptions{}).Pair("alice", "bob")
	if p.Articles != 1 || p.ClaimsA != 3 {
		t.Errorf("articles %d claims_a %d: article 2 has only alice's claims, so it is not shared", p.Articles, p.ClaimsA)
	}
}

func TestLabelFilterComparesOnlyThatLabel(t *testing.T) {
	snap := NewSnapshot([]storage.ArticleSummary{article(1, 20, storage.StatusNew)}, handCase())
	p, _ := agreement(t, snap, AgreementOptions{Labels: []string{"denial"}}).Pair("alice", "bob")
	// denial only: 2 claims each, 1 common: 2·1/4; every claim meets one.
	near(t, "exact_f1", p.ExactF1, 0.5)
	near(t, "overlap_f1", p.OverlapF1, 1)
	near(t, "kappa", p.Kappa, 0.8)
}

func TestPairWithoutSharedArticleIsNull(t *testing.T) {
	claims := []storage.Claim{claim("alice", 1, 0, 5, "denial"), claim("bob", 2, 0, 5, "denial")}
	snap := NewSnapshot([]storage.ArticleSummary{article(1, 20, storage.StatusNew), article(2, 20, storage.StatusNew)}, claims)
	r := agreement(t, snap, AgreementOptions{})
	if p := r.Pairs[0]; p.Articles != 0 || p.ExactF1.Known || p.Kappa.Known || r.Mean.Kappa.Known {
		t.Errorf("no shared article: %+v mean %+v; want unknown measures", p, r.Mean)
	}
}

func TestAgreementRefusesBadAnnotators(t *testing.T) {
	snap := NewSnapshot([]storage.ArticleSummary{article(1, 20, storage.StatusNew)}, handCase())
	for _, names := range [][]string{{"alice", "carol"}, {"alice"}} {
		if _, err := Agreement(snap, AgreementOptions{Annotators: names}); err == nil {
			t.Errorf("%v: no error", names)
		}
	}
}

// randomLayers gives each annotator random claims over a few articles.
func randomLayers(seed uint64, annotators []string, labels []string) ([]storage.ArticleSummary, []storage.Claim) {
	rng := rand.New(rand.NewPCG(seed, 7))
	var arts []storage.ArticleSummary
	var claims []storage.Claim
	for id := uint64(1); id <= 6; id++ {
		n := 20 + rng.IntN(80)
		status := storage.StatusInProgress
		if rng.IntN(3) == 0 {
			status = storage.StatusDone
		}
		arts = append(arts, article(id, n, status))
		for _, name := range annotators {
			for range rng.IntN(6) {
				s := rng.IntN(n - 1)
				claims = append(claims, claim(name, id, s, s+1+rng.IntN(min(10, n-s-1)+1)-0, labels[rng.IntN(len(labels))]))
			}
		}
	}
	for i := range claims {
		if claims[i].End > arts[claims[i].ArticleID-1].RuneLen {
			claims[i].End = arts[claims[i].ArticleID-1].RuneLen
		}
	}
	return arts, claims
}

func TestALayerAgainstItselfIsOneEverywhere(t *testing.T) {
	for seed := range uint64(20) {
		arts, claims := randomLayers(seed, []string{"alice"}, []string{"denial", "praise", "accusation"})
		for _, c := range claims {
			c.Annotator = "twin"
			claims = append(claims, c)
		}
		r := agreement(t, NewSnapshot(arts, claims), AgreementOptions{})
		p := r.Pairs[0]
		if p.Articles == 0 {
			continue
		}
		for what, s := range map[string]Score{"exact": p.ExactF1, "overlap": p.OverlapF1, "kappa": p.Kappa,
			"alpha": r.Krippendorff.Value, "fleiss": r.Fleiss.Value} {
			near(t, fmt.Sprintf("seed %d %s", seed, what), s, 1)
		}
		for label, k := range p.KappaByLabel {
			near(t, fmt.Sprintf("seed %d kappa %s", seed, label), known(k), 1)
		}
	}
}

func TestAgreementIsSymmetric(t *testing.T) {
	for seed := range uint64(20) {
		arts, claims := randomLayers(seed, []string{"a", "b"}, []string{"denial", "praise"})
		swapped := make([]storage.Claim, len(claims))
		for i, c := range claims {
			c.Annotator = map[string]string{"a": "y", "b": "x"}[c.Annotator]
			swapped[i] = c
		}
		p := agreement(t, NewSnapshot(arts, claims), AgreementOptions{}).Pairs[0]
		q := agreement(t, NewSnapshot(arts, swapped), AgreementOptions{}).Pairs[0] // x is b, y is a
		if p.Articles != q.Articles || p.ClaimsA != q.ClaimsB || p.ClaimsB != q.ClaimsA {
			t.Fatalf("seed %d: %+v vs %+v", seed, p, q)
		}
		for what, pair := range map[string][2]Score{"exact": {p.ExactF1, q.ExactF1}, "overlap": {p.OverlapF1, q.OverlapF1}, "kappa": {p.Kappa, q.Kappa}} {
			if pair[0].Known {
				near(t, fmt.Sprintf("seed %d %s", seed, what), pair[1], pair[0].Value)
			}
		}
	}
}

func TestLabelsNeverUsedDoNotChangeKappa(t *testing.T) {
	arts := []storage.ArticleSummary{article(1, 20, storage.StatusNew), article(2, 30, storage.StatusNew)}
	before, _ := agreement(t, NewSnapshot(arts, handCase()), AgreementOptions{}).Pair("alice", "bob")
	// "rumour" is used, but only by alice in article 2, which bob never
	// touched: it is not used on the shared articles.
	more := append(handCase(), claim("alice", 2, 0, 9, "rumour"))
	after, _ := agreement(t, NewSnapshot(arts, more), AgreementOptions{}).Pair("alice", "bob")
	near(t, "kappa", after.Kappa, before.Kappa.Value)
	if _, ok := after.KappaByLabel["rumour"]; ok {
		t.Error("a label not used on the shared articles has a kappa")
	}
	// Naming a label nobody used in --label changes nothing either.
	named, _ := agreement(t, NewSnapshot(arts, handCase()), AgreementOptions{Labels: []string{"denial", "praise", "accusation", "rumour"}}).Pair("alice", "bob")
	near(t, "kappa with an unused label named", named.Kappa, before.Kappa.Value)
}

func TestArticlesWorstFirst(t *testing.T) {
	claims := append(handCase(), claim("alice", 2, 0, 5, "denial"), claim("bob", 2, 0, 5, "denial"))
	arts := []storage.ArticleSummary{article(2, 20, storage.StatusNew), article(1, 20, storage.StatusNew)}
	r := agreement(t, NewSnapshot(arts, claims), AgreementOptions{})
	if len(r.Articles) != 2 || r.Articles[0].ID != 1 || r.Articles[1].ID != 2 {
		t.Fatalf("articles %+v: want article 1 (disagreements) before article 2 (full agreement)", r.Articles)
	}
	near(t, "article 2 exact", r.Articles[1].ExactF1, 1)
	if len(r.Labels) != 3 || r.Labels[0].Label != "accusation" {
		t.Errorf("labels %+v", r.Labels)
	}
}

func TestAgreementJSONShape(t *testing.T) {
	claims := append(handCase(), claim("carol", 1, 0, 5, "denial"), claim("carol", 1, 16, 20, "praise"))
	r := agreement(t, NewSnapshot([]storage.ArticleSummary{article(1, 20, storage.StatusNew)}, claims), AgreementOptions{})
	got, err := r.WriteJSON()
	if err != nil {
		t.Fatal(err)
	}
	testkit.Golden(t, "testdata/agree.json", append(got, '\n'))
}

func TestKrippendorffWithMissingAnnotators(t *testing.T) {
	// Article 1 (4 code points): a denial 0–2, b denial 0–1; c takes no
	// part. Article 2 (2 code points): a denial 0–2, c denial 0–1; b takes
	// no part. Units of two values each: k=2 at 1:0 and 2:0, k=1 at 1:1 and
	// 2:1, k=0 at 1:2 and 1:3. n = 12, n₁ = 2·2 + 2·1 = 6, n₀ = 6,
	// o₁₀ = 2·(1·1)/1 = 2, α = 1 − 11·2/(6·6) = 14/36. No article has all
	// three, so Fleiss' κ has nothing to count.
	claims := []storage.Claim{
		claim("a", 1, 0, 2, "denial"), claim("b", 1, 0, 1, "denial"),
		claim("a", 2, 0, 2, "denial"), claim("c", 2, 0, 1, "denial"),
	}
	r := agreement(t, NewSnapshot([]storage.ArticleSummary{article(1, 4, storage.StatusNew), article(2, 2, storage.StatusNew)}, claims), AgreementOptions{})
	near(t, "alpha", r.Krippendorff.Value, 14.0/36)
	if r.Krippendorff.Articles != 2 || r.Fleiss.Articles != 0 || r.Fleiss.Value.Known {
		t.Errorf("alpha over %d articles, fleiss %+v", r.Krippendorff.Articles, r.Fleiss)
	}
}
