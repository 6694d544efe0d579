package suggest

import (
	"cmp"
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

// encodeQuoteList is a quote list holding quotes, ascending.
func encodeQuoteList(quotes []int32) quoteList {
	var list []byte
	prev := int32(-1)
	for _, q := range quotes {
		list = appendHolder(list, prev, q)
		prev = q
	}
	return list
}

// quoteListCases are ascending quote lists at the edges of what a
// posting list holds.
var quoteListCases = map[string][]int32{
	"empty":                   nil,
	"the first quote":         {0},
	"the last quote there is": {math.MaxInt32},
	"first and last":          {0, math.MaxInt32},
	"a gap of one byte":       {0, 127, 128},
	"gaps of 2 and 3 bytes":   {5, 5 + 1<<7, 5 + 1<<7 + 1<<14, 5 + 1<<7 + 1<<14 + 1<<21},
	"many holders":            manyHolders(100_000),
}

func manyHolders(n int) []int32 {
	out := make([]int32, n)
	for i := range out {
		out[i] = int32(i * 3)
	}
	return out
}

// A quote list gives back the quotes it was given, in order, in the bytes
// uvarints take.
func TestQuoteListRoundTrip(t *testing.T) {
	for name, quotes := range quoteListCases {
		t.Run(name, func(t *testing.T) {
			list := encodeQuoteList(quotes)
			if got := slices.Collect(list.all()); !slices.Equal(got, quotes) {
				t.Fatalf("decoded %v, want %v", head(got), head(quotes))
			}
			want := 0
			prev := int32(-1)
			for _, q := range quotes {
				want += len(binary.AppendUvarint(nil, uint64(q-prev)))
				prev = q
			}
			if len(list) != want {
				t.Errorf("%d bytes, want %d", len(list), want)
			}
		})
	}
}

func head[T any](s []T) []T { return s[:min(len(s), 8)] }

// Stopping early stops decoding.
func TestQuoteListStopsWhenAsked(t *testing.T) {
	var got []int32
	for q := range encodeQuoteList([]int32{1, 2, 3, 4}).all() {
		got = append(got, q)
		if q == 2 {
			break
		}
	}
	if !slices.Equal(got, []int32{1, 2}) {
		t.Errorf("got %v", got)
	}
}

// FuzzQuoteList: any ascending list of quotes, its gaps drawn from the
// input, round-trips.
func FuzzQuoteList(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0, 0, 0, 0})
	f.Add([]byte{0xff, 0xff, 0xff, 0x7f, 1, 0, 0, 0})
	f.Fuzz(func(t *testing.T, raw []byte) {
		var quotes []int32
		q := int64(-1)
		for len(raw) >= 4 {
			q += 1 + int64(binary.LittleEndian.Uint32(raw)>>1)
			raw = raw[4:]
			if q > math.MaxInt32 {
				break
			}
			quotes = append(quotes, int32(q))
		}
		if got := slices.Collect(encodeQuoteList(quotes).all()); !slices.Equal(got, quotes) {
			t.Fatalf("decoded %v, want %v", head(got), head(quotes))
		}
	})
}

// holding lists the quotes holding shingle h, nil when no quote does.
func (t *postingTable) holding(h uint64) quoteList {
	holders, _ := t.lookup(h)
	return holders
}

// postingsOf lists quote lists' cases as one block's postings: each case
// a shingle, the shingles at the edges of a uint64.
func postingsOf(lists map[uint64][]int32) []posting {
	var out []posting
	for h, quotes := range lists {
		for _, q := range quotes {
			out = append(out, posting{h, q})
		}
	}
	slices.SortFunc(out, comparePostings)
	return out
}

// readBlocks merges encoded blocks as build does, into each shingle's
// quotes.
func readBlocks(tb testing.TB, blocks []encodedBlock) map[uint64][]int32 {
	postings := mergeBlocks(blocks, math.MaxInt, nil)
	out := map[uint64][]int32{}
	for h, list := range postings.all() {
		out[h] = slices.Collect(list.all())
		if got := slices.Collect(postings.holding(h).all()); !slices.Equal(got, out[h]) {
			tb.Fatalf("shingle %x: found holding %v, listed holding %v", h, head(got), head(out[h]))
		}
	}
	return out
}

