package storage

import (
	"fmt"
	"io"
)

// pageWalker checks the page structure of a bbolt file by reading it, not
// mapping it: every page id in range and referenced once (so no cycle can
// send a reader round forever), every page of the type its parent expects,
// every element, key and value inside its page. Once it passes, bbolt's own
// tx.Check and a cursor over every bucket are safe to run; tx.Check runs on
// a goroutine of its own where no recover can reach a panic.
type pageWalker struct {
	r        io.ReaderAt
	l        fileLayout
	seen     map[uint64]bool
	problems []error
}

// walkPages returns the structural problems of the file, none when sound.
func walkPages(r io.ReaderAt, l fileLayout) []error {
	w := &pageWalker{r: r, l: l, seen: map[uint64]bool{0: true, 1: true}}
	w.checkFreelist()
	w.walkTree(l.root, "root bucket")
	return w.problems
}

func (w *pageWalker) fail(format string, args ...any) {
	w.problems = append(w.problems, fmt.Errorf(format, args...))
}

// readPage reads page id with its overflow pages and marks them seen.
func (w *pageWalker) readPage(id uint64, where string) ([]byte, bool) {
	if id < 2 || id >= w.l.hwm {
		w.fail("%s: page %d is outside 2–%d", where, id, w.l.hwm-1)
		return nil, false
	}
	head := make([]byte, pageHeaderSize)
	if _, err := w.r.ReadAt(head, int64(id)*int64(w.l.pageSize)); err != nil {
		w.fail("%s: page %d: %v", where, id, err)
		return nil, false
	}
	overflow := uint64(order.Uint32(head[12:]))
	switch {
	case order.Uint64(head) != id:
		w.fail("%s: page %d calls itself page %d", where, id, order.Uint64(head))
		return nil, false
	case id+overflow >= w.l.hwm:
		w.fail("%s: page %d runs %d pages past the end", where, id, overflow)
		return nil, false
	}
	for i := id; i <= id+overflow; i++ {
		if w.seen[i] {
			w.fail("%s: page %d is referenced twice", where, i)
			return nil, false
		}
		w.seen[i] = true
	}
	p := make([]byte, (overflow+1)*uint64(w.l.pageSize))
	if _, err := w.r.ReadAt(p, int64(id)*int64(w.l.pageSize)); err != nil {
		w.fail("%s: page %d: %v", where, id, err)
		return nil, false
	}
	return p, true
}

// checkFreelist checks that the freelist page holds what its header says
// and lists only pages in use range. bbolt reads it at Open, so a count
// gone wild would make it allocate without bound.
func (w *pageWalker) checkFreelist() {
	if w.l.freelist == noFreelist {
		return
	}
	p, ok := w.readPage(w.l.freelist, "freelist")
	if !ok {
		return
	}
	if flags := order.Uint16(p[8:]); flags != flagFreelist {
		w.fail("freelist: page %d has type flags %#x, not freelist", w.l.freelist, flags)
		return
	}
	at, count := pageHeaderSize, uint64(order.Uint16(p[10:]))
	if count == 0xFFFF {
		count, at = order.Uint64(p[pageHeaderSize:]), pageHeaderSize+8
	}
	if count > uint64(len(p)-at)/8 {
		w.fail("freelist: %d page ids do not fit page %d", count, w.l.freelist)
		return
	}
	for i := range int(count) {
		if id := order.Uint64(p[at+8*i:]); id < 2 || id >= w.l.hwm {
			w.fail("freelist: free page %d is outside 2–%d", id, w.l.hwm-1)
			return
		}
	}
}

// walkTree checks the B+tree rooted at page id.
func (w *pageWalker) walkTree(id uint64, where string) {
	p, ok := w.readPage(id, where)
	if !ok {
		return
	}
	switch flags := order.Uint16(p[8:]); flags {
	case flagBranch:
		w.walkBranch(p, id, where)
	case flagLeaf:
		w.walkLeaf(p, fmt.Sprintf("%s page %d", where, id))
	default:
		w.fail("%s: page %d has type flags %#x, not branch or leaf", where, id, flags)
	}
}

func (w *pageWalker) walkBranch(p []byte, id uint64, where string) {
	count := int(order.Uint16(p[10:]))
	if count == 0 || pageHeaderSize+count*elementSize > len(p) {
		w.fail("%s: branch page %d: %d elements do not fit", where, id, count)
		return
	}
	for i := range count {
		e := pageHeaderSize + i*elementSize
		pos, ksize := int(order.Uint32(p[e:])), int(order.Uint32(p[e+4:]))
		if e+pos+ksize > len(p) || ksize == 0 {
			w.fail("%s: branch page %d element %d: key outside the page", where, id, i)
			return
		}
		w.walkTree(order.Uint64(p[e+8:]), where)
	}
}

// walkLeaf checks a leaf page (a page of the file, or a bucket's inline
// page) and descends into the buckets it holds.
func (w *pageWalker) walkLeaf(p []byte, where string) {
	if len(p) < pageHeaderSize {
		w.fail("%s: too short for a page", where)
		return
	}
	count := int(order.Uint16(p[10:]))
	if pageHeaderSize+count*elementSize > len(p) {
		w.fail("%s: %d elements do not fit", where, count)
		return
	}
	for i := range count {
		e := pageHeaderSize + i*elementSize
		flags, pos := order.Uint32(p[e:]), int(order.Uint32(p[e+4:]))
		ksize, vsize := int(order.Uint32(p[e+8:])), int(order.Uint32(p[e+12:]))
		if e+pos+ksize+vsize > len(p) {
			w.fail("%s element %d: key or value outside the page", where, i)
			return
		}
		if flags&leafIsBucket != 0 {
			key := p[e+pos : e+pos+ksize]
			w.walkBucket(p[e+pos+ksize:e+pos+ksize+vsize], fmt.Sprintf("bucket %q", key))
		}
	}
}

func (w *pageWalker) walkBucket(v []byte, where string) {
	if len(v) < bucketHeaderSize {
		w.fail("%s: bucket header is %d bytes", where, len(v))
		return
	}
	if root := order.Uint64(v); root != 0 {
		w.walkTree(root, where)
		return
	}
	inline := v[bucketHeaderSize:]
	if len(inline) >= pageHeaderSize && order.Uint16(inline[8:]) != flagLeaf {
		w.fail("%s: inline page has type flags %#x, not leaf", where, order.Uint16(inline[8:]))
		return
	}
	w.walkLeaf(inline, where+" (inline)")
}
