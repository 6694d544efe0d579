package storage

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// TestStatusPerAnnotator: each annotator's status on an article is their
// own, survives reopening, and Article.Status is the one set last.
func TestStatusPerAnnotator(t *testing.T) {
	path := filepath.Join(t.TempDir(), "claimdesk.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	art := mustAddArticle(t, s, "Peskov denied it. Lavrov praised it.")
	other := mustAddArticle(t, s, "Another article.")
	if got, _ := s.AnnotatorStatusOf(art.ID, "alice"); got != StatusNew {
		t.Errorf("alice before any status: %q, want new", got)
	}
	steps := []struct {
		who    string
		status Status
	}{{"alice", StatusInProgress}, {" bob ", StatusDone}, {"alice", StatusDone}, {"", StatusInProgress}}
	for _, st := range steps {
		if err := s.SetAnnotatorStatus(art.ID, st.who, st.status); err != nil {
			t.Fatal(err)
		}
		if a, _ := s.Article(art.ID); a.Status != st.status {
			t.Errorf("after %q set %q the article's status is %q, want the last one set", st.who, st.status, a.Status)
		}
	}
	if err := s.SetAnnotatorStatus(art.ID, "alice", "finished"); !errors.Is(err, ErrInvalid) {
		t.Errorf("an unknown status: %v, want ErrInvalid", err)
	}
	if err := s.SetAnnotatorStatus(999, "alice", StatusDone); !errors.Is(err, ErrNotFound) {
		t.Errorf("a missing article: %v, want ErrNotFound", err)
	}
	// A status from elsewhere keeps its time: set before the others, it is
	// not the article's status.
	early := AnnotatorStatus{ArticleID: other.ID, Annotator: "carol", Status: StatusDone, Set: time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)}
	if err := s.SetAnnotatorStatus(other.ID, "dan", StatusInProgress); err != nil {
		t.Fatal(err)
	}
	if err := s.PutAnnotatorStatus(early); err != nil {
		t.Fatal(err)
	}
	if a, _ := s.Article(other.ID); a.Status != StatusInProgress {
		t.Errorf("an older status from elsewhere became the article's: %q", a.Status)
	}
	if all, _ := s.AnnotatorStatuses(other.ID); len(all) != 2 || !all[0].Set.Equal(early.Set) {
		t.Errorf("statuses %+v, want carol's with its own time", all)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openCheckedStore(t, path)
	want := map[string]Status{"": StatusInProgress, "alice": StatusDone, "bob": StatusDone}
	all, err := s.AnnotatorStatuses(art.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(want) {
		t.Errorf("statuses %v, want %v", all, want)
	}
	for _, st := range all {
		if st.ArticleID != art.ID || want[st.Annotator] != st.Status || st.Set.IsZero() {
			t.Errorf("status %+v, want %v", st, want)
		}
		if got, _ := s.AnnotatorStatusOf(art.ID, st.Annotator); got != st.Status {
			t.Errorf("AnnotatorStatusOf %q = %q, want %q", st.Annotator, got, st.Status)
		}
	}
	summaries, _ := s.ArticleSummaries()
	if summaries[0].Status != StatusInProgress || summaries[1].Status != StatusInProgress {
		t.Errorf("summaries' statuses %q %q, want in progress twice", summaries[0].Status, summaries[1].Status)
	}
	stats, _ := s.Stats()
	if stats.StatusByAnnotator["alice"][StatusDone] != 1 || stats.StatusByAnnotator["bob"][StatusDone] != 1 || stats.ArticlesByStatus[StatusInProgress] != 2 {
		t.Errorf("stats by annotator %v, by status %v", stats.StatusByAnnotator, stats.ArticlesByStatus)
	}
	if err := s.DeleteArticle(art.ID); err != nil {
		t.Fatal(err)
	}
	if all, _ := s.AllAnnotatorStatuses(); len(all) != 2 || all[0].ArticleID != other.ID {
		t.Errorf("statuses after deleting an article: %v, want only the other article's", all)
	}
}

// TestStatusLeavesArticleRecordAlone: setting a status writes no byte of
// the article's record, the point of keeping statuses apart.
func TestStatusLeavesArticleRecordAlone(t *testing.T) {
	s := openTestStore(t)
	art := mustAddArticle(t, s, "Peskov denied it.")
	record := func() string {
		var raw string
		_ = s.view(func(tx *bolt.Tx) error {
			raw = string(tx.Bucket(bucketArticles).Get(idKey(art.ID)))
			return nil
		})
		return raw
	}
	before := record()
	if strings.Contains(before, `"status"`) {
		t.Errorf("the record holds a status: %s", before)
	}
	if err := s.SetAnnotatorStatus(art.ID, "alice", StatusDone); err != nil {
		t.Fatal(err)
	}
	if after := record(); after != before {
		t.Errorf("the record changed:\n%s\n%s", before, after)
	}
}

// TestMigrateSchema1: a store as schema 1 wrote it — the status inside the
// article's record, no status bucket — opens, is migrated in one
// transaction, and its status is the analyst with no name's.
func TestMigrateSchema1(t *testing.T) {
	path := newClosedStore(t)
	makeSchema1(t, path, StatusDone)

	if _, err := OpenWith(path, Options{ReadOnly: true}); err == nil || !strings.Contains(err.Error(), "needs migrating to 3") {
		t.Errorf("read-only open of schema 1: %v", err)
	}
	s := openCheckedStore(t, path)
	if v := schemaOf(t, s); v != "3" {
		t.Errorf("schema after migration %q", v)
	}
	a, err := s.Article(1)
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != StatusDone {
		t.Errorf("migrated status %q, want done", a.Status)
	}
	if st, _ := s.AnnotatorStatusOf(1, ""); st != StatusDone {
		t.Errorf("the unnamed analyst's status %q, want done", st)
	}
	claims, _ := s.Claims(1)
	if len(claims) != 1 || claims[0].Quote != "denied" {
		t.Errorf("claims after migration %v", claims)
	}
	_ = s.view(func(tx *bolt.Tx) error {
		if raw := tx.Bucket(bucketArticles).Get(idKey(1)); strings.Contains(string(raw), `"status"`) {
			t.Errorf("the migrated record still holds its status: %s", raw)
		}
		return nil
	})
}

// TestMigrateSchema1Fails: a schema 1 store whose record does not decode
// is refused and left as it was, version and all.
func TestMigrateSchema1Fails(t *testing.T) {
	path := newClosedStore(t)
	makeSchema1(t, path, StatusInProgress)
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		return tx.Bucket(bucketArticles).Put(idKey(1), []byte("{broken"))
	})
	before, _ := os.ReadFile(path)
	_, err := Open(path)
	wantErr(t, err, ErrDamaged, "migrate", "from schema 1", "article 1")
	if v := readSchemaVersion(t, path); v != "1" {
		t.Errorf("a failed migration left version %q, want 1", v)
	}
	after, _ := os.ReadFile(path)
	if len(before) != len(after) {
		t.Errorf("the file grew from %d to %d bytes", len(before), len(after))
	}
}

