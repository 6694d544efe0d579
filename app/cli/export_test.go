package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// exportStore is a store with the seed article and a claim of each of
// denial, praise and a label whose name holds a comma.
func exportStore(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "c.db")
	if r := claimdesk(t, db, "import", seedPath); r.code != ExitOK {
		t.Fatal(r.stderr)
	}
	if r := claimdesk(t, db, "labels", "add", "claim,unverified"); r.code != ExitOK {
		t.Fatalf("labels add: %s", r.stderr)
	}
	addClaim(t, db, "Russia has never interfered", "denial")
	addClaim(t, db, "a very striking man", "praise")
	addClaim(t, db, "absurd", "claim,unverified")
	return db
}

// exportedLabels runs export --format spans with args and returns the
// labels of the spans written to stdout, in text order.
func exportedLabels(t *testing.T, db string, args ...string) []string {
	t.Helper()
	r := claimdesk(t, db, append([]string{"export", "--format", "spans"}, args...)...)
	if r.code != ExitOK {
		t.Fatalf("export %v: %d %s", args, r.code, r.stderr)
	}
	var line struct {
		Spans []struct{ Label string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &line); err != nil {
		t.Fatalf("export %v: %v\n%s", args, err, r.stdout)
	}
	var got []string
	for _, s := range line.Spans {
		got = append(got, s.Label)
	}
	return got
}

func TestExportLabelFlag(t *testing.T) {
	db := exportStore(t)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--label", "claim,unverified"}, "claim,unverified"},
		{[]string{"--label", "denial", "--label", "claim,unverified"}, "denial claim,unverified"},
		{[]string{"--label", "denial,praise"}, "denial praise"},
		{[]string{"--label", " praise ", "--label", "denial"}, "denial praise"},
		{nil, "denial claim,unverified praise"},
	}
	for _, tc := range tests {
		got := exportedLabels(t, db, tc.args...)
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%q: labels %q, want %q", tc.args, got, tc.want)
		}
	}
	r := claimdesk(t, db, "export", "--format", "spans", "--label", "denial,claim")
	if r.code != ExitUsage || !strings.Contains(r.stderr, `--label "denial,claim": no label "claim"`) ||
		!strings.Contains(r.stderr, `"claim,unverified"`) {
		t.Errorf("an unknown label: %d %q", r.code, r.stderr)
	}
}

// TestExportToStdout: -o - is standard output, as without -o; no file
// named "-" appears.
func TestExportToStdout(t *testing.T) {
	db := exportStore(t)
	t.Chdir(t.TempDir())
	plain := claimdesk(t, db, "export", "--format", "csv")
	dash := claimdesk(t, db, "export", "--format", "csv", "-o", "-")
	if dash.code != ExitOK || dash.stdout == "" || dash.stdout != plain.stdout {
		t.Errorf("-o -: %d, %d bytes on stdout (%d without -o); %s", dash.code, len(dash.stdout), len(plain.stdout), dash.stderr)
	}
	if _, err := os.Stat("-"); err == nil {
		t.Error(`-o - wrote a file named "-"`)
	}
	if r := claimdesk(t, db, "export", "--format", "brat", "-o", "-"); r.code != ExitUsage || !strings.Contains(r.stderr, "give a folder") {
		t.Errorf("brat to -: %d %q", r.code, r.stderr)
	}
}

func TestExportOffsetsAndCoNLLFlags(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	text := filepath.Join(t.TempDir(), "emoji.txt")
	if err := os.WriteFile(text, []byte("Fans 👍🏽 said: the vote was rigged.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := claimdesk(t, db, "import", text); r.code != ExitOK {
		t.Fatal(r.stderr)
	}
	addClaim(t, db, "the vote was rigged", "accusation")

	var line struct {
		Text  string
		Label [][3]any
		Meta  map[string]any
	}
	r := claimdesk(t, db, "export", "--format", "doccano", "--offsets", "utf16")
	if err := json.Unmarshal([]byte(r.stdout), &line); r.code != ExitOK || err != nil {
		t.Fatalf("doccano utf16: %d %v %s", r.code, err, r.stderr)
	}
	// "Fans " 5 units, 👍🏽 4 (two astral code points), " said: " 7.
	if line.Label[0][0] != 16.0 || line.Label[0][1] != 35.0 || line.Meta["offsets"] != "utf16" {
		t.Errorf("utf16 offsets %v, meta %v; want 16-35", line.Label, line.Meta["offsets"])
	}
	r = claimdesk(t, db, "export", "--format", "doccano")
	if err := json.Unmarshal([]byte(r.stdout), &line); err != nil || line.Label[0][0] != 14.0 {
		t.Errorf("default offsets %v (%v), want code points from 14", line.Label, err)
	}
	assertPythonSlices(t, line.Text, 14, 33, "the vote was rigged")

	r = claimdesk(t, db, "export", "--format", "conll")
	if !strings.HasPrefix(r.stdout, "-DOCSTART- -X- O O\n\nFans -X- O O\n") || !strings.Contains(r.stdout, "\nthe -X- O B-accusation\nvote -X- O I-accusation\n") {
		t.Errorf("conll: %q", r.stdout)
	}
	r = claimdesk(t, db, "export", "--format", "conll", "--conll", "tsv")
	if !strings.HasPrefix(r.stdout, "-DOCSTART-\tO\n\nFans\tO\n") {
		t.Errorf("conll tsv: %q", r.stdout)
	}

	for _, bad := range [][]string{
		{"--format", "spans", "--offsets", "utf16"},
		{"--format", "doccano", "--offsets", "bytes"},
		{"--format", "csv", "--conll", "tsv"},
		{"--format", "conll", "--conll", "iob2"},
	} {
		if r := claimdesk(t, db, append([]string{"export"}, bad...)...); r.code != ExitUsage || r.stdout != "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", bad, r.code, r.stdout, r.stderr)
		}
	}
}

// TestHelpListsCommands: claimdesk --help, -h and help print every command
// on stdout and exit 0; a flag the window does not know lists them on
// stderr with exit 2.
func TestHelpListsCommands(t *testing.T) {
	for _, arg := range []string{"--help", "-h", "-help", "help"} {
		r := claimdesk(t, "", arg)
		if r.code != ExitOK || !strings.Contains(r.stdout, "export") || !strings.Contains(r.stdout, "labels") {
			t.Errorf("%s: %d %q", arg, r.code, r.stdout)
		}
	}
	r := claimdesk(t, "", "--format", "csv")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "Commands:") {
		t.Errorf("--format without export: %d %q", r.code, r.stderr)
	}
}
