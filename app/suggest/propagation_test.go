package suggest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The quote index lays out postings over many sorted blocks merged once:
// each shingle lists exactly the quotes holding it, once each, in the
// order they were added, as a map of a list per shingle would, and a quote
// from the first block and one from the last are both found again.
func TestQuoteIndexAcrossBlocks(t *testing.T) {
	const words, quotes = 40, 6000 // some 3.5 blocks of postings
	var examples []Example
	var want = map[uint64][]int32{}
	total := 0
	for i := range quotes {
		var ws []string
		for k := range words {
			ws = append(ws, fmt.Sprintf("w%d", (i*7+k)%5000))
		}
		examples = append(examples, Example{ArticleID: uint64(1 + i%50), ClaimID: uint64(i + 1), Quote: strings.Join(ws, " "), Label: "denial", Speaker: "Peskov"})
		var hashes []uint64
		forEachWord([]rune(examples[i].Quote), func(_, _ int, w []byte) { hashes = append(hashes, hashBytes(fnvOffset, w)) })
		seen := map[uint64]bool{}
		for k := 0; k+shingleWords <= len(hashes); k++ {
			h := shingle(hashes[k : k+shingleWords])
			if !seen[h] {
				seen[h] = true
				want[h] = append(want[h], int32(i))
				total++
			}
		}
	}
	if total < 3*postingBlock {
		t.Fatalf("%d postings fill fewer than 3 blocks", total)
	}
	ix := NewQuoteIndex(examples)
	if len(ix.keys) != len(want) || !slices.IsSorted(ix.keys) || len(ix.holders) != total {
		t.Fatalf("%d shingles (sorted %v), %d postings; want %d and %d", len(ix.keys), slices.IsSorted(ix.keys), len(ix.holders), len(want), total)
	}
	for h, holders := range want {
		if got := ix.holding(h); !slices.Equal(got, holders) {
			t.Fatalf("shingle %x held by %v, want %v", h, got, holders)
		}
	}
	text := []rune(examples[0].Quote + ". Elsewhere: " + examples[quotes-1].Quote + ".")
	found, err := ix.Find(context.Background(), 999, text)
	if err != nil {
		t.Fatal(err)
	}
	var from []uint64
	for _, c := range found {
		if c.Score == 1 {
			from = append(from, c.FromClaim)
		}
	}
	if !slices.Contains(from, 1) || !slices.Contains(from, quotes) {
		t.Errorf("whole quotes found again: claims %v, want 1 and %d among them", from, quotes)
	}
}
