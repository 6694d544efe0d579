package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"claimdesk/storage"
)

// TestCompactCommand: compact rewrites a store that shrank, which then
// searches and checks as before; it is refused while the store is open
// elsewhere, on a missing store and with arguments.
func TestCompactCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	if r := claimdesk(t, db, "import", seedPath); r.code != ExitOK {
		t.Fatal(r.stderr)
	}
	addClaim(t, db, "Russia has never interfered", "denial")
	before := claimdesk(t, db, "search", "never", "--json").stdout

	r := claimdesk(t, db, "compact")
	if r.code != ExitOK || !strings.Contains(r.stdout, db+": ") || !strings.Contains(r.stdout, " MB → ") {
		t.Fatalf("compact: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if after := claimdesk(t, db, "search", "never", "--json").stdout; after != before || before == "" {
		t.Errorf("search after compact:\n%s\nbefore:\n%s", after, before)
	}
	if r := claimdesk(t, db, "check"); r.code != ExitOK {
		t.Errorf("check after compact: %q", r.stderr)
	}

	held, err := storage.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	r = claimdesk(t, db, "compact")
	held.Close()
	if r.code != ExitFailure || !strings.Contains(r.stderr, "another claimdesk is using "+db) {
		t.Errorf("compact of a store in use: %d %q", r.code, r.stderr)
	}

	missing := filepath.Join(t.TempDir(), "none.db")
	if r := claimdesk(t, missing, "compact"); r.code != ExitFailure || !strings.Contains(r.stderr, "no database at "+missing) {
		t.Errorf("compact of a missing store: %d %q", r.code, r.stderr)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("compact made a store where there was none")
	}
	if r := claimdesk(t, db, "compact", "extra"); r.code != ExitUsage {
		t.Errorf("compact with an argument: %d %q", r.code, r.stderr)
	}
}

// TestSchema2StoreMigratesSearchesAndCompacts: a store written before
// schema 3 (storage/testdata) answers search and stats, migrated by the
// first of them, and compacts.
func TestSchema2StoreMigratesSearchesAndCompacts(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "storage", "testdata", "schema2.db"))
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "old.db")
	if err := os.WriteFile(db, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	r := claimdesk(t, db, "search", "vorwürfe", "--json")
	if r.code != ExitOK || strings.Count(r.stdout, `"quote":"Ein Sprecher wies die Vorwürfe zurück 😀."`) != 2 {
		t.Errorf("search on a schema-2 store: %d %q %q", r.code, r.stdout, r.stderr)
	}
	// The first command says where the store as it was is kept, once.
	if kept := db + ".schema2.bak"; !strings.Contains(r.stderr, "is kept in "+kept) {
		t.Errorf("the migrating command says %q, not that the store is kept in %s", r.stderr, kept)
	} else if _, err := os.Stat(kept); err != nil {
		t.Errorf("the kept copy: %v", err)
	}
	if r := claimdesk(t, db, "stats"); r.code != ExitOK || !strings.Contains(r.stdout, "claims    8") || r.stderr != "" {
		t.Errorf("stats: %q %q", r.stdout, r.stderr)
	}
	if r := claimdesk(t, db, "compact"); r.code != ExitOK {
		t.Errorf("compact: %q", r.stderr)
	}
	if r := claimdesk(t, db, "check"); r.code != ExitOK || !strings.Contains(r.stdout, "ok (3 articles, 8 claims)") {
		t.Errorf("check: %q %q", r.stdout, r.stderr)
	}
}
