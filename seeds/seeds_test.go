package seeds

import (
	"strings"
	"testing"

	"claimdesk/storage/storetest"
)

func TestSeedArticleComesFirst(t *testing.T) {
	arts := Articles()
	if len(arts) == 0 {
		t.Fatal("no embedded seed articles")
	}
	if !strings.HasPrefix(arts[0].Text, "Kremlin Denies Interfering") {
		t.Errorf("first seed starts %q, want the Kremlin article", arts[0].Text[:40])
	}
}

func TestLoadIfEmptyLoadsOnce(t *testing.T) {
	store := storetest.Open(t)
	n, err := LoadIfEmpty(store)
	if err != nil || n != len(Articles()) {
		t.Fatalf("first load: %d, %v", n, err)
	}
	n, err = LoadIfEmpty(store)
	if err != nil || n != 0 {
		t.Fatalf("second load added %d (%v), want 0", n, err)
	}
	sums, _ := store.ArticleSummaries()
	if sums[0].Title != "Kremlin Denies Interfering in U.S. Election Campaign" {
		t.Errorf("title %q", sums[0].Title)
	}
}
