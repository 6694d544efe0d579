package annotate

import (
	"reflect"
	"testing"

	"claimdesk/storage"
	"claimdesk/storage/storetest"
)

// Status, article list and deletion all follow the store's notices, which
// arrive in the inbox from any goroutine and are applied by Sync.
func TestStoreNoticesReachTheSessionThroughSync(t *testing.T) {
	store := storetest.Open(t)
	first, _, err := store.AddArticle(storage.Article{Text: "First\n\nPeskov denied it."})
	if err != nil {
		t.Fatal(err)
	}
	wakes := 0
	s, err := NewSession(store, func() { wakes++ })
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Open(first.ID); err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() { // an import in the background
		for i := 0; i < 5; i++ {
			a, _, err := store.AddArticle(storage.Article{Text: "Other " + string(rune('A'+i)) + "\n\nText."})
			if err != nil {
				done <- err
				return
			}
			if _, err := store.AddClaim(storage.Claim{ArticleID: a.ID, Start: 0, End: 5, Label: "praise"}); err != nil {
				done <- err
				return
			}
		}
		_, err := store.AddClaim(storage.Claim{ArticleID: first.ID, Start: 7, End: 13, Label: "denial"})
		done <- err
	}()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if wakes != 1 || len(s.Articles()) != 1 {
		t.Fatalf("before Sync: %d wakes, %d articles", wakes, len(s.Articles()))
	}
	s.Sync()
	if len(s.Articles()) != 6 || s.Articles()[1].Claims != 1 || s.Articles()[0].Claims != 1 {
		t.Fatalf("articles after Sync: %+v", s.Articles())
	}
	if got := quotes(s); !reflect.DeepEqual(got, []string{"denial:Peskov"}) {
		t.Fatalf("the open article's claims: %v", got)
	}
	if err := store.SetArticleStatus(first.ID, storage.StatusDone); err != nil {
		t.Fatal(err)
	}
	s.Sync()
	if s.Article().Status != storage.StatusDone || s.Articles()[0].Status != storage.StatusDone {
		t.Errorf("status: open %q, listed %q", s.Article().Status, s.Articles()[0].Status)
	}
	if wakes != 2 {
		t.Errorf("%d wakes for two Syncs' worth of notices", wakes)
	}
	if err := store.DeleteArticle(first.ID); err != nil {
		t.Fatal(err)
	}
	s.Sync()
	if s.Article().ID != 0 || len(s.Claims()) != 0 || len(s.Articles()) != 5 {
		t.Errorf("after deletion elsewhere: open %d, %d claims, %d listed", s.Article().ID, len(s.Claims()), len(s.Articles()))
	}
}
