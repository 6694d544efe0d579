package window

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"claimdesk/app/testkit"
	"claimdesk/storage"
	"claimdesk/storage/storetest"
)

// BenchmarkAgreementDialog measures what Team > Agreement… does off the UI
// goroutine and then on it, until the report shows: read every claim of a
// store of 1,000 articles of 5,000 code points with 100 claims by each of
// alice, bob and carol in each (300,000 claims, 3 labels), compute the
// report, fill the tables. The CPU time is reported too, as wall time on a
// machine shared with other work says more about the neighbours.
func BenchmarkAgreementDialog(b *testing.B) {
	store := storetest.Open(b)
	rng := rand.New(rand.NewPCG(1, 2))
	labels := []string{"denial", "accusation", "praise"}
	for batch := 0; batch < 1000; batch += 100 {
		items := make([]storage.ImportItem, 100)
		for i := range items {
			items[i].Article = storage.Article{Title: fmt.Sprintf("article %d", batch+i), Text: fmt.Sprintf("%04d", batch+i) + strings.Repeat("x", 4996)}
			for _, name := range []string{"alice", "bob", "carol"} {
				for range 100 {
					s := rng.IntN(4900)
					items[i].Claims = append(items[i].Claims, storage.Claim{Start: s, End: s + 1 + rng.IntN(99), Label: labels[rng.IntN(3)], Annotator: name})
				}
			}
		}
		if _, err := store.ImportArticles(items); err != nil {
			b.Fatal(err)
		}
	}
	w := newTestWindowOn(b, test.NewTempApp(b), store)
	cpu := func() float64 { d, _ := testkit.ProcessCPU(); return float64(d.Milliseconds()) }
	start, n := cpu(), 0
	for b.Loop() {
		n++
		a := w.openAgreement()
		if len(a.report.Articles) != 1000 {
			b.Fatalf("%d articles in the report", len(a.report.Articles))
		}
		a.dlg.Hide()
	}
	b.ReportMetric((cpu()-start)/float64(n), "cpu-ms/op")
}
