package suggest

import (
	"bytes"
	"context"
	"encoding/json"
	"os/exec"
	"testing"

	"claimdesk/app/testkit"
)

// baselineScores is what testdata/baseline.py prints.
type baselineScores struct {
	Accuracy float64 `json:"accuracy"`
	MacroF1  float64 `json:"macro_f1"`
	PerLabel map[string]struct {
		Precision, Recall, F1 float64
	} `json:"per_label"`
}

// Label suggestion is at least as accurate as scikit-learn's TF-IDF +
// logistic regression trained and tested on the same claims and folds of
// the hand-labelled evaluation set, given the quote alone and given the
// quote with its paragraph (what the classifier here sees too).
func TestAtLeastAsGoodAsTFIDFBaseline(t *testing.T) {
	python := testkit.PythonWith(t, "sklearn")
	corpus := loadEvalSet(t)
	const k = 5
	ours, err := Evaluate(context.Background(), corpus, k, English)
	if err != nil {
		t.Fatal(err)
	}
	var ids []uint64
	for _, d := range corpus.Docs {
		ids = append(ids, d.ID)
	}
	fold := Folds(ids, k)
	var in bytes.Buffer
	enc := json.NewEncoder(&in)
	for _, d := range corpus.Docs {
		for _, c := range d.Claims {
			withContext := c.Quote + " " + describe(d.Text, c.Start, c.End, "", English).Context
			enc.Encode(map[string]any{"variant": "quote", "fold": fold[d.ID], "text": c.Quote, "label": c.Label})
			enc.Encode(map[string]any{"variant": "quote+paragraph", "fold": fold[d.ID], "text": withContext, "label": c.Label})
		}
	}
	cmd := exec.Command(python, "testdata/baseline.py")
	cmd.Stdin = &in
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("baseline.py: %v", err)
	}
	var variants map[string]baselineScores
	if err := json.Unmarshal(out, &variants); err != nil || len(variants) != 2 {
		t.Fatalf("baseline.py printed %q: %v", out, err)
	}
	for name, base := range variants {
		t.Logf("%s: baseline accuracy %.3f macro-F1 %.3f; ours %.3f / %.3f", name, base.Accuracy, base.MacroF1, ours.Accuracy, ours.MacroF1)
		for _, l := range ours.PerLabel {
			b := base.PerLabel[l.Label]
			t.Logf("  %-10s baseline P %.3f R %.3f F1 %.3f   ours P %.3f R %.3f F1 %.3f", l.Label, b.Precision, b.Recall, b.F1, l.Precision, l.Recall, l.F1)
		}
		if ours.Accuracy < base.Accuracy {
			t.Errorf("%s: accuracy %.3f below the baseline's %.3f", name, ours.Accuracy, base.Accuracy)
		}
	}
}
