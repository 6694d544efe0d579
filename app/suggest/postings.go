package suggest

import (
	"encoding/binary"
	"iter"
)

// The quote index's postings as bytes. A shingle's holders are quotes by
// index, ascending (the order they were added), so each is kept as its
// distance from the one before as a uvarint: 1 or 2 bytes where an int32
// took 4 (at 1,000,000 claims, 1.4 bytes a posting).

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
	listBytes int // bytes of its quote lists, which merged lists never exceed
}

// encodeBlock encodes postings, sorted by shingle then quote, each pair
// once.
func encodeBlock(postings []posting) encodedBlock {
	var b encodedBlock
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
		b.listBytes += len(b.stream) - before
		b.shingles++
		prevShingle, i = h, j
	}
	b.stream = append([]byte(nil), b.stream...) // grown by appending: keep only what it holds
	return b
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
