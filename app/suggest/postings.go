package suggest

import (
	"encoding/binary"
	"iter"
	"slices"
	"sort"
)

// The quote index's shingles and postings as bytes. A shingle's holders
// are quotes by index, ascending (the order they were added), so each is
// kept as its distance from the one before as a uvarint: 1 or 2 bytes
// where an int32 took 4 (1.4 bytes a posting on the generated store of
// 1,000,000 claims).

// quoteList is a shingle's holders, each the uvarint distance from the
// one before (the first from -1, so every distance is at least 1).
type quoteList []byte

// appendHolder appends q, which comes after prev (-1 for the first), to a
// quote list.
func appendHolder(list []byte, prev, q int32) []byte {
	return binary.AppendUvarint(list, uint64(q-prev))
}

// all is the list's quotes in order.
func (l quoteList) all() iter.Seq[int32] {
	return func(yield func(int32) bool) {
		q := int32(-1)
		for len(l) > 0 {
			d, n := binary.Uvarint(l)
			q += int32(d)
			l = l[n:]
			if !yield(q) {
				return
			}
		}
	}
}

// A postingBlock, once full, is kept as a stream of bytes: for each
// distinct shingle, ascending, its distance from the shingle before (the
// first from 0) and how many quotes hold it as uvarints, then its quote
// list. A block of a generated store, where the same phrases recur, takes
// a tenth of the 16 bytes a posting its postings took.
type encodedBlock struct {
	stream    []byte
	shingles  int // distinct shingles in the block
	listBytes int // bytes of its quote lists and their lengths, which merged lists never exceed
}

// encodeBlock encodes postings, sorted by shingle then quote, each pair
// once, in scratch, which it gives back for the next block: the block
// keeps a copy of what it holds.
func encodeBlock(postings []posting, scratch []byte) (encodedBlock, []byte) {
	b := encodedBlock{stream: scratch[:0]}
	var prevShingle uint64
	for i := 0; i < len(postings); {
		h := postings[i].shingle
		j := i + 1
		for j < len(postings) && postings[j].shingle == h {
			j++
		}
		b.stream = binary.AppendUvarint(b.stream, h-prevShingle)
		b.stream = binary.AppendUvarint(b.stream, uint64(j-i))
		before := len(b.stream)
		prev := int32(-1)
		for _, p := range postings[i:j] {
			b.stream = appendHolder(b.stream, prev, p.quote)
			prev = p.quote
		}
		// What the list and its length take in the table: a merged list's
		// length takes no more than its parts' lengths.
		var length [binary.MaxVarintLen64]byte
		b.listBytes += len(b.stream) - before + binary.PutUvarint(length[:], uint64(len(b.stream)-before))
		b.shingles++
		prevShingle, i = h, j
	}
	scratch = b.stream
	b.stream = slices.Clone(b.stream)
	return b, scratch
}

// blockReader walks an encoded block a shingle at a time: shingle and
// count are the shingle under way and how many quotes hold it, whose list
// starts the rest of stream.
type blockReader struct {
	stream   []byte
	shingle  uint64
	count    int
	order    int // the block's place: earlier blocks hold earlier quotes
	finished bool
}

// next reads the next shingle's head, or finishes the reader.
func (r *blockReader) next() {
	if len(r.stream) == 0 {
		r.finished = true
		return
	}
	d, n := binary.Uvarint(r.stream)
	count, m := binary.Uvarint(r.stream[n:])
	r.shingle += d
	r.count = int(count)
	r.stream = r.stream[n+m:]
}

// moveList appends the shingle under way's quotes to list, after prev (the
// last quote list holds for this shingle, -1 if none), and returns the
// list and the last quote appended.
func (r *blockReader) moveList(list []byte, prev int32) ([]byte, int32) {
	q := int32(-1)
	for range r.count {
		d, n := binary.Uvarint(r.stream)
		q += int32(d)
		r.stream = r.stream[n:]
		list = appendHolder(list, prev, q)
		prev = q
	}
	return list, prev
}

