package storage

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// contentsHash is a hash of everything a store holds as its API reads it:
// summaries, every claim, labels and statuses. Compaction must not change it.
func contentsHash(t *testing.T, s *Store) string {
	t.Helper()
	h := sha256.New()
	summaries, err := s.ArticleSummaries()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(h, "%+v\n", summaries)
	err = s.ForEachClaim(func(c Claim) error {
		fmt.Fprintf(h, "%d %d %d %d %q %q %q %q %q %q %s %d %d\n", c.ID, c.ArticleID, c.Start, c.End, c.Quote, c.Label,
			c.Speaker, c.Target, c.Note, c.Annotator, c.Origin, c.Created.UnixNano(), c.Updated.UnixNano())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	labels, _ := s.Labels()
	statuses, _ := s.AllAnnotatorStatuses()
	fmt.Fprintf(h, "%+v\n%+v\n", labels, statuses)
	return hex.EncodeToString(h.Sum(nil))
}

// shrunkStore is a store that held 5,000 claims and had 4,000 of them
// deleted, with their article: most of its pages are free.
func shrunkStore(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "claimdesk.db")
	s := openTestStoreAt(t, path)
	art := mustAddArticle(t, s, strings.Repeat("Lavrov praised the talks in Geneva. ", 300))
	gone := mustAddArticle(t, s, strings.Repeat("Peskov denied it all. ", 300))
	var claims []Claim
	for i := range 5000 {
		start := (i * 11) % 6000
		on := gone.ID
		if i%5 == 0 {
			on = art.ID
		}
		claims = append(claims, Claim{ArticleID: on, Start: start, End: start + 9, Label: "praise", Note: strings.Repeat("n", i%50)})
	}
	if _, err := s.AddClaims(claims); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteArticle(gone.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.SetAnnotatorStatus(art.ID, "bob", StatusDone); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Size()
}

// TestCompact: the compacted store is smaller, holds the same, checks
// clean, keeps mode 0600, issues the next ids where the old one would
// have, and leaves no copy behind.
func TestCompact(t *testing.T) {
	path := shrunkStore(t)
	s := openTestStoreAt(t, path)
	before := contentsHash(t, s)
	s.Close()
	report, err := Compact(path)
	if err != nil {
		t.Fatal(err)
	}
	if report.After >= report.Before || report.After != fileSize(t, path) {
		t.Errorf("compaction went from %d to %d bytes (file %d)", report.Before, report.After, fileSize(t, path))
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v after compaction", info.Mode().Perm())
	}
	s = openCheckedStore(t, path)
	if after := contentsHash(t, s); after != before {
		t.Error("compaction changed what the store holds")
	}
	c, err := s.AddClaim(Claim{ArticleID: 1, Start: 0, End: 6, Label: "praise"})
	if err != nil || c.ID != 5001 {
		t.Errorf("the next claim after compaction: id %d, %v; want 5001", c.ID, err)
	}
	if strays, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*compact*")); len(strays) > 0 {
		t.Errorf("left behind: %v", strays)
	}
	t.Logf("%d → %d bytes", report.Before, report.After)
}

// TestCompactRefusedWhileOpen: another holder of the store keeps
// compaction out, and the file is untouched.
func TestCompactRefusedWhileOpen(t *testing.T) {
	path := shrunkStore(t)
	s := openCheckedStore(t, path)
	before := fileSize(t, path)
	_, err := Compact(path)
	wantErr(t, err, ErrLocked, "another claimdesk is using "+path)
	if fileSize(t, path) != before {
		t.Error("a refused compaction changed the file")
	}
	_ = s
}

// TestOpenWaitingOnCompactionGetsTheNewFile: a process that opened the
// store while compaction held it, and got the lock when compaction let
// go, writes into the new file, not into the old one the rename unlinked.
func TestOpenWaitingOnCompactionGetsTheNewFile(t *testing.T) {
	path := shrunkStore(t)
	opened := make(chan *Store)
	testHookBeforeSwap = func() {
		go func() {
			s, err := OpenWith(path, Options{Timeout: 10 * time.Second})
			if err != nil {
				t.Error(err)
			}
			opened <- s
		}()
		time.Sleep(200 * time.Millisecond) // the opener waits on the old file's lock
	}
	t.Cleanup(func() { testHookBeforeSwap = nil })
	if _, err := Compact(path); err != nil {
		t.Fatal(err)
	}
	s := <-opened
	if s == nil {
		return
	}
	c, err := s.AddClaim(Claim{ArticleID: 1, Start: 0, End: 6, Label: "praise"})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openCheckedStore(t, path)
	if _, err := s.Claim(c.ID); err != nil {
		t.Errorf("the claim written after compaction is lost: %v", err)
	}
}

// TestCompactionKilled has a child process compact a store over and over
// and kills it at several moments: each time the store at the path opens,
// checks clean and holds what it held, and the next compaction clears
// away the copy the killed one left.
func TestCompactionKilled(t *testing.T) {
	if os.Getenv(envChildRole) == "compact" {
		for {
			fmt.Println("compacting")
			if _, err := Compact(os.Getenv(envChildDB)); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}
	}
	path := shrunkStore(t)
	s := openTestStoreAt(t, path)
	want := contentsHash(t, s)
	s.Close()
	for _, delay := range []time.Duration{0, 10 * time.Millisecond, 40 * time.Millisecond, 100 * time.Millisecond, 250 * time.Millisecond} {
		if stderr := killChildAfter(t, "TestCompactionKilled", "compact", path, delay); strings.Contains(stderr, "claimdesk") {
			t.Fatalf("the compacting child failed: %s", stderr)
		}
		s, err := Open(path)
		if err != nil {
			t.Fatalf("killed after %v: %v", delay, err)
		}
		if err := s.Check(); err != nil {
			t.Errorf("killed after %v: check: %v", delay, err)
		}
		if got := contentsHash(t, s); got != want {
			t.Errorf("killed after %v: the store's contents changed", delay)
		}
		s.Close()
	}
	if _, err := Compact(path); err != nil {
		t.Fatal(err)
	}
	if strays, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*compact*")); len(strays) > 0 {
		t.Errorf("left behind after a compaction that finished: %v", strays)
	}
}
