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
	var keys []uint64
	for h := range ix.postings.all() {
		keys = append(keys, h)
	}
	if len(keys) != len(want) || !slices.IsSorted(keys) || ix.postings.count != total {
		t.Fatalf("%d shingles (sorted %v), %d postings; want %d and %d", len(keys), slices.IsSorted(keys), ix.postings.count, len(want), total)
	}
	for h, holders := range want {
		if got := slices.Collect(ix.postings.holding(h).all()); !slices.Equal(got, holders) {
			t.Fatalf("shingle %x held by %v, want %v", h, got, holders)
		}
	}
	text := []rune(examples[0].Quote + ". Elsewhere: " + examples[quotes-1].Quote + ".")
	found, err := ix.findAll(context.Background(), 999, text)
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

// TestFindFollowsRunsAsItGoes: quotes built of set phrases many others
// share, some found whole in the text, some in part, some all but their
// last words: findAll, following each quote's runs of hits as it reads,
// proposes exactly what keeping every hit of every quote and looking for
// the longest run after would.
func TestFindFollowsRunsAsItGoes(t *testing.T) {
	phrases := []string{"said that the", "in a statement", "the new sanctions", "on the border", "told reporters in", "had violated the"}
	var examples []Example
	for i := range 3000 {
		var ws []string
		for k := range 4 + i%5 {
			ws = append(ws, phrases[(i*3+k*k)%len(phrases)])
		}
		ws = append(ws, fmt.Sprintf("unique%d", i%40))
		examples = append(examples, Example{ArticleID: uint64(1 + i%30), ClaimID: uint64(i + 1), Quote: strings.Join(ws, " "), Label: "denial", Speaker: "Peskov"})
	}
	// And quotes of words of their own, found all but their last two: 16
	// of their 18 shingles, enough to be proposed.
	var nearly []string
	for i := range 20 {
		var ws []string
		for k := range 20 {
			ws = append(ws, fmt.Sprintf("own%dw%d", i, k))
		}
		examples = append(examples, Example{ArticleID: 77, ClaimID: uint64(5000 + i), Quote: strings.Join(ws, " "), Label: "praise", Speaker: "Lavrov"})
		nearly = append(nearly, strings.Join(ws[:18], " "))
	}
	ix := NewQuoteIndex(examples)
	var text strings.Builder
	for _, q := range nearly {
		text.WriteString(q + ". ")
	}
	for i := 0; i < 3000; i += 97 {
		q := examples[i].Quote
		if i%2 == 1 {
			q = q[:len(q)*2/3] // in part: too little of it to be proposed
		}
		text.WriteString(q + ". ")
	}
	runes := []rune(text.String())
	got, err := ix.findAll(context.Background(), 999, runes)
	if err != nil {
		t.Fatal(err)
	}
	// Every hit of every quote, and the longest run of each found as Find
	// found it when it kept them all.
	hits := map[int32][]shingleHit{}
	if err := ix.eachHit(context.Background(), 999, runes, func(q int32, h shingleHit) { hits[q] = append(hits[q], h) }); err != nil {
		t.Fatal(err)
	}
	var want []Candidate
	for q, found := range hits {
		bestFrom, bestTo, bestN := 0, 0, 0
		from, n := 0, 1
		for i := 1; i <= len(found); i++ {
			if i < len(found) && found[i].seq-found[i-1].seq <= shingleWords {
				n++
				continue
			}
			if n > bestN {
				bestFrom, bestTo, bestN = from, i-1, n
			}
			from, n = i, 1
		}
		lq := ix.length(q)
		first, last := found[bestFrom], found[bestTo]
		words := int(lq.words)
		if float64(bestN)/float64(lq.shingles) >= minShareShared && last.pos-first.pos+shingleWords <= words+words/4+1 {
			want = append(want, Candidate{Start: first.start, End: last.end, FromClaim: ix.claimID(q)})
		}
	}
	key := func(c Candidate) string { return fmt.Sprintf("%d-%d-%d", c.Start, c.End, c.FromClaim) }
	gotKeys, wantKeys := []string{}, []string{}
	for _, c := range got {
		gotKeys = append(gotKeys, key(c.Candidate))
	}
	for _, c := range want {
		wantKeys = append(wantKeys, key(c))
	}
	slices.Sort(gotKeys)
	slices.Sort(wantKeys)
	if len(wantKeys) < 10 || !slices.Equal(gotKeys, wantKeys) {
		t.Fatalf("findAll proposes %d (%v...), keeping every hit %d", len(gotKeys), gotKeys[:min(5, len(gotKeys))], len(wantKeys))
	}
}

