package storage

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// What Claimdesk needs to know of bbolt's on-disk format (go.etcd.io/bbolt
// internal/common, format version 2) to refuse a file bbolt would crash on.
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

// fileLayout is what the current meta page says about the file.
type fileLayout struct {
	pageSize int
	root     uint64 // page of the root bucket
	freelist uint64 // page of the freelist, or noFreelist
	hwm      uint64 // pages below this id are in use
	txid     uint64
}

// readLayout reads both meta pages and picks the valid one with the higher
// transaction id, as bbolt does. It fails when neither is valid.
func readLayout(f io.ReaderAt) (fileLayout, error) {
	m0, err0 := readMeta(f, 0, 0)
	m1, err1 := readMeta(f, 1, m0.pageSize)
	switch {
	case err0 != nil && err1 != nil:
		return fileLayout{}, fmt.Errorf("both meta pages are bad (%v; %v)", err0, err1)
	case err0 != nil:
		return m1, nil
	case err1 != nil || m0.txid >= m1.txid:
		return m0, nil
	}
	return m1, nil
}

// readMeta reads meta page n (0 or 1). Page 1 sits one page in, so its
// offset needs page 0's page size, or the system's when page 0 is bad.
func readMeta(f io.ReaderAt, n, pageSize int) (fileLayout, error) {
	if pageSize == 0 {
		pageSize = os.Getpagesize()
	}
	buf := make([]byte, pageHeaderSize+metaChecksumAt+8)
	if _, err := f.ReadAt(buf, int64(n*pageSize)); err != nil {
		if errors.Is(err, io.EOF) {
			return fileLayout{}, fmt.Errorf("meta page %d: file too short", n)
		}
		return fileLayout{}, fmt.Errorf("meta page %d: %w", n, err)
	}
	m := buf[pageHeaderSize:]
	h := fnv.New64a()
	h.Write(m[:metaChecksumAt])
	switch {
	case order.Uint32(m[0:]) != boltMagic:
		return fileLayout{}, fmt.Errorf("meta page %d: no BoltDB magic number", n)
	case order.Uint32(m[4:]) != boltVersion:
		return fileLayout{}, fmt.Errorf("meta page %d: BoltDB format version %d, not %d", n, order.Uint32(m[4:]), boltVersion)
	case order.Uint64(m[metaChecksumAt:]) != h.Sum64():
		return fileLayout{}, fmt.Errorf("meta page %d: checksum mismatch", n)
	}
	l := fileLayout{
		pageSize: int(order.Uint32(m[8:])),
		root:     order.Uint64(m[16:]),
		freelist: order.Uint64(m[32:]),
		hwm:      order.Uint64(m[40:]),
		txid:     order.Uint64(m[48:]),
	}
	if l.pageSize < 1024 || l.pageSize > 1<<16 || l.pageSize&(l.pageSize-1) != 0 {
		return fileLayout{}, fmt.Errorf("meta page %d: page size %d", n, l.pageSize)
	}
	return l, nil
}

// preflight refuses, before bbolt maps it, a file that would crash bbolt
// or is plainly not ours: not BoltDB at all (an article passed by mistake
// as --db), both meta pages bad, or shorter than its pages (truncated, so
// bbolt would read past the end of the file). An absent or empty file is a
// new store.
func preflight(path string) error {
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
		return notClaimdesk(path, "the file is not a BoltDB database")
	}
	l, err := readLayout(f)
	if err != nil {
		return notClaimdesk(path, "damaged: "+err.Error())
	}
	if err := checkLayout(path, l, info.Size()); err != nil {
		return err
	}
	return checkFreelist(path, f, l)
}

// checkFreelist checks the one page bbolt reads in full at Open. A file
// written without a freelist (by another program) makes bbolt rebuild it by
// walking every page on a goroutine no recover reaches, so then the whole
// structure is checked first.
func checkFreelist(path string, f io.ReaderAt, l fileLayout) error {
	var problems []error
	if l.freelist == noFreelist {
		problems = walkPages(f, l)
	} else {
		w := &pageWalker{r: f, l: l, seen: map[uint64]bool{}}
		w.checkFreelist()
		problems = w.problems
	}
	if len(problems) > 0 {
		return notClaimdesk(path, "damaged: "+problems[0].Error())
	}
	return nil
}

func checkLayout(path string, l fileLayout, size int64) error {
	switch {
	case l.hwm < 2:
		return notClaimdesk(path, fmt.Sprintf("damaged: the meta page counts %d pages", l.hwm))
	case l.hwm > uint64(size)/uint64(l.pageSize):
		return notClaimdesk(path, fmt.Sprintf("truncated: the file holds %d bytes, but its meta page counts %d pages of %d bytes", size, l.hwm, l.pageSize))
	case l.root < 2 || l.root >= l.hwm:
		return notClaimdesk(path, fmt.Sprintf("damaged: root page %d outside 2–%d", l.root, l.hwm-1))
	case l.freelist != noFreelist && (l.freelist < 2 || l.freelist >= l.hwm):
		return notClaimdesk(path, fmt.Sprintf("damaged: freelist page %d outside 2–%d", l.freelist, l.hwm-1))
	}
	return nil
}
