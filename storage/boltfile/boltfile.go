// Package boltfile reads a bbolt file's meta pages and walks its pages
// without trusting them, so a damaged file is refused before bbolt maps it.
//
// bbolt trusts the pages it maps: a damaged file makes it panic, allocate
// without bound, loop for ever or read past the end of the mapping, and some
// of that happens on goroutines of its own, where no recover reaches. So the
// little of bbolt's on-disk format (go.etcd.io/bbolt internal/common, format
// version 2) needed to tell a sound file from a damaged one is declared
// again here and read with plain reads: Preflight before bbolt opens a file,
// QuickCheck before a file is written, Verify before bbolt's own tx.Check
// walks one, and Salvage to read, key by key, what a damaged file still
// holds. The package knows nothing of what the file holds.
package boltfile

import (
	"encoding/binary"
	"errors"
	"fmt"
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
// is plainly no bbolt file: not a regular file (a named pipe would block
// the reader for ever, holding the lock), not BoltDB at all (an article
// passed by mistake as a database), both meta pages bad, shorter than its
// pages (truncated, so bbolt would read past the end of the file), or a
// freelist bbolt would trust at Open. The error is a *Refusal for what the
// file is, and an I/O error otherwise. An absent or empty file is a new
// database.
func Preflight(path string) error {
	// Stat before opening: opening a named pipe waits for a writer.
	info, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	if info.IsDir() {
		return fmt.Errorf("open %s: is a folder, not a database file", path)
	}
	if !info.Mode().IsRegular() {
		return refuse("%s, not a regular file", fileKind(info.Mode()))
	}
	if info.Size() == 0 {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	metas, err := readMetas(f)
	if err != nil {
		return err
	}
	l := metas.layout()
	if err := l.fits(info.Size()); err != nil {
		return err
	}
	return checkFreelist(f, l)
}

// fileKind names what a file that is not a regular file is.
func fileKind(mode os.FileMode) string {
	switch {
	case mode&os.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case mode&os.ModeSocket != 0:
		return "a socket"
	case mode&os.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// checkFreelist checks the one page bbolt reads in full at Open. A file
// written without a freelist (by another program) makes bbolt rebuild it by
// walking every page on a goroutine no recover reaches, so then the whole
// structure is checked first.
func checkFreelist(f io.ReaderAt, l layout) error {
	var problems []error
	if l.freelist == noFreelist {
		problems = walkPages(f, l, false)
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
// with it, nothing when it is sound. metas is what is wrong with the meta
// pages (as QuickCheck says), pages what is wrong with the pages the
// current meta page leads to: every page id in range and referenced once
// (so no cycle can send a reader round for ever), every page of the type
// its parent expects, every element, key and value inside its page. txid
// is the transaction whose meta page the walk must find current; the
// caller holds a transaction during which no other can commit, so the
// pages on disk stay the ones it sees. Once pages is empty, a cursor over
// every bucket is safe to run; bbolt's own tx.Check needs metas empty too,
// since it trusts the meta pages' headers. A file too short for its pages
// is reported as a *Refusal.
func Verify(path string, txid uint64) (metas, pages []error) {
	f, size, err := openSized(path)
	if err != nil {
		return nil, []error{err}
	}
	defer f.Close()
	pair, err := readMetas(f)
	if err != nil {
		return nil, []error{err}
	}
	l := pair.layout()
	if l.txid != txid {
		return nil, []error{fmt.Errorf("meta page is at transaction %d, the check at %d", l.txid, txid)}
	}
	if err := l.fits(size); err != nil {
		return pair.problems(), []error{err}
	}
	return pair.problems(), walkPages(f, l, false)
}

// QuickCheck is the part of Verify cheap enough to run at every Open for
// writing: both meta pages sound and one transaction apart, the freelist,
// the root bucket and the root page of every bucket in it. bbolt writes
// through these, so damage there spreads: a bad newest meta page makes
// bbolt write over the commit it lost, a bad freelist hands out pages in
// use. Damage deeper in the tree is Verify's to find.
func QuickCheck(path string) []error {
	f, size, err := openSized(path)
	if err != nil {
		return []error{err}
	}
	defer f.Close()
	return quickCheck(f, size)
}

func quickCheck(r io.ReaderAt, size int64) []error {
	pair, err := readMetas(r)
	if err != nil {
		return []error{err}
	}
	problems := pair.problems()
	l := pair.layout()
	if err := l.fits(size); err != nil {
		return append(problems, err)
	}
	return append(problems, walkPages(r, l, true)...)
}

// openSized opens a regular file for reading, and gives its size. The
// type is checked first: opening a named pipe waits for a writer.
func openSized(path string) (*os.File, int64, error) {
	if info, err := os.Stat(path); err != nil {
		return nil, 0, err
	} else if !info.Mode().IsRegular() && !info.IsDir() {
		return nil, 0, refuse("%s, not a regular file", fileKind(info.Mode()))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	return f, info.Size(), nil
}

// layout is what a meta page says about the file.
type layout struct {
	pageSize int
	root     uint64 // page of the root bucket
	freelist uint64 // page of the freelist, or noFreelist
	hwm      uint64 // pages below this id are in use
	txid     uint64
}

// readLayout is the layout of the meta page bbolt uses.
func readLayout(f io.ReaderAt) (layout, error) {
	p, err := readMetas(f)
	return p.layout(), err
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
// mapping it, collecting problems rather than stopping at the first, and
// going on past a bad element or page to the next, so that a salvage gets
// everything that can still be read.
type pageWalker struct {
	r        io.ReaderAt
	l        layout
	seen     map[uint64]bool
	problems []error

	// depth counts the buckets entered below the root bucket.
	depth int
	// shallow stops at the root page of each bucket below the root bucket:
	// QuickCheck.
	shallow bool
	// onBucket, when set, is given each bucket of the root bucket instead
	// of the walk entering it: a salvage's list of buckets.
	onBucket func(name, header []byte)
	// visit, when set, is given each key and value of the bucket walked,
	// and nested buckets are not entered: a salvage of one bucket.
	visit func(key, value []byte)
}

// walkPages returns the structural problems of the file, none when sound;
// shallow walks only as far as QuickCheck does.
func walkPages(r io.ReaderAt, l layout, shallow bool) []error {
	w := newWalker(r, l)
	w.shallow = shallow
	w.checkFreelist()
	w.walkTree(l.root, "root bucket")
	return w.problems
}

func newWalker(r io.ReaderAt, l layout) *pageWalker {
	return &pageWalker{r: r, l: l, seen: map[uint64]bool{0: true, 1: true}}
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
// and lists only pages in use range, each once. bbolt reads it at Open, so
// a count gone wild would make it allocate without bound, and hands its
// pages out to writes.
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
	free := make(map[uint64]bool, count)
	for i := range int(count) {
		id := order.Uint64(p[at+8*i:])
		switch {
		case id < 2 || id >= w.l.hwm:
			w.fail("freelist: free page %d is outside 2–%d", id, w.l.hwm-1)
			return
		case free[id]:
			w.fail("freelist: page %d is listed twice", id)
			return
		}
		free[id] = true
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
			continue
		}
		if !w.shallow || w.depth == 0 {
			w.walkTree(order.Uint64(p[e+8:]), where)
		}
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
	if fit := (len(p) - pageHeaderSize) / elementSize; count > fit {
		w.fail("%s: %d elements do not fit", where, count)
		count = fit // a salvage reads what there is
	}
	for i := range count {
		e := pageHeaderSize + i*elementSize
		flags, pos := order.Uint32(p[e:]), int(order.Uint32(p[e+4:]))
		ksize, vsize := int(order.Uint32(p[e+8:])), int(order.Uint32(p[e+12:]))
		if pos < 0 || ksize < 0 || vsize < 0 || e+pos+ksize+vsize > len(p) {
			w.fail("%s element %d: key or value outside the page", where, i)
			continue
		}
		key, value := p[e+pos:e+pos+ksize], p[e+pos+ksize:e+pos+ksize+vsize]
		switch {
		case flags&leafIsBucket != 0:
			w.enterBucket(key, value)
		case w.visit != nil:
			w.visit(key, value)
		}
	}
}

func (w *pageWalker) enterBucket(name, header []byte) {
	switch {
	case w.onBucket != nil && w.depth == 0:
		w.onBucket(name, header)
	case w.visit != nil, w.shallow && w.depth > 0:
	default:
		w.depth++
		w.walkBucket(header, fmt.Sprintf("bucket %q", name))
		w.depth--
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
