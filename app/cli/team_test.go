package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"claimdesk/storage"
)

func TestTeamJoinSyncStatusThroughAFolder(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, "team")
	ann, bob := filepath.Join(dir, "ann.db"), filepath.Join(dir, "bob.db")
	if r := claimdesk(t, ann, "import", seedPath); r.code != ExitOK {
		t.Fatalf("import: %s", r.stderr)
	}
	addClaim(t, ann, "إقرأ هذا الخبر بالعربية", "denial")
	if r := claimdesk(t, filepath.Join(dir, "other.db"), "import", seedPath); r.code != ExitOK {
		t.Fatal(r.stderr)
	}
	addClaim(t, filepath.Join(dir, "other.db"), "إقرأ هذا الخبر بالعربية", "denial")
	if r := claimdesk(t, filepath.Join(dir, "other.db"), "team", "join", filepath.Join(dir, "elsewhere"), "--as", "ann"); !strings.Contains(r.stderr, "1 claim of this store has no annotator and will not be shared") {
		t.Errorf("joining with unnamed claims: %q", r.stderr)
	}
	giveClaimsTo(t, ann, "ann")

	if r := claimdesk(t, ann, "team", "join", folder, "--as", "ann"); r.code != ExitOK || !strings.Contains(r.stdout, "joined") {
		t.Fatalf("ann joins: %d %s %s", r.code, r.stdout, r.stderr)
	}
	if r := claimdesk(t, ann, "team", "sync"); r.code != ExitOK || !strings.Contains(r.stdout, "wrote your layer and 1 article text") {
		t.Fatalf("ann syncs: %d %q %s", r.code, r.stdout, r.stderr)
	}
	if r := claimdesk(t, bob, "team", "join", folder, "--as", "bob"); r.code != ExitOK {
		t.Fatalf("bob joins: %s", r.stderr)
	}
	r := claimdesk(t, bob, "team", "sync", "--json")
	var report struct {
		Layers []struct {
			Annotator     string
			ClaimsAdded   int
			ArticlesAdded int
		} `json:"layers"`
		Problems []string `json:"problems"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &report); err != nil || r.code != ExitOK {
		t.Fatalf("bob syncs: %d %v\n%s%s", r.code, err, r.stdout, r.stderr)
	}
	if len(report.Layers) != 1 || report.Layers[0].Annotator != "ann" || report.Layers[0].ClaimsAdded != 1 || report.Layers[0].ArticlesAdded != 1 {
		t.Errorf("bob's sync report %+v", report)
	}
	r = claimdesk(t, bob, "export", "--format", "csv", "--annotator", "ann")
	if r.code != ExitOK || !strings.Contains(r.stdout, "إقرأ هذا الخبر بالعربية") {
		t.Errorf("bob exports ann's layer: %d %s %s", r.code, r.stdout, r.stderr)
	}

	r = claimdesk(t, bob, "team", "status", "--json")
	var st struct {
		Annotator  string
		Annotators []struct {
			Name       string
			Claims     int
			ClaimsHere int `json:"claims_here"`
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &st); err != nil || st.Annotator != "bob" || len(st.Annotators) != 2 || st.Annotators[0].Claims != 1 || st.Annotators[0].ClaimsHere != 1 {
		t.Errorf("team status --json: %v %+v\n%s", err, st, r.stdout)
	}
	if r := claimdesk(t, bob, "team", "status"); r.code != ExitOK || !strings.Contains(r.stdout, "bob (you)") {
		t.Errorf("team status: %d %s %s", r.code, r.stdout, r.stderr)
	}

	// A broken layer file: exit 1, file and line on stderr, the copy kept.
	layer := filepath.Join(folder, "claims", "ann.jsonl")
	raw, _ := os.ReadFile(layer)
	if err := os.WriteFile(layer, append(raw, "{oops\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	r = claimdesk(t, bob, "team", "sync")
	if r.code != ExitFailure || !strings.Contains(r.stderr, "claims/ann.jsonl:4: not a JSON object") {
		t.Errorf("sync over a broken layer: %d %q", r.code, r.stderr)
	}
	if r := claimdesk(t, bob, "export", "--format", "csv", "--annotator", "ann"); !strings.Contains(r.stdout, "إقرأ هذا الخبر بالعربية") {
		t.Error("the broken file cost bob his copy of ann's layer")
	}
}

func TestTeamUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	for _, args := range [][]string{
		{"team"}, {"team", "merge"}, {"team", "join", "dir"}, {"team", "join", "--as", "ann"}, {"team", "sync", "extra"},
	} {
		if r := claimdesk(t, db, args...); r.code != ExitUsage {
			t.Errorf("%v: exit %d (%s), want %d", args, r.code, r.stderr, ExitUsage)
		}
	}
	if r := claimdesk(t, db, "team", "sync"); r.code != ExitFailure || !strings.Contains(r.stderr, "joined no team folder") {
		t.Errorf("sync before joining: %d %s", r.code, r.stderr)
	}
	if r := claimdesk(t, db, "team", "join", t.TempDir(), "--as", "a/b"); r.code != ExitFailure || !strings.Contains(r.stderr, `annotator name "a/b"`) {
		t.Errorf("a name with a slash: %d %s", r.code, r.stderr)
	}
}

// giveClaimsTo stores every claim of the store under annotator, as the
// window does for the analyst's name.
func giveClaimsTo(t *testing.T, db, annotator string) {
	t.Helper()
	s, err := storage.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var claims []storage.Claim
	_ = s.ForEachClaim(func(c storage.Claim) error { claims = append(claims, c); return nil })
	for _, c := range claims {
		c.Annotator = annotator
		if _, err := s.UpdateClaim(c); err != nil {
			t.Fatal(err)
		}
	}
}

// TestTeamGoldThroughAFolder: the member who joined --adjudicator writes
// gold to the folder; another reads it and may not adjudicate (exit 2).
func TestTeamGoldThroughAFolder(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, "team")
	ann, carl := filepath.Join(dir, "ann.db"), filepath.Join(dir, "carl.db")
	if r := claimdesk(t, ann, "import", seedPath); r.code != ExitOK {
		t.Fatal(r.stderr)
	}
	addClaim(t, ann, "إقرأ هذا الخبر بالعربية", "denial")
	giveClaimsTo(t, ann, "ann")
	for _, step := range [][]string{{"team", "join", folder, "--as", "ann"}, {"team", "sync"}} {
		if r := claimdesk(t, ann, step...); r.code != ExitOK {
			t.Fatalf("ann %v: %s", step, r.stderr)
		}
	}
	if r := claimdesk(t, carl, "team", "join", folder, "--as", "carl", "--adjudicator"); r.code != ExitOK || !strings.Contains(r.stdout, "you adjudicate") {
		t.Fatalf("carl joins as adjudicator: %d %s %s", r.code, r.stdout, r.stderr)
	}
	for _, step := range [][]string{{"team", "sync"}, {"adjudicate", "--agreed", "1"}} {
		if r := claimdesk(t, carl, step...); r.code != ExitOK {
			t.Fatalf("carl %v: %s", step, r.stderr)
		}
	}
	if r := claimdesk(t, carl, "team", "sync"); r.code != ExitOK || !strings.Contains(r.stdout, "wrote the gold layer") {
		t.Errorf("carl syncs gold: %d %s %s", r.code, r.stdout, r.stderr)
	}
	if r := claimdesk(t, ann, "team", "sync"); r.code != ExitOK {
		t.Fatal(r.stderr)
	}
	if r := claimdesk(t, ann, "export", "--format", "csv", "--annotator", "gold"); r.code != ExitOK || !strings.Contains(r.stdout, "إقرأ هذا الخبر بالعربية") {
		t.Errorf("ann exports the gold she read: %d %s %s", r.code, r.stdout, r.stderr)
	}
	if r := claimdesk(t, ann, "adjudicate", "--agreed", "1"); r.code != ExitUsage || !strings.Contains(r.stderr, "--adjudicator") {
		t.Errorf("ann, who does not adjudicate, adjudicates: %d %s", r.code, r.stderr)
	}
	conflict := filepath.Join(folder, "claims", "carl.sync-conflict-20260101-120000-ABCDEFG.jsonl")
	if err := os.WriteFile(conflict, []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := claimdesk(t, ann, "team", "sync"); r.code != ExitOK || !strings.Contains(r.stderr, "carl.sync-conflict-20260101-120000-ABCDEFG.jsonl is a conflict copy") {
		t.Errorf("the first sync after a conflict copy: %d %s", r.code, r.stderr)
	}
	if r := claimdesk(t, ann, "team", "sync"); strings.Contains(r.stderr, "conflict") {
		t.Errorf("the conflict copy is told again: %s", r.stderr)
	}
	if r := claimdesk(t, ann, "team", "status"); !strings.Contains(r.stdout, "conflict copy, not read: claims/carl.sync-conflict") {
		t.Errorf("status does not list the conflict copy: %s", r.stdout)
	}
}
