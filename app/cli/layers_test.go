package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"claimdesk/storage"
)

// TestImportLayersAndStatsByAnnotator: two analysts' files of one article
// make one article with two layers; stats shows each annotator's claims,
// labels and statuses.
func TestImportLayersAndStatsByAnnotator(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	text := "Peskov denied it. Lavrov praised it."
	for _, who := range []string{"alice", "bob", "alice"} {
		path := filepath.Join(dir, who+".jsonl")
		line := fmt.Sprintf(`{"text":%q,"spans":[{"start":7,"end":13,"label":"denial"}]}`+"\n", text)
		if err := os.WriteFile(path, []byte(line), 0o644); err != nil {
			t.Fatal(err)
		}
		r := claimdesk(t, db, "import", "--annotator", who, path)
		if r.code != ExitOK {
			t.Fatalf("import as %s: %d %s", who, r.code, r.stderr)
		}
		if who == "bob" && !strings.Contains(r.stderr, "added     ") {
			t.Errorf("bob's import does not say it added to the stored article: %s", r.stderr)
		}
	}
	s, err := storage.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetAnnotatorStatus(1, "alice", storage.StatusDone); err != nil {
		t.Fatal(err)
	}
	s.Close()
	r := claimdesk(t, db, "stats")
	for _, want := range []string{"articles  1", "claims    2", "alice      1         1     0            1       1", "bob        1         0     1            1       1"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stats does not say %q:\n%s", want, r.stdout)
		}
	}
	var st storage.Stats
	if err := json.Unmarshal([]byte(claimdesk(t, db, "stats", "--json").stdout), &st); err != nil {
		t.Fatal(err)
	}
	if st.StatusByAnnotator["alice"][storage.StatusDone] != 1 || st.LabelsByAnnotator["bob"]["denial"] != 1 {
		t.Errorf("stats --json by annotator: %+v %+v", st.StatusByAnnotator, st.LabelsByAnnotator)
	}
}

// TestReadCommandMigratesOldStore: a read-only command on a store of the
// schema before statuses per annotator migrates it and reads it.
func TestReadCommandMigratesOldStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	if r := claimdesk(t, db, "import", seedPath); r.code != ExitOK {
		t.Fatal(r.stderr)
	}
	// The layout schema 1 wrote: the status in the article's record.
	raw, err := bolt.Open(db, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = raw.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket([]byte("article_status")); err != nil {
			return err
		}
		arts := tx.Bucket([]byte("articles"))
		key := []byte{0, 0, 0, 0, 0, 0, 0, 1}
		var rec map[string]any
		if err := json.Unmarshal(arts.Get(key), &rec); err != nil {
			return err
		}
		rec["status"] = "done"
		b, _ := json.Marshal(rec)
		if err := arts.Put(key, b); err != nil {
			return err
		}
		return tx.Bucket([]byte("meta")).Put([]byte("schema_version"), []byte("1"))
	})
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	r := claimdesk(t, db, "stats")
	if r.code != ExitOK || !strings.Contains(r.stdout, "done 1") {
		t.Errorf("stats on a schema 1 store: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if r := claimdesk(t, db, "check"); r.code != ExitOK {
		t.Errorf("check after the migration: %s", r.stderr)
	}
}
