package storage

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// rawUpdate changes a closed store directly with bbolt, as another build or
// a damaged disk might have left it.
func rawUpdate(t *testing.T, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

// newClosedStore creates a store with one article and claim, and closes it.
func newClosedStore(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "claimdesk.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	art := mustAddArticle(t, s, "Peskov denied it.")
	mustAddClaim(t, s, art, "denied", "denial")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func setSchemaVersion(t *testing.T, path string, v int) {
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySchemaVersion, []byte(strconv.Itoa(v)))
	})
}

func readSchemaVersion(t *testing.T, path string) string {
	t.Helper()
	var v string
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_ = db.View(func(tx *bolt.Tx) error {
		v = string(tx.Bucket(bucketMeta).Get(keySchemaVersion))
		return nil
	})
	return v
}

func TestNewerSchemaRefused(t *testing.T) {
	path := newClosedStore(t)
	setSchemaVersion(t, path, SchemaVersion+1)
	for _, readOnly := range []bool{false, true} {
		_, err := OpenWith(path, Options{ReadOnly: readOnly})
		wantErr(t, err, ErrNewerSchema, path, "schema 2", "reads up to 1", "update claimdesk")
	}
	if v := readSchemaVersion(t, path); v != "2" {
		t.Errorf("the refused file's version became %q", v)
	}
}

func TestMigrationRuns(t *testing.T) {
	path := newClosedStore(t)
	setSchemaVersion(t, path, 0)
	old := migrations[0]
	t.Cleanup(func() { migrations[0] = old })

	_, err := OpenWith(path, Options{ReadOnly: true})
	wantErr(t, err, nil, "schema 0", "needs migrating to 1", "open it once for writing")

	migrations[0] = func(tx *bolt.Tx) error {
		_ = tx.Bucket(bucketMeta).Put([]byte("migrated"), []byte("yes"))
		return errors.New("disk on fire")
	}
	_, err = Open(path)
	wantErr(t, err, nil, "migrate", "from schema 0", "disk on fire")
	if v := readSchemaVersion(t, path); v != "0" {
		t.Errorf("a failed migration left version %q, want 0 (rolled back)", v)
	}

	runs := 0
	migrations[0] = func(tx *bolt.Tx) error {
		runs++
		return tx.Bucket(bucketMeta).Put([]byte("migrated"), []byte("yes"))
	}
	s := openCheckedStore(t, path)
	if runs != 1 {
		t.Errorf("the migration ran %d times, want once", runs)
	}
	var marked []byte
	_ = s.view(func(tx *bolt.Tx) error {
		marked = tx.Bucket(bucketMeta).Get([]byte("migrated"))
		return nil
	})
	if string(marked) != "yes" {
		t.Errorf("the migration's write is missing")
	}
	if anns, err := s.Claims(1); err != nil || len(anns) != 1 {
		t.Errorf("after migrating: %+v, %v", anns, err)
	}
}

func TestFreshStoreIsCurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "claimdesk.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if v := readSchemaVersion(t, path); v != strconv.Itoa(SchemaVersion) {
		t.Errorf("a new store has schema %q, want %d", v, SchemaVersion)
	}
	openCheckedStore(t, path) // and it opens again as it is
}

func TestFileMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "claimdesk.db")
	openCheckedStore(t, path)
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("the store has mode %o, want 600: claims are analysts' work", perm)
	}
}

func TestReadOnly(t *testing.T) {
	path := newClosedStore(t)
	s, err := OpenWith(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Check(); err != nil {
		t.Errorf("Check read-only: %v", err)
	}
	if anns, err := s.Claims(1); err != nil || len(anns) != 1 {
		t.Errorf("Claims read-only = %+v, %v", anns, err)
	}
	if _, _, err := s.AddArticle(Article{Text: "new"}); err == nil {
		t.Error("a read-only store took a write")
	}
	_, err = OpenWith(filepath.Join(t.TempDir(), "absent.db"), Options{ReadOnly: true})
	wantErr(t, err, nil, "absent.db")
}