// Blocks encode each shingle's quotes and give them back merged: a
// shingle in several blocks holds the quotes of all of them, in block
// order, and the merged lists take no more bytes than the blocks' lists.
func TestBlocksRoundTrip(t *testing.T) {
	cases := map[string][]map[uint64][]int32{
		"no block":  nil,
		"one quote": {{7: {0}}},
		"edge shingles and quotes": {{
			0: {0, math.MaxInt32}, 1: {3}, math.MaxUint64: quoteListCases["many holders"],
			math.MaxUint64 - 1: quoteListCases["gaps of 2 and 3 bytes"],
		}},
		"shingles sharing a bucket, more than a start's": {sharingBucket(3 * listsPerStart)},
		"a shingle in three blocks": {
			{42: {0, 1, 2}, 43: {1}},
			{42: {300, 301}, math.MaxUint64: {300}},
			{0: {math.MaxInt32 - 1}, 42: {math.MaxInt32}},
		},
	}
	for name, blocks := range cases {
		t.Run(name, func(t *testing.T) {
			want := map[uint64][]int32{}
			var encoded []encodedBlock
			listBytes := 0
			for _, lists := range blocks {
				for h, quotes := range lists {
					want[h] = append(want[h], quotes...)
				}
				b, _ := encodeBlock(postingsOf(lists), nil)
				if b.shingles != len(lists) {
					t.Errorf("block of %d shingles says %d", len(lists), b.shingles)
				}
				listBytes += b.listBytes
				encoded = append(encoded, b)
			}
			got := readBlocks(t, encoded)
			if len(got) != len(want) {
				t.Fatalf("%d shingles, want %d", len(got), len(want))
			}
			merged := 0
			for h, quotes := range want {
				if !slices.Equal(got[h], quotes) {
					t.Errorf("shingle %x: %v, want %v", h, head(got[h]), head(quotes))
				}
				merged += len(encodeQuoteList(quotes))
			}
			if merged > listBytes {
				t.Errorf("merged lists take %d bytes, the blocks' %d", merged, listBytes)
			}
		})
	}
}

// sharingBucket is n shingles of one bucket, their middle bits and low
// bits alike in turn, each held by quotes of its own.
func sharingBucket(n int) map[uint64][]int32 {
	out := map[uint64][]int32{}
	for k := range n {
		h := uint64(0xabcd)<<48 | uint64(k/2)<<32 | uint64(k%2)<<31 | uint64(k/3)
		out[h] = []int32{int32(k), int32(k + n)}
	}
	return out
}

// The table finds the shingles it holds and no other: not one a bit
// away in its bucket, its middle or its low bits, nor any in an empty
// table.
func TestPostingTableFindsOnlyItsShingles(t *testing.T) {
	held := sharingBucket(5 * listsPerStart)
	held[0] = []int32{1}
	held[math.MaxUint64] = []int32{2}
	block, _ := encodeBlock(postingsOf(held), nil)
	ix := (&quoteIndexBuilder{blocks: []encodedBlock{block}}).build(nil, nil)
	empty := newPostingTable(0, 0)
	empty.finish()
	for h, quotes := range held {
		if got := slices.Collect(ix.postings.holding(h).all()); !slices.Equal(got, quotes) {
			t.Errorf("shingle %x: %v, want %v", h, got, quotes)
		}
		if list := empty.holding(h); list != nil {
			t.Errorf("empty table holds %x", h)
		}
		for _, bit := range []uint{0, 31, 32, 47, 48, 63} {
			near := h ^ 1<<bit
			if _, ok := held[near]; !ok && ix.postings.holding(near) != nil {
				t.Errorf("shingle %x found, %x held", near, h)
			}
		}
	}
	if ix.postings.shingles() != len(held) {
		t.Errorf("%d shingles, want %d", ix.postings.shingles(), len(held))
	}
}

// FuzzBlocks: postings drawn from the input, cut into blocks in quote
// order as the builder fills them, come back merged by shingle.
func FuzzBlocks(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9}, uint8(2))
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1}, uint8(1))
	f.Fuzz(func(t *testing.T, raw []byte, perBlock uint8) {
		// Each 9 bytes: a shingle (a few distinct ones, so they repeat
		// across blocks) and whether the next quote holds it too.
		var postings []posting
		quote := int32(0)
		for ; len(raw) >= 9; raw = raw[9:] {
			h := binary.LittleEndian.Uint64(raw) % 5 * (math.MaxUint64 / 4)
			if raw[8]&1 == 1 {
				quote++
			}
			postings = append(postings, posting{h, quote})
		}
		slices.SortFunc(postings, func(x, y posting) int {
			return cmp.Or(cmp.Compare(x.quote, y.quote), cmp.Compare(x.shingle, y.shingle))
		})
		postings = slices.Compact(postings) // a quote holds a shingle once
		want := map[uint64][]int32{}
		for _, p := range postings {
			want[p.shingle] = append(want[p.shingle], p.quote)
		}
		var blocks []encodedBlock
		var scratch []byte // reused, as the builder does
		size := 1 + int(perBlock)
		for len(postings) > 0 {
			// A quote's postings stay in one block.
			end := min(size, len(postings))
			for end < len(postings) && postings[end].quote == postings[end-1].quote {
				end++
			}
			block := slices.Clone(postings[:end])
			slices.SortFunc(block, comparePostings)
			var encoded encodedBlock
			encoded, scratch = encodeBlock(block, scratch)
			blocks = append(blocks, encoded)
			postings = postings[end:]
		}
		got := readBlocks(t, blocks)
		if len(got) != len(want) {
			t.Fatalf("%d shingles, want %d", len(got), len(want))
		}
		for h, quotes := range want {
			if !slices.Equal(got[h], quotes) {
				t.Fatalf("shingle %x: %v, want %v", h, got[h], quotes)
			}
		}
	})
}

