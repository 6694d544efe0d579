package team

import (
	"math/rand/v2"
	"strings"
	"testing"

	"claimdesk/storage"
	"claimdesk/storage/storetest"
)

// adjudicationArticle is one stored article of 5,000 code points with 100
// claims by each of alice, bob and carol, half of them made by all three.
func adjudicationArticle(b *testing.B) (*storage.Store, uint64) {
	s := storetest.Open(b)
	art, _, err := s.AddArticle(storage.Article{Text: strings.Repeat("Peskov denied it. ", 300)[:5000]})
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	labels := []string{"denial", "accusation", "praise"}
	var claims []storage.Claim
	for i := range 100 {
		start := rng.IntN(4900)
		c := storage.Claim{ArticleID: art.ID, Start: start, End: start + 1 + rng.IntN(99), Label: labels[rng.IntN(3)]}
		for _, name := range []string{"alice", "bob", "carol"} {
			c.Annotator = name
			if i%2 == 1 { // each their own
				c.Start = rng.IntN(4900)
				c.End = c.Start + 1 + rng.IntN(99)
			}
			claims = append(claims, c)
		}
	}
	if _, err := s.AddClaims(claims); err != nil {
		b.Fatal(err)
	}
	return s, art.ID
}

// BenchmarkAdjudicationRefresh measures what the window's panel does after
// each decision: take the article's claims as the session holds them,
// then list the candidates and count the disagreements left.
func BenchmarkAdjudicationRefresh(b *testing.B) {
	s, id := adjudicationArticle(b)
	adj, err := OpenAdjudication(s, id, nil)
	if err != nil {
		b.Fatal(err)
	}
	claims, err := s.Claims(id)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		adj.Use(claims)
		if len(adj.Candidates()) == 0 || adj.DisagreementsLeft() == 0 {
			b.Fatal("nothing to adjudicate")
		}
	}
}

// BenchmarkAdjudicationReload is the refresh reading the claims from the
// store instead, as the command line's API does.
func BenchmarkAdjudicationReload(b *testing.B) {
	s, id := adjudicationArticle(b)
	adj, err := OpenAdjudication(s, id, nil)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := adj.Reload(); err != nil {
			b.Fatal(err)
		}
		if adj.DisagreementsLeft() == 0 {
			b.Fatal("nothing to adjudicate")
		}
	}
}
