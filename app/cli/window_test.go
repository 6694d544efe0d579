package cli

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"claimdesk/storage"
)

// windowCall is what the window was handed: the path, and what each call
// of open gave.
type windowCall struct {
	path   string
	stores []*storage.Store
	errs   []error
}

// runWindowMode runs claimdesk with args and no command, handing the
// window part to a recorder that calls open tries times and returns the
// last failure, as the window does when the analyst quits.
func runWindowMode(t *testing.T, db string, tries int, args ...string) (run, *windowCall) {
	t.Helper()
	call := &windowCall{}
	var out, errOut bytes.Buffer
	env := &Env{
		Args:   args,
		Getenv: func(k string) string { return map[string]string{"CLAIMDESK_DB": db}[k] },
		Stdout: &out,
		Stderr: &errOut,
		OpenWindow: func(path string, open func() (*storage.Store, error)) error {
			call.path = path
			var err error
			for range tries {
				var s *storage.Store
				s, err = open()
				call.stores, call.errs = append(call.stores, s), append(call.errs, err)
				if err == nil {
					return s.Close()
				}
			}
			return err
		},
	}
	code := Run(env)
	return run{code, out.String(), errOut.String()}, call
}

func TestWindowModeHandsALockedStoreToTheWindow(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	other, err := storage.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	r, call := runWindowMode(t, db, 2)
	if call.path != db || len(call.errs) != 2 {
		t.Fatalf("the window was handed %q and opened %d times, want %q and 2 tries", call.path, len(call.errs), db)
	}
	for _, err := range call.errs {
		if !errors.Is(err, storage.ErrLocked) || !strings.Contains(err.Error(), db) {
			t.Errorf("open gave %v, want the lock on %s", err, db)
		}
	}
	if r.code != ExitFailure || !strings.Contains(r.stderr, "another claimdesk is using "+db) {
		t.Errorf("quitting the window on a locked store: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestWindowModeOpensTheStoreTheFlagNames(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "new", "folder", "c.db")
	r, call := runWindowMode(t, filepath.Join(dir, "env.db"), 1, "--db", db)
	if call.path != db || len(call.stores) != 1 || call.stores[0] == nil || call.stores[0].Path() != db {
		t.Fatalf("the window was handed %q and stores %v, want %s opened in a new folder", call.path, call.stores, db)
	}
	if r.code != ExitOK || r.stderr != "" {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}
