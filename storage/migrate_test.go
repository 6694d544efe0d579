package storage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// testdata/schema2.db was written by the Claimdesk before schema 3 (its
// `claimdesk import` of three articles, then of the same file under
// --annotator bob): claims as JSON, no summaries.

// jsonClaims reads a schema-2 file's claims the way that Claimdesk did.
func jsonClaims(t *testing.T, path string) map[uint64]Claim {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[uint64]Claim{}
	err = db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketClaims).ForEach(func(k, v []byte) error {
			var c Claim
			if err := json.Unmarshal(v, &c); err != nil {
				return fmt.Errorf("claim %d: %w", keyID(k), err)
			}
			out[c.ID] = c
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func copyFixture(t *testing.T, name string) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// sameClaims compares claims field by field, times as instants.
func sameClaims(t *testing.T, got Claim, want Claim) {
	t.Helper()
	gotTimes, wantTimes := [2]time.Time{got.Created, got.Updated}, [2]time.Time{want.Created, want.Updated}
	got.Created, got.Updated, want.Created, want.Updated = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if got != want || !gotTimes[0].Equal(wantTimes[0]) || !gotTimes[1].Equal(wantTimes[1]) {
		t.Errorf("claim %d:\n got %+v %v\nwant %+v %v", want.ID, got, gotTimes, want, wantTimes)
	}
}

// TestMigrateSchema2: a store written by the Claimdesk before schema 3
// opens, is migrated once in the transaction that opens it, and then
// holds the same claims, in binary, with summaries that check clean.
func TestMigrateSchema2(t *testing.T) {
	path := copyFixture(t, "schema2.db")
	want := jsonClaims(t, path)
	if len(want) != 8 {
		t.Fatalf("the fixture holds %d claims, want 8", len(want))
	}
	if _, err := OpenWith(path, Options{ReadOnly: true}); err == nil || !strings.Contains(err.Error(), "needs migrating to 3") {
		t.Errorf("read-only open of schema 2: %v", err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if v := schemaOf(t, s); v != "3" {
		t.Errorf("schema after migration %q", v)
	}
	if err := s.Check(); err != nil {
		t.Fatalf("check after migration: %v", err)
	}
	keptAsItWas(t, s.MigrationBackup(), migrationBackupPath(path, 2), want)
	n := 0
	err = s.ForEachClaim(func(c Claim) error {
		n++
		sameClaims(t, c, want[c.ID])
		return nil
	})
	if err != nil || n != len(want) {
		t.Fatalf("%d claims after migration (%v), want %d", n, err, len(want))
	}
	_ = s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketClaims).ForEach(func(k, v []byte) error {
			if v[0] != claimRecordTag {
				t.Errorf("claim %d still in JSON: %s", keyID(k), v)
			}
			return nil
		})
	})
	summaries, err := s.ArticleSummaries()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range summaries {
		got = append(got, fmt.Sprintf("%d %q %d claims %d runes", a.ID, a.Title, a.Claims, a.RuneLen))
	}
	wantSummaries := []string{`1 "Peskov on sanctions" 4 claims 129 runes`, `2 "Émigré voices — 北京" 4 claims 98 runes`,
		`3 "Third article without a title." 0 claims 70 runes`}
	if strings.Join(got, "\n") != strings.Join(wantSummaries, "\n") {
		t.Errorf("summaries after migration:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantSummaries, "\n"))
	}
	st, err := s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.Claims != 8 || st.Annotators["bob"] != 4 || st.Annotators[""] != 4 || st.ClaimsByLabel["denial"] != 4 {
		t.Errorf("stats after migration %+v", st)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// Once: a second open finds the store current and writes nothing.
	before, _ := os.ReadFile(path)
	again := openTestStoreAt(t, path)
	if again.MigrationBackup() != "" {
		t.Errorf("a store already current was copied to %s", again.MigrationBackup())
	}
	if err := again.Close(); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("opening the migrated store again wrote to it")
	}
}

// makeSchema2 turns a store back into what the Claimdesk before schema 3
// wrote: every claim's record as encoding/json wrote a Claim, no
// summaries bucket, schema 2.
func makeSchema2(t *testing.T, path string) {
	t.Helper()
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketClaims)
		var claims []Claim
		err := eachClaim(tx, false, func(c Claim) error { claims = append(claims, c); return nil })
		if err != nil {
			return err
		}
		for _, c := range claims {
			if err := putJSON(b, idKey(c.ID), c); err != nil {
				return err
			}
		}
		if err := tx.DeleteBucket(bucketSummaries); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchemaVersion, []byte("2"))
	})
}

