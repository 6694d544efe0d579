package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"claimdesk/app/testkit"
	"claimdesk/storage"
)

const seedPath = "../../seeds/000_f91aa925e747fcb2.txt"

type run struct {
	code           int
	stdout, stderr string
}

func claimdesk(t *testing.T, db string, args ...string) run {
	t.Helper()
	var out, errOut bytes.Buffer
	env := &Env{
		Args:   args,
		Getenv: func(k string) string { return map[string]string{"CLAIMDESK_DB": db}[k] },
		Stdout: &out,
		Stderr: &errOut,
	}
	code := Run(env)
	return run{code, out.String(), errOut.String()}
}

func TestImportThenExportGivesTheArticle(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	r := claimdesk(t, db, "import", seedPath)
	if r.code != ExitOK {
		t.Fatalf("import: %d %s", r.code, r.stderr)
	}
	r = claimdesk(t, db, "import", seedPath)
	if r.code != ExitOK || !strings.Contains(r.stderr, "skipped") {
		t.Fatalf("second import should skip the duplicate: %d %q", r.code, r.stderr)
	}
	addClaim(t, db, "إقرأ هذا الخبر بالعربية", "denial")
	r = claimdesk(t, db, "export", "--format", "jsonl")
	if r.code != ExitOK {
		t.Fatalf("export: %d %s", r.code, r.stderr)
	}
	seed, _ := os.ReadFile(seedPath)
	var line struct {
		Text  string `json:"text"`
		Label [][3]any
	}
	if err := json.Unmarshal([]byte(strings.SplitN(r.stdout, "\n", 2)[0]), &line); err != nil {
		t.Fatalf("export line: %v\n%s", err, r.stdout)
	}
	if line.Text != string(seed) {
		t.Error("exported text differs from the seed article")
	}
	if len(line.Label) != 1 || line.Label[0][2] != "denial" {
		t.Errorf("labels %v", line.Label)
	}
	assertPythonSlices(t, line.Text, int(line.Label[0][0].(float64)), int(line.Label[0][1].(float64)), "إقرأ هذا الخبر بالعربية")
}

func addClaim(t *testing.T, db, quote, label string) {
	t.Helper()
	s, err := storage.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sums, _ := s.ArticleSummaries()
	a, _ := s.Article(sums[0].ID)
	i := strings.Index(a.Text, quote)
	start := storage.RuneOffset(a.Text, i)
	if _, err := s.AddClaim(storage.Claim{ArticleID: a.ID, Start: start, End: start + storage.RuneLen(quote), Quote: quote, Label: label}); err != nil {
		t.Fatal(err)
	}
}

// assertPythonSlices checks the offset contract the way users consume it.
func assertPythonSlices(t *testing.T, text string, start, end int, want string) {
	t.Helper()
	py := testkit.Python(t)
	payload, _ := json.Marshal(map[string]any{"text": text, "start": start, "end": end})
	cmd := exec.Command(py, "-c", "import json,sys; d=json.load(sys.stdin); sys.stdout.write(d['text'][d['start']:d['end']])")
	cmd.Stdin = bytes.NewReader(payload)
	got, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("python text[%d:%d] = %q, want %q", start, end, got, want)
	}
}

func TestExitCodesAndMessages(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	tests := []struct {
		name string
		args []string
		code int
		says string
	}{
		{"unknown command", []string{"frobnicate"}, ExitUsage, "unknown command"},
		{"import without files", []string{"import"}, ExitUsage, "at least one FILE"},
		{"import missing file", []string{"import", "/nonexistent/a.txt"}, ExitFailure, "a.txt"},
		{"bad map", []string{"import", "--map", "PERSON", seedPath}, ExitUsage, "FROM=TO"},
		{"export without format", []string{"export"}, ExitUsage, "format"},
		{"export bad split", []string{"export", "--format", "doccano", "--split", "80/10", "-o", "x"}, ExitUsage, "three percentages"},
		{"export folder format to stdout", []string{"export", "--format", "brat"}, ExitUsage, "-o"},
		{"search without query", []string{"search"}, ExitUsage, "QUERY"},
		{"stats with argument", []string{"stats", "x"}, ExitUsage, "no arguments"},
		{"unknown flag", []string{"stats", "--nope"}, ExitUsage, "nope"},
		{"help", []string{"help"}, ExitOK, ""},
		{"command help", []string{"export", "--help"}, ExitOK, "--format"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := claimdesk(t, db, tc.args...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d (stderr %q)", r.code, tc.code, r.stderr)
			}
			if !strings.Contains(r.stderr+r.stdout, tc.says) {
				t.Errorf("output %q does not say %q", r.stderr+r.stdout, tc.says)
			}
		})
	}
}

