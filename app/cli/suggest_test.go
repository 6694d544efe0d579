package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// spansFixture writes articles with labelled quotes as spans JSONL, the
// shape claimdesk import reads.
func spansFixture(t *testing.T) string {
	t.Helper()
	articles := []struct{ text, quote, label string }{
		{"\"We never interfered in the election,\" Peskov said.\n", "We never interfered in the election", "denial"},
		{"\"They hacked our systems and stole the emails,\" Obama said.\n", "They hacked our systems and stole the emails", "accusation"},
		{"\"He is a brilliant and strong leader,\" Putin said.\n", "He is a brilliant and strong leader", "praise"},
		{"\"These reports are absurd and false,\" the ministry said.\n", "These reports are absurd and false", "denial"},
	}
	var b strings.Builder
	for _, a := range articles {
		start := len([]rune(a.text[:strings.Index(a.text, a.quote)]))
		line, _ := json.Marshal(map[string]any{
			"text":  a.text,
			"spans": []map[string]any{{"start": start, "end": start + len([]rune(a.quote)), "label": a.label}},
		})
		b.Write(line)
		b.WriteByte('\n')
	}
	path := filepath.Join(t.TempDir(), "claims.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestSuggestJSON(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	if r := claimdesk(t, db, "import", seedPath); r.code != ExitOK {
		t.Fatalf("import: %s", r.stderr)
	}
	r := claimdesk(t, db, "suggest", "--json", "--min-score", "0.5")
	if r.code != ExitOK {
		t.Fatalf("suggest: %d %s", r.code, r.stderr)
	}
	seed, _ := os.ReadFile(seedPath)
	text := []rune(string(seed))
	found := false
	for line := range strings.Lines(r.stdout) {
		var c map[string]any
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		for _, key := range []string{"article_id", "start", "end", "quote", "label", "score", "speaker", "target"} {
			if _, ok := c[key]; !ok {
				t.Errorf("line lacks %q: %s", key, line)
			}
		}
		start, end := int(c["start"].(float64)), int(c["end"].(float64))
		if string(text[start:end]) != c["quote"] {
			t.Errorf("quote is not text[start:end] in code points: %s", line)
		}
		if c["score"].(float64) < 0.5 {
			t.Errorf("--min-score 0.5 let through %s", line)
		}
		if strings.Contains(c["quote"].(string), "a very striking man") && c["speaker"] == "Putin" && c["target"] == "Trump" && c["label"] == "praise" {
			found = true
		}
	}
	if !found {
		t.Errorf("no praise by Putin of Trump in:\n%s", r.stdout)
	}
	if r := claimdesk(t, db, "suggest", "1"); r.code != ExitOK || !strings.Contains(r.stdout, "Peskov") {
		t.Errorf("suggest 1: %d %q %s", r.code, r.stdout, r.stderr)
	}
}

func TestSuggestBadUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	claimdesk(t, db, "import", seedPath)
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"suggest", "abc"}, ExitUsage, `"abc" is not an article id`},
		{[]string{"suggest", "--min-score", "2"}, ExitUsage, "--min-score must be between 0 and 1"},
		{[]string{"suggest", "--evaluate", "--folds", "1"}, ExitUsage, "--folds must be at least 2"},
		{[]string{"suggest", "--evaluate", "1"}, ExitUsage, "drop the article ids"},
		{[]string{"suggest", "42"}, ExitFailure, "no article 42"},
		{[]string{"suggest", "--evaluate"}, ExitFailure, "claims in at least 2 articles"},
	} {
		r := claimdesk(t, db, c.args...)
		if r.code != c.code || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: got %d %q, want %d %q", c.args, r.code, r.stderr, c.code, c.want)
		}
	}
	empty := filepath.Join(t.TempDir(), "none.db")
	if r := claimdesk(t, empty, "suggest"); r.code != ExitFailure || !strings.Contains(r.stderr, "no database") {
		t.Errorf("no store: %d %q", r.code, r.stderr)
	}
}

