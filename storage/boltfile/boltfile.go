// Package boltfile reads a bbolt file's meta pages and walks its pages
// without trusting them, so a damaged file is refused before bbolt maps it.
//
// bbolt trusts the pages it maps: a damaged file makes it panic, allocate
// without bound, loop for ever or read past the end of the mapping, and some
// of that happens on goroutines of its own, where no recover reaches. So the
// little of bbolt's on-disk format (go.etcd.io/bbolt internal/common, format
// version 2) needed to tell a sound file from a damaged one is declared
// again here and read with plain reads: Preflight before bbolt opens a file,
// Verify before bbolt's own tx.Check walks one. The package knows nothing of
// what the file holds.
package boltfile

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// bbolt writes in the machine's byte order.
const (
	boltMagic        = 0xED0CDAED
	boltVersion      = 2
	pageHeaderSize   = 16 // id u64, flags u16, count u16, overflow u32
	elementSize      = 16 // branch: pos, ksize u32, pgid u64; leaf: flags, pos, ksize, vsize u32
	bucketHeaderSize = 16 // root pgid u64, sequence u64
	metaChecksumAt   = 56 // the checksum covers the meta fields before it
	noFreelist       = ^uint64(0)

	flagBranch   = 0x01
	flagLeaf     = 0x02
	flagFreelist = 0x10
	leafIsBucket = 0x01
)

var order = binary.NativeEndian

// A Refusal says why the bytes of a file are not a sound bbolt file: not
// BoltDB at all, truncated, or damaged.
type Refusal struct{ Reason string }

func (r *Refusal) Error() string { return r.Reason }

func refuse(format string, args ...any) *Refusal {
	return &Refusal{Reason: fmt.Sprintf(format, args...)}
}

// Preflight refuses, before bbolt maps it, a file that would crash bbolt or
// is plainly no bbolt file: not BoltDB at all (an article passed by mistake
// as a database), both meta pages bad, shorter than its pages (truncated, so
// bbolt would read past the end of the file), or a freelist bbolt would
// trust at Open. The error is a *Refusal for what the file's bytes say, and
// an I/O error otherwise. An absent or empty file is a new database.
func Preflight(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	if info.IsDir() {
		return fmt.Errorf("open %s: is a folder, not a database file", path)
	}
	if info.Size() == 0 {
		return nil
	}
	head := make([]byte, pageHeaderSize+4)
	if _, err := f.ReadAt(head, 0); err != nil || order.Uint32(head[pageHeaderSize:]) != boltMagic {
		return refuse("the file is not a BoltDB database")
	}
	l, err := readLayout(f)
	if err != nil {
		return refuse("damaged: %v", err)
	}
	if err := l.fits(info.Size()); err != nil {
		return err
	}
	return checkFreelist(f, l)
}

// checkFreelist checks the one page bbolt reads in full at Open. A file
// written without a freelist (by another program) makes bbolt rebuild it by
// walking every page on a goroutine no recover reaches, so then the whole
// structure is checked first.
func checkFreelist(f io.ReaderAt, l layout) error {
	var problems []error
	if l.freelist == noFreelist {
		problems = walkPages(f, l)
	} else {
		w := &pageWalker{r: f, l: l, seen: map[uint64]bool{}}
		w.checkFreelist()
		problems = w.problems
	}
	if len(problems) > 0 {
		return refuse("damaged: %v", problems[0])
	}
	return nil
}

// Verify walks every page of the file at path and returns what is wrong
// with its structure, nothing when it is sound: every page id in range and
// referenced once (so no cycle can send a reader round for ever), every
// page of the type its parent expects, every element, key and value inside
// its page. txid is the transaction whose meta page the walk must find
// current; the caller holds a transaction during which no other can commit,
// so the pages on disk stay the ones it sees. Once Verify passes, bbolt's
// own tx.Check and a cursor over every bucket are safe to run. A file too
// short for its pages is reported as a *Refusal.
func Verify(path string, txid uint64) []error {
	f, err := os.Open(path)
	if err != nil {
		return []error{err}
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return []error{err}
	}
	l, err := readLayout(f)
	if err != nil {
		return []error{err}
	}
	if l.txid != txid {
		return []error{fmt.Errorf("meta page is at transaction %d, the check at %d", l.txid, txid)}
	}
	if err := l.fits(info.Size()); err != nil {
		return []error{err}
	}
	return walkPages(f, l)
}

