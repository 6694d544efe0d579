package annotate

import (
	"path/filepath"
	"testing"
	"time"

	"claimdesk/storage"
	"claimdesk/storage/storetest"
)

// newSession opens a session on a store holding text, with that article
// open. Notices are synced by hand, as the window's frame would.
func newSession(t testing.TB) (*Session, *storage.Store, *[]Aspect) {
	t.Helper()
	store := storetest.Open(t)
	art, _, err := store.AddArticle(storage.Article{Text: text})
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSession(store, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC) }
	var seen []Aspect
	s.OnChange(func(a Aspect) { seen = append(seen, a) })
	if err := s.Open(art.ID); err != nil {
		t.Fatal(err)
	}
	return s, store, &seen
}

func quotes(s *Session) []string {
	var out []string
	for _, c := range s.Claims() {
		out = append(out, c.Label+":"+c.Quote)
	}
	return out
}

// A write that fails (here the store is closed under the session, as when
// the disk goes away) shows as not saved, and the refused claim is not shown.
func TestFailedWriteIsReportedNotShown(t *testing.T) {
	store, err := storage.Open(filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	art, _, err := store.AddArticle(storage.Article{Text: text})
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSession(store, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Open(art.ID); err != nil {
		t.Fatal(err)
	}
	s.SelectText(0, 6)
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	err = s.ApplyLabel("denial")
	if err == nil || Refused(err) {
		t.Fatalf("labelling on a closed store: %v", err)
	}
	if _, failure := s.SaveState(); failure == nil || len(s.Claims()) != 0 {
		t.Errorf("failure %v, %d claims shown", failure, len(s.Claims()))
	}
}