// Each quote keeps its claim id and article through its run, whatever the
// ids (far apart, at the edges of a uint64) and however the articles
// interleave, and Find leaves out only the quotes of the article it reads.
func TestQuoteRunsKeepClaimsAndArticles(t *testing.T) {
	quote := "the minister denied every report of the deal"
	cases := []struct {
		article, claim uint64
	}{
		{1, 1}, {1, 2}, {1, math.MaxInt32 + 3}, {1, 0}, {2, math.MaxUint64}, {2, math.MaxUint64 - math.MaxInt32 - 1},
		{1, 40}, {3, 1 << 40}, {3, 1<<40 - 1}, {2, 5},
	}
	var examples []Example
	for i, c := range cases {
		examples = append(examples, Example{ArticleID: c.article, ClaimID: c.claim, Quote: fmt.Sprintf("%s %d", quote, i), Label: "denial", Speaker: "Peskov", Target: fmt.Sprint(i % 3)})
	}
	ix := NewQuoteIndex(examples)
	for i, c := range cases {
		q := int32(i)
		if got := ix.claimID(q); got != c.claim {
			t.Errorf("quote %d: claim %d, want %d", i, got, c.claim)
		}
		if got := ix.articles[ix.run(q).article]; got != c.article {
			t.Errorf("quote %d: article %d, want %d", i, got, c.article)
		}
		if got := ix.names[ix.quoteNames[ix.quotes[q].names].target]; got != fmt.Sprint(i%3) {
			t.Errorf("quote %d: target %q", i, got)
		}
	}
	for _, article := range []uint64{1, 2, 3, 4} {
		found, err := ix.findAll(context.Background(), article, []rune(quote+"."))
		if err != nil {
			t.Fatal(err)
		}
		var want, got []uint64
		for _, c := range cases {
			if c.article != article {
				want = append(want, c.claim)
			}
		}
		for _, c := range found {
			got = append(got, c.FromClaim)
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("article %d: found claims %v, want %v", article, got, want)
		}
	}
}

// A quote keeps its words and distinct shingles whatever its length: at
// the edge of labelledQuote's uint16 and past it, and a quote past it is
// found again whole.
func TestQuoteLengthsRoundTrip(t *testing.T) {
	words := func(n, distinct int) string {
		ws := make([]string, n)
		for i := range ws {
			ws[i] = fmt.Sprintf("w%d", i%distinct)
		}
		return strings.Join(ws, " ")
	}
	cases := []struct {
		quote string
		want  quoteLength
	}{
		{words(3, 3), quoteLength{3, 1}},
		{words(12, 4), quoteLength{12, 4}}, // a phrase of 4 words said 3 times
		{words(longQuote-1, longQuote), quoteLength{longQuote - 1, longQuote - 3}},
		{words(longQuote, longQuote), quoteLength{longQuote, longQuote - 2}},
		{words(70_000, 70_000), quoteLength{70_000, 69_998}},
	}
	var examples []Example
	for i, c := range cases {
		examples = append(examples, Example{ArticleID: 1, ClaimID: uint64(i + 1), Quote: c.quote, Label: "denial"})
	}
	ix := NewQuoteIndex(examples)
	for i, c := range cases {
		if got := ix.length(int32(i)); got != c.want {
			t.Errorf("quote %d: %+v, want %+v", i, got, c.want)
		}
	}
	found, err := ix.findAll(context.Background(), 2, []rune(cases[4].quote))
	if err != nil {
		t.Fatal(err)
	}
	whole := false
	for _, c := range found {
		whole = whole || c.FromClaim == 5 && c.Score == 1
	}
	if !whole {
		t.Errorf("the quote of 70,000 words is not found again whole: %d candidates", len(found))
	}
}
