package team

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"claimdesk/app/testkit"
	"claimdesk/storage"
	"claimdesk/storage/storetest"
)

// benchmarkTeam is 1,000 articles of 5,000 code points, with 100 claims
// by each of alice, bob and carol in every article, over 3 labels.
func benchmarkTeam() ([]storage.ArticleSummary, []storage.Claim) {
	rng := rand.New(rand.NewPCG(1, 2))
	labels := []string{"denial", "accusation", "praise"}
	var arts []storage.ArticleSummary
	var claims []storage.Claim
	for id := uint64(1); id <= 1000; id++ {
		arts = append(arts, article(id, 5000, storage.StatusInProgress))
		for _, name := range []string{"alice", "bob", "carol"} {
			for range 100 {
				s := rng.IntN(4900)
				claims = append(claims, claim(name, id, s, s+1+rng.IntN(99), labels[rng.IntN(3)]))
			}
		}
	}
	return arts, claims
}

// BenchmarkAgreement measures the report alone, from a snapshot in memory.
func BenchmarkAgreement(b *testing.B) {
	snap := NewSnapshot(benchmarkTeam())
	for b.Loop() {
		if _, err := Agreement(snap, AgreementOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAgreementFromStore measures what `claimdesk agree` does: read
// the snapshot from a store of 300,000 claims, then the report.
func BenchmarkAgreementFromStore(b *testing.B) {
	s := storetest.Open(b)
	arts, claims := benchmarkTeam()
	items := make([]storage.ImportItem, len(arts))
	for i, a := range arts {
		items[i].Article = storage.Article{Title: a.Title, Text: fmt.Sprintf("%04d", i) + strings.Repeat("x", a.RuneLen-4)}
	}
	for _, c := range claims {
		i := c.ArticleID - 1 // the store gives the ids anew
		c.ArticleID = 0
		items[i].Claims = append(items[i].Claims, c)
	}
	for i := 0; i < len(items); i += 100 {
		if _, err := s.ImportArticles(items[i:min(i+100, len(items))]); err != nil {
			b.Fatal(err)
		}
	}
	// CPU time as well as wall time: on a machine shared with other work
	// the wall time says more about the neighbours than about this code.
	var loading, measuring, loadingCPU, measuringCPU time.Duration
	b.ResetTimer()
	for range b.N {
		start, startCPU := time.Now(), processCPU()
		snap, err := Load(s)
		if err != nil {
			b.Fatal(err)
		}
		loaded, loadedCPU := time.Now(), processCPU()
		if _, err := Agreement(snap, AgreementOptions{}); err != nil {
			b.Fatal(err)
		}
		loading += loaded.Sub(start)
		measuring += time.Since(loaded)
		loadingCPU += loadedCPU - startCPU
		measuringCPU += processCPU() - loadedCPU
	}
	perOp := func(d time.Duration) float64 { return float64(d.Milliseconds()) / float64(b.N) }
	b.ReportMetric(perOp(loading), "load-ms/op")
	b.ReportMetric(perOp(measuring), "agree-ms/op")
	b.ReportMetric(perOp(loadingCPU), "load-cpu-ms/op")
	b.ReportMetric(perOp(measuringCPU), "agree-cpu-ms/op")
}

func processCPU() time.Duration {
	d, _ := testkit.ProcessCPU()
	return d
}
