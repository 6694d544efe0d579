package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"claimdesk/storage"
)

// teamDB is a store with one article that alice, bob and carol labelled:
// all three mark "denied it", alice and bob "accused him", bob alone
// "Critics".
func teamDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "team.db")
	s, err := storage.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a, _, err := s.AddArticle(storage.Article{Text: "The minister denied it. Critics accused him. Fans praised the plan."})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []storage.Claim{
		{Annotator: "alice", Start: 13, End: 22, Label: "denial"}, {Annotator: "alice", Start: 32, End: 43, Label: "accusation"},
		{Annotator: "bob", Start: 13, End: 22, Label: "denial"}, {Annotator: "bob", Start: 32, End: 43, Label: "accusation"},
		{Annotator: "bob", Start: 24, End: 31, Label: "denial"},
		{Annotator: "carol", Start: 13, End: 22, Label: "denial"},
	} {
		c.ArticleID = a.ID
		if _, err := s.AddClaim(c); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

func TestAgreeJSON(t *testing.T) {
	db := teamDB(t)
	r := claimdesk(t, db, "agree", "--json", "--annotators", "alice,bob")
	if r.code != ExitOK {
		t.Fatalf("agree: %d %s", r.code, r.stderr)
	}
	var got struct {
		Annotators []string `json:"annotators"`
		Pairs      []struct {
			A, B         string
			Articles     int                `json:"articles"`
			ClaimsA      int                `json:"claims_a"`
			ClaimsB      int                `json:"claims_b"`
			ExactF1      float64            `json:"exact_f1"`
			OverlapF1    float64            `json:"overlap_f1"`
			Kappa        float64            `json:"kappa"`
			KappaByLabel map[string]float64 `json:"kappa_by_label"`
		} `json:"pairs"`
		Mean map[string]float64 `json:"mean"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	// alice 2 claims, bob 3, 2 in common: 2·2/5 = 0.8.
	p := got.Pairs[0]
	if len(got.Pairs) != 1 || p.A != "alice" || p.B != "bob" || p.ClaimsA != 2 || p.ClaimsB != 3 || p.ExactF1 != 0.8 || got.Mean["exact_f1"] != 0.8 {
		t.Errorf("%+v", got)
	}
	if _, ok := p.KappaByLabel["accusation"]; !ok || len(p.KappaByLabel) != 2 {
		t.Errorf("kappa_by_label %v", p.KappaByLabel)
	}
}

func TestAgreeText(t *testing.T) {
	db := teamDB(t)
	r := claimdesk(t, db, "agree", "--label", "denial")
	if r.code != ExitOK {
		t.Fatalf("agree: %d %s", r.code, r.stderr)
	}
	for _, want := range []string{"alice – bob", "bob – carol", "mean", "Krippendorff's alpha", "per label", "worst articles (1 of 1)"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "accusation") {
		t.Errorf("--label denial shows another label:\n%s", r.stdout)
	}
}

func TestAgreeAndAdjudicateUsage(t *testing.T) {
	db := teamDB(t)
	for _, tc := range []struct {
		args []string
		says string
	}{
		{[]string{"agree", "--annotators", "alice,dave"}, `no claims by annotator "dave"`},
		{[]string{"agree", "--annotators", "alice"}, "two annotators or more"},
		{[]string{"agree", "--label", "rumour"}, `no label "rumour"`},
		{[]string{"agree", "x"}, "no arguments"},
		{[]string{"adjudicate"}, "needs --agreed K"},
		{[]string{"adjudicate", "--agreed", "4"}, "between 1 and the number of annotators, 3"},
		{[]string{"adjudicate", "--agreed", "2", "--annotators", "gold,alice"}, "gold is what adjudication builds"},
	} {
		r := claimdesk(t, db, tc.args...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, tc.says) {
			t.Errorf("%v: %d %q, want exit 2 saying %q", tc.args, r.code, r.stderr, tc.says)
		}
	}
}

func TestAdjudicateThenExportGold(t *testing.T) {
	db := teamDB(t)
	r := claimdesk(t, db, "adjudicate", "--agreed", "2")
	if r.code != ExitOK || !strings.Contains(r.stdout, "gold: 2 claims added, 2 claims made by at least 2 of alice, bob, carol (0 already in gold)") {
		t.Fatalf("adjudicate: %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = claimdesk(t, db, "adjudicate", "--agreed", "2")
	if r.code != ExitOK || !strings.Contains(r.stdout, "gold: 0 claims added") {
		t.Fatalf("second adjudicate must add nothing: %q", r.stdout)
	}
	r = claimdesk(t, db, "export", "--format", "jsonl", "--annotator", "gold")
	if r.code != ExitOK || !strings.Contains(r.stdout, `[[13,22,"denial"],[32,43,"accusation"]]`) {
		t.Errorf("export gold: %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = claimdesk(t, db, "stats")
	for _, want := range []string{"by annotator", "gold", "claims per day (UTC)"} {
		if r.code != ExitOK || !strings.Contains(r.stdout, want) {
			t.Errorf("stats lacks %q: %s", want, r.stdout)
		}
	}
	r = claimdesk(t, db, "stats", "--json")
	var st struct {
		Claims      int `json:"claims"`
		ByAnnotator struct {
			Annotators []struct {
				Annotator string `json:"annotator"`
				Claims    int    `json:"claims"`
			} `json:"annotators"`
		} `json:"by_annotator"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &st); err != nil || st.Claims != 8 || len(st.ByAnnotator.Annotators) != 4 || st.ByAnnotator.Annotators[3].Claims != 2 {
		t.Errorf("stats --json: %v %+v", err, st)
	}
}