// postingTable is the index's distinct shingles, ascending, each with its
// quote list. Most of a real store's shingles are one quote's own (a
// quote list of 2 or 3 bytes), so what a shingle costs beside its list
// is most of the table: 7.25 bytes here, where a sorted []uint64 of
// shingles and a []uint32 of where each list starts took 12.
//
// A shingle's top 16 bits are its bucket: buckets[b] is the first shingle
// of bucket b (buckets[b+1] ends it), and mids and lows hold the next 16
// and the last 32 bits. Each list is its length in bytes, a uvarint, then
// the list; starts holds where every listsPerStart-th list starts, and a
// lookup skips at most listsPerStart-1 lists from there.
type postingTable struct {
	buckets []uint32
	mids    []uint16
	lows    []uint32
	starts  []uint32
	lists   []byte
	count   int // postings, in all the lists
}

const (
	bucketBits    = 16
	listsPerStart = 16
)

// newPostingTable makes a table of at most shingles shingles and
// listBytes bytes of lists (length prefixes included), for add.
func newPostingTable(shingles, listBytes int) postingTable {
	return postingTable{
		buckets: make([]uint32, 1<<bucketBits+1),
		mids:    make([]uint16, 0, shingles), lows: make([]uint32, 0, shingles),
		starts: make([]uint32, 0, (shingles+listsPerStart-1)/listsPerStart),
		lists:  make([]byte, 0, listBytes),
	}
}

// add appends shingle h, above all added before, with its quote list of
// count quotes.
func (t *postingTable) add(h uint64, list []byte, count int) {
	n := len(t.lows)
	if n%listsPerStart == 0 {
		t.starts = append(t.starts, uint32(len(t.lists)))
	}
	t.buckets[h>>(64-bucketBits)+1]++ // counts for now: finish sums them
	t.mids = append(t.mids, uint16(h>>32))
	t.lows = append(t.lows, uint32(h))
	t.lists = binary.AppendUvarint(t.lists, uint64(len(list)))
	t.lists = append(t.lists, list...)
	t.count += count
}

// finish turns the buckets' counts into where they start, and gives back
// what the table's slices were sized for and did not use.
func (t *postingTable) finish() {
	for b := 1; b < len(t.buckets); b++ {
		t.buckets[b] += t.buckets[b-1]
	}
	t.mids, t.lows, t.starts, t.lists = fitted(t.mids), fitted(t.lows), fitted(t.starts), fitted(t.lists)
}

// shingles is how many distinct shingles the table holds.
func (t *postingTable) shingles() int { return len(t.lows) }

// find is the index of shingle h, if the table holds it.
func (t *postingTable) find(h uint64) (int, bool) {
	b := h >> (64 - bucketBits)
	lo, hi := int(t.buckets[b]), int(t.buckets[b+1])
	mid, low := uint16(h>>32), uint32(h)
	i := lo + sort.Search(hi-lo, func(k int) bool {
		m := t.mids[lo+k]
		return m > mid || m == mid && t.lows[lo+k] >= low
	})
	return i, i < hi && t.mids[i] == mid && t.lows[i] == low
}

// list is the i-th shingle's quote list.
func (t *postingTable) list(i int) quoteList {
	at := t.starts[i/listsPerStart]
	for range i % listsPerStart {
		n, w := binary.Uvarint(t.lists[at:])
		at += uint32(w) + uint32(n)
	}
	n, w := binary.Uvarint(t.lists[at:])
	at += uint32(w)
	return quoteList(t.lists[at : at+uint32(n)])
}

// lookup lists the quotes holding shingle h, or reports that h is a set
// phrase, kept without its list (maxHolders).
func (t *postingTable) lookup(h uint64) (holders quoteList, setPhrase bool) {
	i, ok := t.find(h)
	if !ok {
		return nil, false
	}
	holders = t.list(i)
	return holders, len(holders) == 0
}

// all is the table's shingles, ascending, each with its quote list.
func (t *postingTable) all() iter.Seq2[uint64, quoteList] {
	return func(yield func(uint64, quoteList) bool) {
		at := 0
		for b := range len(t.buckets) - 1 {
			for i := t.buckets[b]; i < t.buckets[b+1]; i++ {
				n, w := binary.Uvarint(t.lists[at:])
				at += w
				h := uint64(b)<<(64-bucketBits) | uint64(t.mids[i])<<32 | uint64(t.lows[i])
				if !yield(h, quoteList(t.lists[at:at+int(n)])) {
					return
				}
				at += int(n)
			}
		}
	}
}

// memoryBytes is what the table's slices take.
func (t *postingTable) memoryBytes() int {
	return cap(t.buckets)*4 + cap(t.mids)*2 + cap(t.lows)*4 + cap(t.starts)*4 + cap(t.lists)
}
