package suggest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"claimdesk/app/testkit"
)

// The same claims train the same model: predictions on the evaluation set
// of a model trained on all of it are fixed (golden).
func TestClassifierFixedSeed(t *testing.T) {
	corpus := loadEvalSet(t)
	examples := Examples(corpus.Docs, English)
	first := Train(corpus.Labels, examples, English)
	second := Train(corpus.Labels, examples, English)
	var out strings.Builder
	for _, d := range corpus.Docs {
		for _, c := range d.Claims {
			ex := describe(d.Text, c.Start, c.End, "", English)
			a, b := first.Predict(ex), second.Predict(ex)
			if fmt.Sprint(a) != fmt.Sprint(b) {
				t.Fatalf("two trainings differ on %q: %v vs %v", c.Quote, a, b)
			}
			fmt.Fprintf(&out, "%-10s %-10s %.4f %s\n", c.Label, a[0].Label, a[0].Score, clipQuote(c.Quote))
		}
	}
	testkit.Golden(t, "testdata/predictions.golden", []byte(out.String()))
}

func clipQuote(q string) string {
	r := []rune(q)
	if len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return q
}

func TestClassifierBadInput(t *testing.T) {
	ex := Example{Quote: "We never interfered", Cue: "denied"}
	if got := Train(nil, nil, English).Predict(ex); got != nil {
		t.Errorf("no labels: got %v, want nothing", got)
	}
	one := Train([]string{"denial"}, []Example{{Quote: "no", Label: "denial"}}, English).Predict(ex)
	if len(one) != 1 || one[0].Label != "denial" || one[0].Score != 1 {
		t.Errorf("one label: got %v", one)
	}
	// A label the lexicon does not know, with one example each, and claims
	// whose label is no longer in the store: nothing breaks.
	labels := []string{"denial", "hedge"}
	examples := []Example{
		{Quote: "It may perhaps be possible that something happened", Label: "hedge"},
		{Quote: "We never did it", Label: "denial"},
		{Quote: "old claim", Label: "removed-label"},
	}
	c := Train(labels, examples, English)
	if c.Trained() != 2 {
		t.Errorf("trained on %d claims, want 2 (the removed label's claim left out)", c.Trained())
	}
	if got := c.Predict(Example{}); len(got) != 2 {
		t.Errorf("empty selection: got %v", got)
	}
}

// Labels the user adds are learned from their claims alone: after enough
// claims of a new label, selections like them get it.
func TestNewLabelLearnedFromClaims(t *testing.T) {
	labels := []string{"denial", "accusation", "praise", "hedge"}
	var examples []Example
	for i := range 40 {
		examples = append(examples,
			Example{Quote: fmt.Sprintf("It may perhaps be possible that report %d is right", i), Label: "hedge"},
			Example{Quote: fmt.Sprintf("We never did thing %d and deny it", i), Label: "denial"},
			Example{Quote: fmt.Sprintf("They stole election %d", i), Label: "accusation"},
			Example{Quote: fmt.Sprintf("She is a great leader of %d", i), Label: "praise"})
	}
	c := Train(labels, examples, English)
	got := c.Predict(Example{Quote: "It may perhaps be possible that the figures are right"})
	if got[0].Label != "hedge" {
		t.Errorf("got %v, want hedge first", got)
	}
}

// Before any claim exists the lexicon decides.
func TestPriorWithoutClaims(t *testing.T) {
	c := Train([]string{"denial", "accusation", "praise"}, nil, English)
	cases := map[string]string{
		"These allegations are baseless and false": "denial",
		"They hacked our systems and interfered":   "accusation",
		"She is a brilliant and courageous leader": "praise",
	}
	for quote, want := range cases {
		if got := c.Predict(Example{Quote: quote}); got[0].Label != want {
			t.Errorf("%q: got %v, want %s", quote, got, want)
		}
	}
}

// Cross-validation never trains on an article it tests.
func TestEvaluationKeepsFoldsApart(t *testing.T) {
	corpus := loadEvalSet(t)
	var ids []uint64
	for _, d := range corpus.Docs {
		ids = append(ids, d.ID)
	}
	const k = 4
	fold := Folds(ids, k)
	call := 0
	spy := func(labels []string, examples []Example, cues *Cues) *Model {
		for _, ex := range examples {
			if fold[ex.ArticleID] == call {
				t.Errorf("fold %d trains on article %d, which it tests", call, ex.ArticleID)
			}
		}
		call++
		return BuildModel(labels, examples, cues)
	}
	r, err := evaluate(context.Background(), corpus, k, English, spy)
	if err != nil {
		t.Fatal(err)
	}
	if call != k || r.Folds != k {
		t.Errorf("trained %d times for %d folds", call, r.Folds)
	}
	tested := 0
	for _, row := range r.Confusion {
		for _, n := range row {
			tested += n
		}
	}
	if tested != r.Claims {
		t.Errorf("tested %d claims of %d", tested, r.Claims)
	}
}

func TestEvaluationNeedsTwoArticles(t *testing.T) {
	corpus := loadEvalSet(t)
	corpus.Docs = corpus.Docs[:1]
	if _, err := Evaluate(context.Background(), corpus, 5, English); err == nil || !strings.Contains(err.Error(), "at least 2 articles") {
		t.Errorf("got %v", err)
	}
	if _, err := Evaluate(context.Background(), Corpus{}, 5, English); err == nil {
		t.Error("an empty store evaluated")
	}
}

// The report on the hand-labelled evaluation set: the figures README and
// the window show.
func TestEvaluationReport(t *testing.T) {
	r, err := Evaluate(context.Background(), loadEvalSet(t), 5, English)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	r.WriteText(&out)
	testkit.Golden(t, "testdata/evaluation.golden", []byte(out.String()))
}
