package storage

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Damage inside a record is found only by a full check; once check has
// found it, the next process that opens the store for writing refuses, as
// long as the file is the one check saw. A check that finds the store
// sound lets writes in again.
func TestDamageFoundByCheckIsRemembered(t *testing.T) {
	path := newClosedStore(t)
	setOrigin := func(origin Origin) {
		rawUpdate(t, path, func(tx *bolt.Tx) error {
			c, err := getClaim(tx, 1)
			if err != nil {
				return err
			}
			c.Origin = origin
			return putClaimRecord(tx, c)
		})
	}
	setOrigin("guessed")
	reader, err := OpenWith(path, Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	found := reader.Check()
	reader.Close()
	if !errors.Is(found, ErrDamaged) {
		t.Fatalf("check found %v", found)
	}
	before, _ := os.ReadFile(path)
	_, err = Open(path)
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), `unknown origin "guessed"`) || !strings.Contains(err.Error(), "found by claimdesk check") {
		t.Fatalf("Open for writing after check found damage: %v", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
		t.Fatal("the refused open changed the file")
	}

	// The file repaired behind the mark's back: another file now, judged
	// afresh.
	setOrigin(OriginManual)
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open of the file changed since the check: %v", err)
	}
	if err := s.Check(); err != nil {
		t.Fatalf("the repaired store: %v", err)
	}
	s.Close()
	if _, err := os.Stat(damageMarkPath(path)); !os.IsNotExist(err) {
		t.Errorf("a clean check left the mark: %v", err)
	}
}

// A mark that is not JSON, or names another file, refuses nothing.
func TestBrokenDamageMarkIsIgnored(t *testing.T) {
	path := newClosedStore(t)
	for _, mark := range []string{"not json", `{"size": 1, "modTime": "2020-01-01T00:00:00Z", "problems": "old"}`} {
		if err := os.WriteFile(damageMarkPath(path), []byte(mark), 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := Open(path)
		if err != nil {
			t.Fatalf("mark %q: %v", mark, err)
		}
		s.Close()
	}
}
