package storage

import (
	"fmt"
	"path/filepath"
	"testing"
)

// Benchmark sizes from the brief: 1,000 articles of about the seed
// article's length, 100 claims each, 100,000 in all.
const (
	benchArticles   = 1000
	benchPerArticle = 100
)

func benchClaims(text string, n int) []Claim {
	claims := make([]Claim, n)
	step := RuneLen(text) / (n + 1)
	for j := range claims {
		start := j * step
		claims[j] = Claim{Start: start, End: start + 5 + j%20, Label: DefaultLabels()[j%3].Name, Speaker: "Dmitry Peskov", Annotator: "bench"}
	}
	return claims
}

// benchFixture builds, under b.TempDir, a store of benchArticles articles
// and, when withClaims, benchPerArticle claims on each, one transaction per
// article, and closes it. Each benchmark function builds it once.
func benchFixture(b *testing.B, withClaims bool) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "bench.db")
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	seed := seedText(b)
	for i := range benchArticles {
		text := fmt.Sprintf("%s\n\nArticle %d of the benchmark.", seed, i)
		var claims []Claim
		if withClaims {
			claims = benchClaims(text, benchPerArticle)
		}
		if _, _, _, err := s.ImportArticle(Article{Text: text}, claims); err != nil {
			b.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// benchStore opens the fixture, to be checked when the benchmark ends.
func benchStore(b *testing.B, withClaims bool) *Store {
	return openCheckedStore(b, benchFixture(b, withClaims))
}

// BenchmarkAddClaim adds claims one transaction (one fsync) each,
// spread over 1,000 articles: ns/op is the cost of one claim.
func BenchmarkAddClaim(b *testing.B) {
	s := benchStore(b, false)
	text, _ := s.Article(1)
	claims := benchClaims(text.Text, benchPerArticle)
	for i := 0; b.Loop(); i++ {
		a := claims[i%len(claims)]
		a.ArticleID = uint64(i%benchArticles) + 1
		if _, err := s.AddClaim(a); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAddClaimsBatch100 adds 100 claims of one article per call,
// one transaction: ns/op is per batch, ns/claim per claim.
func BenchmarkAddClaimsBatch100(b *testing.B) {
	s := benchStore(b, false)
	text, _ := s.Article(1)
	claims := benchClaims(text.Text, benchPerArticle)
	n := 0
	for i := 0; b.Loop(); i++ {
		batch := make([]Claim, len(claims))
		for j, a := range claims {
			a.ArticleID = uint64(i%benchArticles) + 1
			batch[j] = a
		}
		if _, err := s.AddClaims(batch); err != nil {
			b.Fatal(err)
		}
		n += len(batch)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/claim")
}

// BenchmarkClaims lists one article's 100 claims in text order from a
// store of 100,000.
func BenchmarkClaims(b *testing.B) {
	s := benchStore(b, true)
	for i := 0; b.Loop(); i++ {
		claims, err := s.Claims(uint64(i%benchArticles) + 1)
		if err != nil || len(claims) != benchPerArticle {
			b.Fatalf("Claims = %d claims, %v", len(claims), err)
		}
	}
}

// BenchmarkOpen opens (and closes) a store of 1,000 articles and 100,000
// claims.
func BenchmarkOpen(b *testing.B) {
	path := benchFixture(b, true)
	for b.Loop() {
		s, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
	openCheckedStore(b, path)
}

// BenchmarkArticleSummaries lists 1,000 articles with their claim counts
// from a store of 100,000 claims.
func BenchmarkArticleSummaries(b *testing.B) {
	s := benchStore(b, true)
	for b.Loop() {
		sums, err := s.ArticleSummaries()
		if err != nil || len(sums) != benchArticles || sums[0].Claims != benchPerArticle {
			b.Fatalf("ArticleSummaries = %d, %v", len(sums), err)
		}
	}
}

// BenchmarkStats counts a store of 1,000 articles and 100,000 claims by
// status, label and annotator: what `claimdesk stats` asks of the store.
func BenchmarkStats(b *testing.B) {
	s := benchStore(b, true)
	for b.Loop() {
		st, err := s.Stats()
		if err != nil || st.Claims != benchArticles*benchPerArticle {
			b.Fatalf("Stats = %+v, %v", st, err)
		}
	}
}

// BenchmarkCheck verifies a store of 1,000 articles and 100,000 claims:
// page walk, tx.Check and every record.
func BenchmarkCheck(b *testing.B) {
	s := benchStore(b, true)
	for b.Loop() {
		if err := s.Check(); err != nil {
			b.Fatal(err)
		}
	}
}

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
