package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// openTestStore opens a new store under the test's temp dir and checks it
// when the test ends: every test leaves a store that passes Check.
func openTestStore(t testing.TB) *Store {
	t.Helper()
	return openCheckedStore(t, filepath.Join(t.TempDir(), "claimdesk.db"))
}

func openCheckedStore(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Check(); err != nil {
			t.Errorf("Check at the end of the test: %v", err)
		}
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func mustAddArticle(t testing.TB, s *Store, text string) Article {
	t.Helper()
	a, _, err := s.AddArticle(Article{Text: text})
	if err != nil {
		t.Fatalf("AddArticle: %v", err)
	}
	return a
}

// spanOf finds quote in text and returns its offsets in code points.
func spanOf(t testing.TB, text, quote string) (int, int) {
	t.Helper()
	i := strings.Index(text, quote)
	if i < 0 {
		t.Fatalf("%q is not in the text", quote)
	}
	start := RuneOffset(text, i)
	return start, start + RuneLen(quote)
}

func mustAddClaim(t testing.TB, s *Store, art Article, quote, label string) Claim {
	t.Helper()
	start, end := spanOf(t, art.Text, quote)
	a, err := s.AddClaim(Claim{ArticleID: art.ID, Start: start, End: end, Quote: quote, Label: label})
	if err != nil {
		t.Fatalf("AddClaim %q: %v", quote, err)
	}
	return a
}

// wantErr fails unless err matches target and its message holds every
// fragment.
func wantErr(t testing.TB, err, target error, fragments ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want one matching %v", target)
	}
	if target != nil && !errors.Is(err, target) {
		t.Errorf("error %q does not match %v", err, target)
	}
	for _, f := range fragments {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("error %q does not say %q", err, f)
		}
	}
}

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

// seedText reads the seed article, the one with an Arabic line.
func seedText(t testing.TB) string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "seeds", "000_*.txt"))
	if err != nil || len(paths) != 1 {
		t.Fatalf("the seed article ../seeds/000_*.txt: %v %v", paths, err)
	}
	raw, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	text, _ := Normalize(string(raw))
	return text
}

func TestNewerSchemaRefused(t *testing.T) {
	path := newClosedStore(t)
	setSchemaVersion(t, path, SchemaVersion+1)
	for _, readOnly := range []bool{false, true} {
		_, err := OpenWith(path, Options{ReadOnly: readOnly})
		wantErr(t, err, ErrNewerSchema, path, fmt.Sprintf("schema %d", SchemaVersion+1), fmt.Sprintf("reads up to %d", SchemaVersion), "update claimdesk")
	}
	if v := readSchemaVersion(t, path); v != strconv.Itoa(SchemaVersion+1) {
		t.Errorf("the refused file's version became %q", v)
	}
}

func TestMigrationRuns(t *testing.T) {
	path := newClosedStore(t)
	setSchemaVersion(t, path, 0)
	old := migrations[0]
	t.Cleanup(func() { migrations[0] = old })

	_, err := OpenWith(path, Options{ReadOnly: true})
	wantErr(t, err, nil, "schema 0", fmt.Sprintf("needs migrating to %d", SchemaVersion), "open it once for writing")

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
	if claims, err := s.Claims(1); err != nil || len(claims) != 1 {
		t.Errorf("after migrating: %+v, %v", claims, err)
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
	if claims, err := s.Claims(1); err != nil || len(claims) != 1 {
		t.Errorf("Claims read-only = %+v, %v", claims, err)
	}
	if _, _, err := s.AddArticle(Article{Text: "new"}); err == nil {
		t.Error("a read-only store took a write")
	}
	_, err = OpenWith(filepath.Join(t.TempDir(), "absent.db"), Options{ReadOnly: true})
	wantErr(t, err, nil, "absent.db")
}

func TestSchemaVersionMissing(t *testing.T) {
	path := newClosedStore(t)
	rawUpdate(t, path, func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Delete(keySchemaVersion) })
	_, err := Open(path)
	wantErr(t, err, ErrNotClaimdesk, path, "no claimdesk schema version")

	// A store that loses it while open (only bbolt itself can do that).
	path = newClosedStore(t)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Delete(keySchemaVersion) }); err != nil {
		t.Fatal(err)
	}
	wantErr(t, s.Check(), ErrDamaged, "no schema version")
}

func TestEmptyFileBecomesAStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "claimdesk.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s := openCheckedStore(t, path)
	if labels, err := s.Labels(); err != nil || len(labels) != 3 {
		t.Errorf("an empty file opened as %+v, %v; want a new store with the default labels", labels, err)
	}
}

func TestOpenFolder(t *testing.T) {
	dir := t.TempDir()
	_, err := Open(dir)
	wantErr(t, err, nil, dir, "is a folder")
}