// TestMigrationKilledResumes has a child process open a schema-2 store of
// 5,000 claims, which migrates it (500 claims a transaction), and kills
// it at several moments of the migration: every time the store is left at
// schema 2, some claims perhaps binary already, or at 3, and the next open
// migrates what is left and checks clean with every claim as it was.
func TestMigrationKilledResumes(t *testing.T) {
	if os.Getenv(envChildRole) == "migrate" {
		claimsPerConversion = 500 // many commits to be killed between
		fmt.Println("opening")
		s, err := Open(os.Getenv(envChildDB))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		s.Close()
		os.Exit(0)
	}
	base := filepath.Join(t.TempDir(), "base.db")
	s := openTestStoreAt(t, base)
	art := mustAddArticle(t, s, strings.Repeat("Peskov denied everything again. ", 500))
	var claims []Claim
	for i := range 5000 {
		start := (i * 7) % 15000
		claims = append(claims, Claim{ArticleID: art.ID, Start: start, End: start + 6, Label: "denial", Annotator: fmt.Sprint("a", i%3)})
	}
	if _, err := s.AddClaims(claims); err != nil {
		t.Fatal(err)
	}
	s.Close()
	makeSchema2(t, base)
	want := jsonClaims(t, base)
	raw, _ := os.ReadFile(base)
	for _, delay := range []time.Duration{0, 30 * time.Millisecond, 100 * time.Millisecond, 2 * time.Second} {
		path := filepath.Join(t.TempDir(), "claimdesk.db")
		if err := os.WriteFile(path, raw, 0o600); err != nil {
			t.Fatal(err)
		}
		// From the moment the child starts opening.
		killChildAfter(t, "TestMigrationKilledResumes", "migrate", path, delay)
		version, jsonLeft := rawSchema(t, path)
		if version != "2" && version != "3" {
			t.Fatalf("killed after %v: schema %q", delay, version)
		}
		s := openCheckedStore(t, path)
		if v := schemaOf(t, s); v != "3" {
			t.Errorf("killed after %v at schema %s: after reopening, schema %s", delay, version, v)
		}
		n := 0
		_ = s.ForEachClaim(func(c Claim) error {
			n++
			sameClaims(t, c, want[c.ID])
			return nil
		})
		if n != len(want) {
			t.Errorf("killed after %v: %d claims, want %d", delay, n, len(want))
		}
		// The copy made before the first claim was converted, whoever
		// finished the migration.
		keptAsItWas(t, migrationBackupPath(path, 2), migrationBackupPath(path, 2), want)
		t.Logf("killed after %v at schema %s with %d of %d claims still JSON; migrated on reopening", delay, version, jsonLeft, len(want))
	}
}

func openTestStoreAt(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// rawSchema reads a file's schema version and counts its JSON claims.
func rawSchema(t *testing.T, path string) (version string, jsonClaims int) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_ = db.View(func(tx *bolt.Tx) error {
		version = string(tx.Bucket(bucketMeta).Get(keySchemaVersion))
		return tx.Bucket(bucketClaims).ForEach(func(_, v []byte) error {
			if v[0] == '{' {
				jsonClaims++
			}
			return nil
		})
	})
	return version, jsonClaims
}

// keptAsItWas checks that the store migrated said it kept its copy at
// want, and that the copy is the store at schema 2 with every claim in
// JSON as claims holds them.
func keptAsItWas(t *testing.T, said, path string, claims map[uint64]Claim) {
	t.Helper()
	if said != path {
		t.Errorf("the store says it was kept at %q, want %q", said, path)
	}
	version, inJSON := rawSchema(t, path)
	if version != "2" || inJSON != len(claims) {
		t.Fatalf("the copy kept before migrating is at schema %s with %d of %d claims in JSON", version, inJSON, len(claims))
	}
	for id, c := range jsonClaims(t, path) {
		sameClaims(t, c, claims[id])
	}
}

// TestMigrationStopsWhenTheCopyCannotBeKept: when the copy of a store kept
// before migrating cannot be written, the open fails saying so and the
// store is left at schema 2, byte for byte.
func TestMigrationStopsWhenTheCopyCannotBeKept(t *testing.T) {
	path := copyFixture(t, "schema2.db")
	before, _ := os.ReadFile(path)
	// A folder where the copy is written first: the copy cannot be made,
	// whoever runs the test (root writes into read-only folders).
	if err := os.Mkdir(migrationBackupPath(path, 2)+".part", 0o700); err != nil {
		t.Fatal(err)
	}
	_, err := Open(path)
	if err == nil || !strings.Contains(err.Error(), "keep a copy of") || !strings.Contains(err.Error(), "nothing was changed") {
		t.Fatalf("opening with no room for the copy: %v", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the store changed although its copy could not be kept")
	}
	if _, err := os.Stat(migrationBackupPath(path, 2)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a copy under the backup's name: %v", err)
	}
}