func TestSuggestEvaluate(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	if r := claimdesk(t, db, "import", spansFixture(t)); r.code != ExitOK {
		t.Fatalf("import: %s", r.stderr)
	}
	r := claimdesk(t, db, "suggest", "--evaluate", "--folds", "2")
	if r.code != ExitOK || !strings.Contains(r.stdout, "4 claims in 4 articles, 2-fold") || !strings.Contains(r.stdout, "Candidates: precision") {
		t.Fatalf("evaluate: %d %s %s", r.code, r.stdout, r.stderr)
	}
	r = claimdesk(t, db, "suggest", "--evaluate", "--json", "--folds", "2")
	var report struct {
		Claims    int     `json:"claims"`
		Accuracy  float64 `json:"accuracy"`
		Confusion [][]int `json:"confusion"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &report); err != nil || report.Claims != 4 || len(report.Confusion) != 3 {
		t.Errorf("evaluate --json: %v %+v\n%s", err, report, r.stdout)
	}
}

func TestClassify(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	if r := claimdesk(t, db, "import", spansFixture(t)); r.code != ExitOK {
		t.Fatalf("import: %s", r.stderr)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	lines := []string{
		`{"text":"\"These claims are baseless and false,\" the spokesman said.","spans":[{"start":1,"end":36,"label":"x","extra":7}],"meta":{"id":1}}`,
		`{"text": broken`,
		`{"text":"Zoë 👍🏽 praised the brilliant team.","spans":[{"start":0,"end":50}]}`,
		``,
		`{"text":"She is a great and brilliant leader, he said.","spans":[{"start":0,"end":35}]}`,
	}
	if err := os.WriteFile(in, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.jsonl")
	r := claimdesk(t, db, "classify", in, "-o", out)
	if r.code != ExitFailure || !strings.Contains(r.stderr, "in.jsonl:2: not a JSON object") ||
		!strings.Contains(r.stderr, "in.jsonl:3: span 1: [0, 50) is outside the text's 34 code points") {
		t.Errorf("classify: %d %q", r.code, r.stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(got) != len(lines) {
		t.Fatalf("%d lines out of %d:\n%s", len(got), len(lines), data)
	}
	for _, i := range []int{1, 2, 3} {
		if got[i] != lines[i] {
			t.Errorf("line %d changed: %q", i+1, got[i])
		}
	}
	var first struct {
		Spans []struct {
			Start, End, Extra int
			Label             string
			Score             float64
		}
		Meta map[string]int
	}
	if err := json.Unmarshal([]byte(got[0]), &first); err != nil {
		t.Fatal(err)
	}
	if s := first.Spans[0]; s.Label != "denial" || s.Score <= 0 || s.Extra != 7 || s.Start != 1 || first.Meta["id"] != 1 {
		t.Errorf("first line: %s", got[0])
	}
	if !strings.Contains(got[4], `"label":"praise"`) {
		t.Errorf("last line: %s", got[4])
	}
	// Standard input to standard output.
	var stdin strings.Builder
	stdin.WriteString(lines[4] + "\n")
	r = claimdeskWithStdin(t, db, stdin.String(), "classify", "-")
	if r.code != ExitOK || !strings.Contains(r.stdout, `"score"`) {
		t.Errorf("classify -: %d %q %q", r.code, r.stdout, r.stderr)
	}
}

func claimdeskWithStdin(t *testing.T, db, stdin string, args ...string) run {
	t.Helper()
	var out, errOut strings.Builder
	env := &Env{
		Args:   args,
		Getenv: func(k string) string { return map[string]string{"CLAIMDESK_DB": db}[k] },
		Stdin:  strings.NewReader(stdin),
		Stdout: &out,
		Stderr: &errOut,
	}
	code := Run(env)
	return run{code, out.String(), errOut.String()}
}