// makeSchema1 turns a closed current store into the layout schema 1 wrote:
// status inside every article record, no status bucket.
func makeSchema1(t *testing.T, path string, status Status) {
	t.Helper()
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketStatus); err != nil {
			return err
		}
		arts := tx.Bucket(bucketArticles)
		err := arts.ForEach(func(k, v []byte) error {
			var rec map[string]json.RawMessage
			if err := json.Unmarshal(v, &rec); err != nil {
				return err
			}
			rec["status"], _ = json.Marshal(status)
			raw, _ := json.Marshal(rec)
			return arts.Put(k, raw)
		})
		if err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchemaVersion, []byte("1"))
	})
}

func schemaOf(t *testing.T, s *Store) string {
	var v string
	_ = s.view(func(tx *bolt.Tx) error {
		v = string(tx.Bucket(bucketMeta).Get(keySchemaVersion))
		return nil
	})
	return v
}

// TestImportMergesLayers: the same article from several annotators makes
// one article with every annotator's claims; a claim exactly like one
// stored (same annotator, span, label) is skipped and counted.
func TestImportMergesLayers(t *testing.T) {
	s := openTestStore(t)
	text := "Peskov denied it. Lavrov praised it."
	by := func(who string, start, end int, label string) Claim {
		return Claim{Start: start, End: end, Label: label, Annotator: who, Origin: OriginImported}
	}
	var changes []Change
	s.OnChange(func(c Change) { changes = append(changes, c) })
	results, err := s.ImportArticles([]ImportItem{
		{Article: Article{Text: text}, Claims: []Claim{by("alice", 7, 13, "denial")}},
		{Article: Article{Text: text}, Claims: []Claim{by("bob", 7, 13, "denial"), by("bob", 25, 32, "praise")}},
		{Article: Article{Text: text}, Claims: []Claim{by("alice", 7, 13, "denial"), by("alice", 7, 13, "accusation"), by("alice", 7, 13, "accusation")}},
		{Article: Article{Text: text}},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		merged        bool
		added, skiped int
	}{{false, 1, 0}, {true, 2, 0}, {true, 1, 2}}
	for i, w := range want {
		r := results[i]
		if r.Err != nil || r.Merged != w.merged || len(r.Claims) != w.added || r.SkippedClaims != w.skiped || r.Article.ID != 1 {
			t.Errorf("item %d: merged %v added %d skipped %d id %d err %v, want %+v", i, r.Merged, len(r.Claims), r.SkippedClaims, r.Article.ID, r.Err, w)
		}
	}
	var dup *DuplicateError
	if !errors.As(results[3].Err, &dup) || dup.ExistingID != 1 {
		t.Errorf("an item without claims on a stored text: %v, want a DuplicateError", results[3].Err)
	}
	if names, err := s.Annotators(); err != nil || strings.Join(names, ",") != "alice,bob" {
		t.Errorf("Annotators() = %q, %v; want alice, bob", names, err)
	}
	claims, _ := s.Claims(1)
	layers := map[string]int{}
	for _, c := range claims {
		layers[c.Annotator]++
	}
	if len(claims) != 4 || layers["alice"] != 2 || layers["bob"] != 2 {
		t.Errorf("claims by annotator %v (%d claims), want alice 2, bob 2", layers, len(claims))
	}
	if summaries, _ := s.ArticleSummaries(); len(summaries) != 1 {
		t.Errorf("%d articles, want one", len(summaries))
	}
	last := changes[len(changes)-2] // the third item's article, then its claim
	if last.Kind != ArticleUpdated || last.Article.Claims != 4 {
		t.Errorf("listeners heard %+v of the last merge, want ArticleUpdated with 4 claims", last)
	}
	// Merging into an article stored by an earlier call works the same.
	r, err := s.ImportArticles([]ImportItem{{Article: Article{Text: text}, Claims: []Claim{by("carol", 0, 6, "accusation"), by("bob", 25, 32, "praise")}}})
	if err != nil || !r[0].Merged || len(r[0].Claims) != 1 || r[0].SkippedClaims != 1 {
		t.Errorf("merge in a later call: %+v %v", r, err)
	}
	// A refused claim refuses the whole item, as for a new article.
	r, _ = s.ImportArticles([]ImportItem{{Article: Article{Text: text}, Claims: []Claim{by("dan", 0, 99, "denial")}}})
	if !errors.Is(r[0].Err, ErrInvalid) {
		t.Errorf("a bad span merged: %v", r[0].Err)
	}
}

// TestRecoverKeepsStatuses: recovery copies every annotator's status, and
// a schema 1 store's status, held in the article's record, becomes the
// unnamed analyst's.
func TestRecoverKeepsStatuses(t *testing.T) {
	path := newClosedStore(t)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []AnnotatorStatus{{Annotator: "alice", Status: StatusDone}, {Annotator: "bob", Status: StatusInProgress}} {
		if err := s.SetAnnotatorStatus(1, st.Annotator, st.Status); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	raw, _ := os.ReadFile(path)
	report, got := recoverStore(t, raw)
	if len(report.Lost) > 0 || got.articles[1].Status != StatusInProgress {
		t.Errorf("recovered status %q, lost %v", got.articles[1].Status, report.Lost)
	}
	recovered := filepath.Join(t.TempDir(), "again.db")
	if _, err := Recover(path, recovered); err != nil {
		t.Fatal(err)
	}
	r := openCheckedStore(t, recovered)
	if all, _ := r.AnnotatorStatuses(1); len(all) != 2 || all[0].Annotator != "alice" || all[0].Status != StatusDone {
		t.Errorf("recovered statuses %+v", all)
	}

	old := newClosedStore(t)
	makeSchema1(t, old, StatusDone)
	raw, _ = os.ReadFile(old)
	_, got = recoverStore(t, raw)
	if got.articles[1].Status != StatusDone {
		t.Errorf("a schema 1 store's status recovered as %q, want done", got.articles[1].Status)
	}
}
