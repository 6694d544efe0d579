package storage

import (
	"fmt"
	"testing"
)

// importBenchClaims is how many claims each benchmark article brings.
const importBenchClaims = 10

// importBenchItems builds benchArticles seed-sized articles with
// importBenchClaims claims each; round makes the texts new each round.
func importBenchItems(seed string, round int) []ImportItem {
	items := make([]ImportItem, benchArticles)
	for i := range items {
		text := fmt.Sprintf("%s\n\nRound %d, article %d of the benchmark.", seed, round, i)
		items[i] = ImportItem{Article: Article{Text: text}, Claims: benchClaims(text, importBenchClaims)}
	}
	return items
}

// BenchmarkImportArticles stores 1,000 seed-sized articles with 10 claims
// each per call, all in one transaction: ns/op is per 1,000 articles.
func BenchmarkImportArticles(b *testing.B) {
	s := openTestStore(b)
	seed := seedText(b)
	round := 0
	for b.Loop() {
		b.StopTimer()
		round++
		items := importBenchItems(seed, round)
		b.StartTimer()
		results, err := s.ImportArticles(items)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range results {
			if r.Err != nil {
				b.Fatal(r.Err)
			}
		}
	}
	b.ReportMetric(float64(benchArticles*b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkImportArticleEach stores the same 1,000 articles one
// ImportArticle call (one transaction, one fsync) each, the way to compare
// BenchmarkImportArticles with: ns/op is per 1,000 articles.
func BenchmarkImportArticleEach(b *testing.B) {
	s := openTestStore(b)
	seed := seedText(b)
	round := 0
	for b.Loop() {
		b.StopTimer()
		round++
		items := importBenchItems(seed, round)
		b.StartTimer()
		for _, it := range items {
			if _, _, _, err := s.ImportArticle(it.Article, it.Claims); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(benchArticles*b.N)/b.Elapsed().Seconds(), "articles/s")
}