// A set phrase (a shingle more than maxHolders labelled quotes hold) keeps
// no list of its holders: in a quote found again it neither counts nor
// breaks the quote's run, so the quote is proposed whole; a quote made of
// set phrases alone is not proposed.
func TestSetPhrasesNeitherCountNorBreakRuns(t *testing.T) {
	const phrase = "according to a statement published on monday"
	var examples []Example
	for i := range maxHolders + 1 {
		examples = append(examples, Example{ArticleID: uint64(10 + i), ClaimID: uint64(10 + i),
			Quote: fmt.Sprintf("speaker%d said %s", i, phrase), Label: "accusation", Speaker: "Lavrov"})
	}
	repeated := "Peskov denied that the pipeline was sabotaged " + phrase + " by the Kremlin press office"
	examples = append(examples,
		Example{ArticleID: 1, ClaimID: 1, Quote: repeated, Label: "denial", Speaker: "Peskov"},
		Example{ArticleID: 2, ClaimID: 2, Quote: phrase, Label: "praise", Speaker: "Scholz"})
	ix := NewQuoteIndex(examples)
	var words []uint64
	forEachWord([]rune(phrase), func(_, _ int, w []byte) { words = append(words, hashBytes(fnvOffset, w)) })
	for i := 0; i+shingleWords <= len(words); i++ {
		if holders, setPhrase := ix.postings.lookup(shingle(words[i : i+shingleWords])); !setPhrase || len(holders) != 0 {
			t.Fatalf("shingle %d of the phrase %d quotes share: set phrase %v, %d bytes of holders", i, maxHolders+2, setPhrase, len(holders))
		}
	}
	// Of the repeated quote's 17 shingles, the phrase's 5 are set phrases.
	if got := ix.length(int32(maxHolders + 1)); got.shingles != 12 {
		t.Errorf("the repeated quote counts %d shingles, want 12: its 17 less the phrase's 5", got.shingles)
	}
	text := "Earlier today. " + repeated + ". And " + phrase + ", nothing else."
	found, err := ix.Find(context.Background(), 999, []rune(text))
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != 1 {
		t.Fatalf("found %d quotes, want the repeated one alone: %+v", len(found), found)
	}
	if c := found[0]; c.FromClaim != 1 || c.Quote != repeated || c.Score != 1 || c.Label != "denial" {
		t.Errorf("proposed claim %d %q (score %v, %s), want claim 1 whole, score 1, denial", c.FromClaim, c.Quote, c.Score, c.Label)
	}
}

// Where quotes found overlap, Find proposes one: the one found the most
// whole, not the one found first in claim order (here a near copy
// sharing 16 of its 18 shingles with the text).
func TestFindProposesTheWholestOfOverlappingQuotes(t *testing.T) {
	var ws []string
	for k := range 22 {
		ws = append(ws, fmt.Sprintf("word%d", k))
	}
	nearCopy, repeated := strings.Join(ws[:20], " "), strings.Join(ws[2:], " ")
	ix := NewQuoteIndex([]Example{
		{ArticleID: 1, ClaimID: 1, Quote: nearCopy, Label: "praise", Speaker: "Lavrov"},
		{ArticleID: 2, ClaimID: 2, Quote: repeated, Label: "denial", Speaker: "Peskov"},
	})
	text := []rune("Before. " + repeated + ". After.")
	all, err := ix.findAll(context.Background(), 999, text)
	if err != nil || len(all) != 2 {
		t.Fatalf("findAll found %d quotes (%v), want both", len(all), err)
	}
	found, err := ix.Find(context.Background(), 999, text)
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != 1 || found[0].FromClaim != 2 || found[0].Score != 1 || found[0].Speaker != "Peskov" {
		t.Errorf("Find proposes %+v, want claim 2 alone, whole, said by Peskov", found)
	}
}
