package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportOfClaimsAllLeftOutFails: the articles land, but an import that
// stored none of the claims it brought exits 1 and says so; a file name
// holding a line break and an escape sequence is shown quoted.
func TestImportOfClaimsAllLeftOutFails(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bad\n\x1b[31mname.jsonl")
	if err := os.WriteFile(path, []byte(`{"text":"Nothing fits.","label":[[0,99,"denial"]]}`+"\n"), 0o644); err != nil {
		t.Skip("this file system refuses such a name:", err)
	}
	r := claimdesk(t, filepath.Join(dir, "c.db"), "import", path)
	if r.code != ExitFailure || !strings.Contains(r.stderr, "1 imported (0 claims), 0 skipped, 0 failed, all 1 claim left out") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if strings.ContainsAny(r.stderr, "\x1b") || !strings.Contains(r.stderr, `bad\n\x1b[31mname.jsonl":1: label[0]`) {
		t.Errorf("the file name is not quoted:\n%q", r.stderr)
	}
}