func TestReadCommandsOnMissingStoreSayWhere(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.db")
	r := claimdesk(t, db, "stats")
	if r.code != ExitFailure || !strings.Contains(r.stderr, db) {
		t.Errorf("stats on missing store: %d %q", r.code, r.stderr)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a read command must not create the store")
	}
}

func TestNotADatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "article.txt")
	if err := os.WriteFile(db, []byte("this is an article, not a database"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := claimdesk(t, db, "import", seedPath)
	if r.code != ExitFailure || !strings.Contains(r.stderr, "not a claimdesk database") {
		t.Errorf("got %d %q", r.code, r.stderr)
	}
	raw, _ := os.ReadFile(db)
	if string(raw) != "this is an article, not a database" {
		t.Error("the foreign file was changed")
	}
}

func TestStatsSearchCheckLabels(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	if r := claimdesk(t, db, "import", seedPath); r.code != ExitOK {
		t.Fatal(r.stderr)
	}
	addClaim(t, db, "Russia has never interfered", "denial")
	r := claimdesk(t, db, "stats")
	if r.code != ExitOK || !strings.Contains(r.stdout, "claims    1") || !strings.Contains(r.stdout, "denial           1") {
		t.Errorf("stats: %q", r.stdout)
	}
	r = claimdesk(t, db, "search", "never", "interfered", "--json")
	if r.code != ExitOK || !strings.Contains(r.stdout, `"quote":"Russia has never interfered"`) {
		t.Errorf("search: %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = claimdesk(t, db, "check")
	if r.code != ExitOK || !strings.Contains(r.stdout, "ok (1 article, 1 claim)") {
		t.Errorf("check: %q %q", r.stdout, r.stderr)
	}
	if r = claimdesk(t, db, "labels", "add", "speculation", "--colour", "#CC79A7", "--hotkey", "4"); r.code != ExitOK {
		t.Fatalf("labels add: %q", r.stderr)
	}
	if r = claimdesk(t, db, "labels", "set", "denial", "--name", "rebuttal"); r.code != ExitOK {
		t.Fatalf("labels set: %q", r.stderr)
	}
	if r = claimdesk(t, db, "labels", "remove", "rebuttal"); r.code != ExitFailure || !strings.Contains(r.stderr, "used by 1") {
		t.Errorf("removing a used label: %d %q", r.code, r.stderr)
	}
	r = claimdesk(t, db, "labels")
	if !strings.Contains(r.stdout, "rebuttal") || !strings.Contains(r.stdout, "speculation") {
		t.Errorf("labels: %q", r.stdout)
	}
}

func TestFlagsAfterArguments(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	r := claimdesk(t, "", "import", seedPath, "--db", db)
	if r.code != ExitOK {
		t.Fatalf("%d %s", r.code, r.stderr)
	}
	if _, err := os.Stat(db); err != nil {
		t.Error("--db after the file was ignored")
	}
}

func TestDefaultDBPathFollowsXDG(t *testing.T) {
	env := map[string]string{"XDG_DATA_HOME": "/data", "HOME": "/home/ana"}
	got, _ := DefaultDBPath(func(k string) string { return env[k] })
	if got != "/data/claimdesk/claimdesk.db" {
		t.Errorf("XDG: %s", got)
	}
	delete(env, "XDG_DATA_HOME")
	got, _ = DefaultDBPath(func(k string) string { return env[k] })
	if got != "/home/ana/.local/share/claimdesk/claimdesk.db" {
		t.Errorf("HOME: %s", got)
	}
}

func TestDeleteArticles(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	if r := claimdesk(t, db, "import", seedPath); r.code != ExitOK {
		t.Fatal(r.stderr)
	}
	addClaim(t, db, "absurd", "accusation")
	r := claimdesk(t, db, "delete", "1", "7")
	if r.code != ExitFailure || !strings.Contains(r.stderr, "deleted article 1") || !strings.Contains(r.stderr, "article 7: no such article") {
		t.Errorf("delete 1 7: %d %q", r.code, r.stderr)
	}
	if r := claimdesk(t, db, "stats"); !strings.Contains(r.stdout, "articles  0") || !strings.Contains(r.stdout, "claims    0") {
		t.Errorf("after delete: %q", r.stdout)
	}
	if r := claimdesk(t, db, "delete", "x"); r.code != ExitUsage {
		t.Errorf("delete x exited %d", r.code)
	}
	if r := claimdesk(t, db, "check"); r.code != ExitOK {
		t.Errorf("check after delete: %q", r.stderr)
	}
}