// A panic in a caller's callback is the caller's bug: it must come out as
// the same panic, not pass for a damaged file, and leave the store usable.
func TestCallbackPanicPropagates(t *testing.T) {
	s := openTestStore(t)
	art := mustAddArticle(t, s, "Peskov denied it.")
	mustAddClaim(t, s, art, "denied", "denial")
	boom := errors.New("caller's bug")
	for name, run := range map[string]func(){
		"ForEachArticle": func() { _ = s.ForEachArticle(func(Article) error { panic(boom) }) },
		"ForEachClaim":   func() { _ = s.ForEachClaim(func(Claim) error { panic(boom) }) },
	} {
		func() {
			defer func() {
				if r := recover(); r != boom {
					t.Errorf("%s: recovered %v, want the callback's own panic", name, r)
				}
			}()
			run()
		}()
	}
	if _, err := s.AddClaim(Claim{ArticleID: art.ID, Start: 0, End: 6, Label: "accusation"}); err != nil {
		t.Errorf("the store after a callback panicked: %v", err)
	}
}

// TestForEach checks ForEachArticle and ForEachClaim: every record in id
// order, and a stop at the first error the callback returns.
func TestForEach(t *testing.T) {
	s := openTestStore(t)
	for _, text := range []string{"one two", "three four", "five six"} {
		art := mustAddArticle(t, s, text)
		mustAddClaim(t, s, art, text[strings.IndexByte(text, ' ')+1:], "praise")
		mustAddClaim(t, s, art, text[:strings.IndexByte(text, ' ')], "denial") // later id, earlier in the text
	}
	var articles, claims []uint64
	if err := s.ForEachArticle(func(a Article) error { articles = append(articles, a.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	if err := s.ForEachClaim(func(c Claim) error { claims = append(claims, c.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(articles, []uint64{1, 2, 3}) || !slices.Equal(claims, []uint64{1, 2, 3, 4, 5, 6}) {
		t.Errorf("ForEachArticle saw %v, ForEachClaim %v; want every id in order", articles, claims)
	}

	stop := errors.New("enough")
	stopAtSecond := func(seen *int) error {
		if *seen++; *seen == 2 {
			return stop
		}
		return nil
	}
	var seenArticles, seenClaims int
	err := s.ForEachArticle(func(Article) error { return stopAtSecond(&seenArticles) })
	if !errors.Is(err, stop) || seenArticles != 2 {
		t.Errorf("ForEachArticle = %v after %d articles, want %v after 2", err, seenArticles, stop)
	}
	err = s.ForEachClaim(func(Claim) error { return stopAtSecond(&seenClaims) })
	if !errors.Is(err, stop) || seenClaims != 2 {
		t.Errorf("ForEachClaim = %v after %d claims, want %v after 2", err, seenClaims, stop)
	}
}

func TestOnChange(t *testing.T) {
	s := openTestStore(t)
	var got []Change
	s.OnChange(func(c Change) { got = append(got, c) })

	art, _, _, err := s.ImportArticle(Article{Text: "Peskov denied it."}, []Claim{{Start: 7, End: 13, Label: "denial"}})
	if err != nil {
		t.Fatal(err)
	}
	claim := mustAddClaim(t, s, art, "Peskov", "accusation")
	claim.Note = "spokesman"
	if _, err := s.UpdateClaim(claim); err != nil {
		t.Fatal(err)
	}
	if err := s.SetArticleStatus(art.ID, StatusInProgress); err != nil {
		t.Fatal(err)
	}
	removed, err := s.DeleteClaim(claim.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RestoreClaim(removed); err != nil {
		t.Fatal(err)
	}
	if err := s.AddLabel(Label{Name: "threat", Colour: "#CC79A7"}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteArticle(art.ID); err != nil {
		t.Fatal(err)
	}
	want := []struct {
		kind   ChangeKind
		claims int    // Article.Claims, for article events
		quote  string // Claim.Quote, for claim events
	}{
		{ArticleAdded, 1, ""}, {ClaimAdded, 0, "denied"}, {ClaimAdded, 0, "Peskov"},
		{ClaimUpdated, 0, "Peskov"}, {ArticleUpdated, 2, ""}, {ClaimDeleted, 0, "Peskov"},
		{ClaimAdded, 0, "Peskov"}, {LabelsChanged, 0, ""},
		{ClaimDeleted, 0, "Peskov"}, {ClaimDeleted, 0, "denied"}, {ArticleDeleted, 0, ""}, // in text order
	}
	if len(got) != len(want) {
		t.Fatalf("got %d events, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Kind != w.kind || g.Claim.Quote != w.quote || (w.kind <= ArticleDeleted && g.Article.ID != art.ID) ||
			(w.kind < ArticleDeleted && g.Article.Claims != w.claims) {
			t.Errorf("event %d = %+v, want kind %d with claims %d, quote %q", i, g, w.kind, w.claims, w.quote)
		}
	}
	if got[3].Claim.Note != "spokesman" || got[6].Claim.ID != claim.ID {
		t.Errorf("update event %+v or restore event %+v lost the claim's data", got[3].Claim, got[6].Claim)
	}
}
