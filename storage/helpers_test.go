package storage

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
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
