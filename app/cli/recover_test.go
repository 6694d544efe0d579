package cli

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDamagedNewestMetaThenRecover: a store whose newest meta page is
// damaged (its last commit, a label, lost) is reported by check, refused
// by import, and recovered into a new store that checks clean, with the
// loss named.
func TestDamagedNewestMetaThenRecover(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "claims.db")
	if r := claimdesk(t, db, "import", seedPath); r.code != ExitOK {
		t.Fatalf("import: %d %s", r.code, r.stderr)
	}
	addClaim(t, db, "إقرأ هذا الخبر بالعربية", "denial")
	if r := claimdesk(t, db, "labels", "add", "sarcasm"); r.code != ExitOK {
		t.Fatalf("labels add: %d %s", r.code, r.stderr)
	}
	damageNewestMeta(t, db)
	before, _ := os.ReadFile(db)

	r := claimdesk(t, db, "check")
	if r.code != ExitFailure || !strings.Contains(r.stderr, "it held the newest commit") || !strings.Contains(r.stderr, "claimdesk recover") {
		t.Errorf("check: %d %q, want the lost commit named and recover suggested", r.code, r.stderr)
	}
	r = claimdesk(t, db, "import", seedPath)
	if r.code != ExitFailure || !strings.Contains(r.stderr, "will not write to it") {
		t.Errorf("import into the damaged store: %d %q, want a refusal", r.code, r.stderr)
	}
	if after, _ := os.ReadFile(db); string(after) != string(before) {
		t.Error("check or a refused import changed the damaged file")
	}

	fresh := filepath.Join(dir, "recovered.db")
	r = claimdesk(t, "", "recover", db, fresh)
	if r.code != ExitFailure || !strings.Contains(r.stdout, "recovered 1 article, 1 claim and 3 labels") || !strings.Contains(r.stderr, "which is lost") {
		t.Errorf("recover: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if r := claimdesk(t, fresh, "check"); r.code != ExitOK {
		t.Errorf("check of the recovered store: %d %s", r.code, r.stderr)
	}
	if r := claimdesk(t, fresh, "import", seedPath); r.code != ExitOK {
		t.Errorf("import into the recovered store: %d %s", r.code, r.stderr)
	}
	if r := claimdesk(t, "", "recover", db, fresh); r.code != ExitFailure || !strings.Contains(r.stderr, "exists") {
		t.Errorf("recover over an existing file: %d %q", r.code, r.stderr)
	}
	if r := claimdesk(t, "", "recover", db); r.code != ExitUsage {
		t.Errorf("recover with one argument: %d, want %d", r.code, ExitUsage)
	}
}

// damageNewestMeta flips a bit inside the fields of the meta page with the
// higher transaction id (bbolt's layout: a 16-byte page header, the
// transaction id 48 bytes into the fields).
func damageNewestMeta(t *testing.T, path string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pageSize := int(binary.NativeEndian.Uint32(raw[16+8:]))
	txid := func(meta int) uint64 { return binary.NativeEndian.Uint64(raw[meta*pageSize+16+48:]) }
	newest := 0
	if txid(1) > txid(0) {
		newest = 1
	}
	raw[newest*pageSize+16+20] ^= 0x10
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestEmptyStoreFile: an empty file is named as such, not met with
// bbolt's "bad file descriptor" (storage's tests refuse named pipes).
func TestEmptyStoreFile(t *testing.T) {
	empty := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if r := claimdesk(t, empty, "stats"); r.code != ExitFailure || !strings.Contains(r.stderr, "an empty file, 0 bytes") || strings.Contains(r.stderr, "bad file descriptor") {
		t.Errorf("stats on an empty file: %d %q", r.code, r.stderr)
	}
}
