package window

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"claimdesk/storage"
)

// BenchmarkPaletteTyping types a 15-character query into the window's
// palette, key by key, over a store of 100,000 claims (1,000 articles of
// 100), and reports the median and worst time from a key to the palette's
// list refreshed — the search and what the window does with its results:
//
//	go test -run '^$' -bench PaletteTyping -benchtime 20x ./app/window/
func BenchmarkPaletteTyping(b *testing.B) {
	store := bigStore(b, 1000, 100)
	// The palette searches in the background: runBackground runs what is
	// queued, as the goroutine would, so a key's time includes its search.
	w, runBackground := newWindowLoadingLater(b, store)
	runBackground()
	for _, query := range []string{"peskov denied n", "label:praise ki"} {
		b.Run(strings.ReplaceAll(query, " ", "_"), func(b *testing.B) {
			var took []time.Duration
			for b.Loop() {
				w.showSearchPalette()
				p := w.palette
				for i := range query {
					start := time.Now()
					test.Type(p.query, query[i:i+1])
					runBackground()
					took = append(took, time.Since(start))
				}
				p.close()
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms-median/key")
			b.ReportMetric(float64(took[len(took)-1].Microseconds())/1000, "ms-worst/key")
		})
	}
}

// bigStore is a store of articles articles with claimsEach claims each, one
// a sentence, spoken by a few people about a few others.
func bigStore(tb testing.TB, articles, claimsEach int) *storage.Store {
	tb.Helper()
	store, err := storage.Open(filepath.Join(tb.TempDir(), "big.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { store.Close() })
	speakers := []string{"Dmitry Peskov", "Sergei Lavrov", "Maria Zakharova", "Antony Blinken", "Olaf Scholz"}
	targets := []string{"NATO", "Ukraine", "the Kremlin", "Brussels", "the Pentagon", "Poland"}
	verbs := []string{"denied", "claimed", "insisted", "warned", "alleged", "praised"}
	nouns := []string{"sanctions", "talks", "ceasefire", "pipeline", "grain deal", "summit", "kindness"}
	labels := []string{"denial", "accusation", "praise"}
	items := make([]storage.ImportItem, articles)
	for a := range items {
		var text strings.Builder
		var claims []storage.Claim
		for c := range claimsEach {
			n := a*claimsEach + c
			speaker, target := speakers[n%5], targets[n/5%6]
			sentence := fmt.Sprintf("%s %s that %s had blocked the new %s.", speaker, verbs[n/30%6], target, nouns[n/7%7])
			if c > 0 && c%4 == 0 {
				text.WriteString("\n\n") // paragraphs, as the suggestions read them
			}
			start := text.Len()
			text.WriteString(sentence + " ")
			claims = append(claims, storage.Claim{Start: start, End: start + len(sentence), Label: labels[n/11%3],
				Speaker: speaker, Target: target})
		}
		items[a] = storage.ImportItem{Article: storage.Article{Title: fmt.Sprintf("Report %d", a+1), Text: text.String()}, Claims: claims}
	}
	for start := 0; start < len(items); start += 200 {
		if _, err := store.ImportArticles(items[start:min(start+200, len(items))]); err != nil {
			tb.Fatal(err)
		}
	}
	return store
}