// layout is what the current meta page says about the file.
type layout struct {
	pageSize int
	root     uint64 // page of the root bucket
	freelist uint64 // page of the freelist, or noFreelist
	hwm      uint64 // pages below this id are in use
	txid     uint64
}

// readLayout reads both meta pages and picks the valid one with the higher
// transaction id, as bbolt does. It fails when neither is valid.
func readLayout(f io.ReaderAt) (layout, error) {
	m0, err0 := readMeta(f, 0, 0)
	m1, err1 := readMeta(f, 1, m0.pageSize)
	switch {
	case err0 != nil && err1 != nil:
		return layout{}, fmt.Errorf("both meta pages are bad (%v; %v)", err0, err1)
	case err0 != nil:
		return m1, nil
	case err1 != nil || m0.txid >= m1.txid:
		return m0, nil
	}
	return m1, nil
}

// readMeta reads meta page n (0 or 1). Page 1 sits one page in, so its
// offset needs page 0's page size, or the system's when page 0 is bad.
func readMeta(f io.ReaderAt, n, pageSize int) (layout, error) {
	if pageSize == 0 {
		pageSize = os.Getpagesize()
	}
	buf := make([]byte, pageHeaderSize+metaChecksumAt+8)
	if _, err := f.ReadAt(buf, int64(n*pageSize)); err != nil {
		if errors.Is(err, io.EOF) {
			return layout{}, fmt.Errorf("meta page %d: file too short", n)
		}
		return layout{}, fmt.Errorf("meta page %d: %w", n, err)
	}
	m := buf[pageHeaderSize:]
	h := fnv.New64a()
	h.Write(m[:metaChecksumAt])
	switch {
	case order.Uint32(m[0:]) != boltMagic:
		return layout{}, fmt.Errorf("meta page %d: no BoltDB magic number", n)
	case order.Uint32(m[4:]) != boltVersion:
		return layout{}, fmt.Errorf("meta page %d: BoltDB format version %d, not %d", n, order.Uint32(m[4:]), boltVersion)
	case order.Uint64(m[metaChecksumAt:]) != h.Sum64():
		return layout{}, fmt.Errorf("meta page %d: checksum mismatch", n)
	}
	l := layout{
		pageSize: int(order.Uint32(m[8:])),
		root:     order.Uint64(m[16:]),
		freelist: order.Uint64(m[32:]),
		hwm:      order.Uint64(m[40:]),
		txid:     order.Uint64(m[48:]),
	}
	if l.pageSize < 1024 || l.pageSize > 1<<16 || l.pageSize&(l.pageSize-1) != 0 {
		return layout{}, fmt.Errorf("meta page %d: page size %d", n, l.pageSize)
	}
	return l, nil
}

// fits refuses a layout whose pages a file of size bytes cannot hold, or
// whose root or freelist lies outside the pages in use.
func (l layout) fits(size int64) error {
	switch {
	case l.hwm < 2:
		return refuse("damaged: the meta page counts %d pages", l.hwm)
	case l.hwm > uint64(size)/uint64(l.pageSize):
		return refuse("truncated: the file holds %d bytes, but its meta page counts %d pages of %d bytes", size, l.hwm, l.pageSize)
	case l.root < 2 || l.root >= l.hwm:
		return refuse("damaged: root page %d outside 2–%d", l.root, l.hwm-1)
	case l.freelist != noFreelist && (l.freelist < 2 || l.freelist >= l.hwm):
		return refuse("damaged: freelist page %d outside 2–%d", l.freelist, l.hwm-1)
	}
	return nil
}

// pageWalker checks the page structure of a bbolt file by reading it, not
// mapping it, collecting problems rather than stopping at the first.
type pageWalker struct {
	r        io.ReaderAt
	l        layout
	seen     map[uint64]bool
	problems []error
}

// walkPages returns the structural problems of the file, none when sound.
func walkPages(r io.ReaderAt, l layout) []error {
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
