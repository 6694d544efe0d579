package storage

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

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

func TestForEachStopsAtError(t *testing.T) {
	s := openTestStore(t)
	for _, text := range []string{"one", "two", "three"} {
		mustAddArticle(t, s, text)
	}
	stop := errors.New("enough")
	seen := 0
	err := s.ForEachArticle(func(Article) error {
		seen++
		if seen == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || seen != 2 {
		t.Errorf("ForEachArticle = %v after %d articles, want %v after 2", err, seen, stop)
	}
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
