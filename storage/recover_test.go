package storage

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// storeContents is everything a store holds that recovery must keep.
type storeContents struct {
	articles map[uint64]Article
	claims   map[uint64]Claim
	labels   []Label
}

func readContents(t *testing.T, path string) storeContents {
	t.Helper()
	s, err := OpenWith(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := storeContents{articles: map[uint64]Article{}, claims: map[uint64]Claim{}}
	if err := s.ForEachArticle(func(a Article) error { c.articles[a.ID] = a; return nil }); err != nil {
		t.Fatal(err)
	}
	if err := s.ForEachClaim(func(a Claim) error { c.claims[a.ID] = a; return nil }); err != nil {
		t.Fatal(err)
	}
	if c.labels, err = s.Labels(); err != nil {
		t.Fatal(err)
	}
	return c
}

// recoverRaw writes raw as a damaged store, recovers it into a new file
// and returns the report and the new file's path. The damaged file must
// be left as it was, and no temporary file beside them.
func recoverRaw(t *testing.T, raw []byte) (RecoveryReport, string) {
	t.Helper()
	dir := t.TempDir()
	damaged, fresh := filepath.Join(dir, "damaged.db"), filepath.Join(dir, "recovered.db")
	if err := os.WriteFile(damaged, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	report, err := Recover(damaged, fresh)
	if err != nil {
		t.Fatalf("Recover: %v", err)
	}
	if after, _ := os.ReadFile(damaged); !bytes.Equal(after, raw) {
		t.Error("Recover changed the damaged file")
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".claimdesk-recover-*")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
	return report, fresh
}

// recoverStore writes raw as a damaged store, recovers it and returns the
// report and what the new store holds, which must check clean.
func recoverStore(t *testing.T, raw []byte) (RecoveryReport, storeContents) {
	t.Helper()
	report, fresh := recoverRaw(t, raw)
	s, err := Open(fresh)
	if err != nil {
		t.Fatalf("open the recovered store: %v", err)
	}
	if err := s.Check(); err != nil {
		t.Errorf("the recovered store does not check clean: %v", err)
	}
	// New ids continue after the recovered ones: none is given twice.
	art, _, err := s.AddArticle(Article{Text: "Written after recovery."})
	if err != nil {
		t.Errorf("the recovered store takes no write: %v", err)
	}
	s.Close()
	got := readContents(t, fresh)
	delete(got.articles, art.ID)
	return report, got
}

// TestRecoverDamagedNewestMeta: the newest meta page is damaged, so the
// last commit (one claim) is lost; everything before it is recovered, and
// the report says the commit is lost.
func TestRecoverDamagedNewestMeta(t *testing.T) {
	base := damagedStoreBase(t)
	before := readContents(t, writeTemp(t, base))
	// One more commit: a claim, then the newest meta page is damaged.
	path := writeTemp(t, base)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	art := before.articles[2]
	last := mustAddClaim(t, s, art, art.Text[:20], "praise")
	s.Close()
	raw, _ := os.ReadFile(path)
	_, pageSize, _ := pagesInUse(t, raw)
	txid := func(meta int) uint64 { return binary.NativeEndian.Uint64(raw[meta*pageSize+16+48:]) } // bbolt's meta layout
	newest := 0
	if txid(1) > txid(0) {
		newest = 1
	}
	at := newest*pageSize + 16 + 20 // inside the fields, before the transaction id
	raw[at] ^= 0xFF

	report, got := recoverStore(t, raw)
	if _, ok := got.claims[last.ID]; ok {
		t.Errorf("claim %d of the lost commit was recovered", last.ID)
	}
	wantSame(t, got, before)
	wantLost(t, report, fmt.Sprintf("meta page %d: checksum mismatch: it held the newest commit", newest))
	if !strings.Contains(report.From, fmt.Sprintf("meta page %d", 1-newest)) {
		t.Errorf("report.From = %q, want the other meta page", report.From)
	}
}

// TestRecoverDamagedLeafPages: leaf pages of the claims are garbled; every
// other claim and every article is recovered unchanged, and each claim
// not recovered is named in the report.
func TestRecoverDamagedLeafPages(t *testing.T) {
	base := damagedStoreBase(t)
	before := readContents(t, writeTemp(t, base))
	_, pageSize, _ := pagesInUse(t, base)
	raw := bytes.Clone(base)
	var garbled []int
	for _, id := range []uint64{60, 200} {
		i := bytes.Index(raw, encodeClaim(before.claims[id]))
		if i < 0 {
			t.Fatalf("claim %d not found in the file", id)
		}
		page := i / pageSize
		garbled = append(garbled, page)
		for j := range 16 { // the page header
			raw[page*pageSize+j] ^= 0xA5
		}
	}
	report, got := recoverStore(t, raw)
	if len(got.claims) == 0 || len(got.claims) >= len(before.claims) {
		t.Fatalf("recovered %d of %d claims: want all but those on pages %v", len(got.claims), len(before.claims), garbled)
	}
	if report.Claims != len(got.claims) || report.Articles != len(before.articles) {
		t.Errorf("report counts %d articles, %d claims; the store holds %d, %d", report.Articles, report.Claims, len(got.articles), len(got.claims))
	}
	for id := range before.claims {
		if _, ok := got.claims[id]; !ok {
			wantLost(t, report, fmt.Sprintf("claim %d of article %d is lost", id, before.claims[id].ArticleID))
		}
	}
	for _, page := range garbled {
		wantLost(t, report, fmt.Sprintf("unreadable: bucket \"annotations\": page %d calls itself", page))
	}
	kept := storeContents{articles: before.articles, claims: map[uint64]Claim{}, labels: before.labels}
	for id := range got.claims {
		kept.claims[id] = before.claims[id]
	}
	wantSame(t, got, kept)
}

// TestRecoverRefusesToOverwrite: the new store must be a new file.
func TestRecoverRefusesToOverwrite(t *testing.T) {
	path := newClosedStore(t)
	if _, err := Recover(path, path); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("Recover(path, path) = %v, want a refusal", err)
	}
}

func writeTemp(t *testing.T, raw []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "store.db")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func wantSame(t *testing.T, got, want storeContents) {
	t.Helper()
	if len(got.articles) != len(want.articles) || len(got.claims) != len(want.claims) {
		t.Errorf("recovered %d articles and %d claims, want %d and %d", len(got.articles), len(got.claims), len(want.articles), len(want.claims))
	}
	for id, a := range want.articles {
		if g := got.articles[id]; !reflect.DeepEqual(g, a) {
			t.Errorf("article %d recovered as %+v, want %+v", id, g.Title, a.Title)
		}
	}
	for id, c := range want.claims {
		if g := got.claims[id]; !reflect.DeepEqual(g, c) {
			t.Errorf("claim %d recovered as %+v, want %+v", id, g, c)
		}
	}
	if !reflect.DeepEqual(got.labels, want.labels) {
		t.Errorf("labels recovered as %v, want %v", got.labels, want.labels)
	}
}

func wantLost(t *testing.T, report RecoveryReport, says string) {
	t.Helper()
	for _, line := range report.Lost {
		if strings.Contains(line, says) {
			return
		}
	}
	t.Errorf("the report does not say %q:\n%s", says, strings.Join(report.Lost, "\n"))
}
