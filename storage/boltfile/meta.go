package boltfile

import (
	"bytes"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

const (
	metaFieldsSize = metaChecksumAt + 8 // magic … txid, then the checksum
	flagMeta       = 0x04
)

// zeros is what follows the fields of a meta page: bbolt writes it from a
// zeroed buffer of a page, at most 64 KiB.
var zeros [1 << 16]byte

// metaPage is one of the two meta pages as read, sound or not.
type metaPage struct {
	n       int    // 0 or 1
	layout         // what its fields say; meaningful only when valid is nil
	rawTxid uint64 // its transaction field even when invalid: a hint of what was lost
	invalid error  // why bbolt would not use it: magic, version, checksum, page size
	page    []byte // the whole page when valid, to check what the checksum does not cover
}

// metaPair is both meta pages and the one bbolt uses.
type metaPair struct {
	pages   [2]metaPage
	current int
}

// readMetas reads both meta pages and picks the one bbolt uses: the valid
// one with the higher transaction id. It fails when neither is valid. Page 1
// sits one page in, so its offset needs page 0's page size; when page 0 is
// bad, bbolt tries every page size from 1 KiB up, and so does this.
func readMetas(f io.ReaderAt) (metaPair, error) {
	var p metaPair
	p.pages[0] = readMeta(f, 0, 0)
	if p.pages[0].invalid == nil {
		p.pages[1] = readMeta(f, 1, p.pages[0].pageSize)
	} else {
		p.pages[1] = readMeta(f, 1, os.Getpagesize())
		for size := 1024; p.pages[1].invalid != nil && size <= 1<<16; size <<= 1 {
			if m := readMeta(f, 1, size); m.invalid == nil {
				p.pages[1] = m
			}
		}
	}
	m0, m1 := p.pages[0], p.pages[1]
	switch {
	case m0.invalid != nil && m1.invalid != nil:
		if !m0.hasMagic() && !m1.hasMagic() {
			return p, refuse("the file is not a BoltDB database")
		}
		return p, refuse("damaged: both meta pages are bad (%v; %v)", m0.invalid, m1.invalid)
	case m0.invalid != nil:
		p.current = 1
	case m1.invalid != nil || m0.txid >= m1.txid:
		p.current = 0
	default:
		p.current = 1
	}
	return p, nil
}

// readMeta reads meta page n, found at n*pageSize, and says whether bbolt
// would use it. A valid page is read whole, at its own page size, so that
// headerProblems can look past its fields.
func readMeta(f io.ReaderAt, n, pageSize int) metaPage {
	m := metaPage{n: n, page: make([]byte, pageHeaderSize+metaFieldsSize)}
	at := int64(n * pageSize)
	if read, err := f.ReadAt(m.page, at); read < len(m.page) {
		m.page = m.page[:read]
		if err == nil || errors.Is(err, io.EOF) {
			m.invalid = fmt.Errorf("meta page %d: file too short", n)
		} else {
			m.invalid = fmt.Errorf("meta page %d: %w", n, err)
		}
		return m
	}
	fields := m.page[pageHeaderSize:]
	m.rawTxid = order.Uint64(fields[48:])
	h := fnv.New64a()
	h.Write(fields[:metaChecksumAt])
	switch {
	case order.Uint32(fields[0:]) != boltMagic:
		m.invalid = fmt.Errorf("meta page %d: no BoltDB magic number", n)
	case order.Uint32(fields[4:]) != boltVersion:
		m.invalid = fmt.Errorf("meta page %d: BoltDB format version %d, not %d", n, order.Uint32(fields[4:]), boltVersion)
	case order.Uint64(fields[metaChecksumAt:]) != h.Sum64():
		m.invalid = fmt.Errorf("meta page %d: checksum mismatch", n)
	}
	if m.invalid != nil {
		return m
	}
	m.layout = layout{
		pageSize: int(order.Uint32(fields[8:])),
		root:     order.Uint64(fields[16:]),
		freelist: order.Uint64(fields[32:]),
		hwm:      order.Uint64(fields[40:]),
		txid:     m.rawTxid,
	}
	if ps := m.pageSize; ps < 1024 || ps > 1<<16 || ps&(ps-1) != 0 {
		m.invalid = fmt.Errorf("meta page %d: page size %d", n, ps)
		return m
	}
	whole := make([]byte, m.pageSize)
	if read, _ := f.ReadAt(whole, at); read >= len(m.page) {
		m.page = whole[:read]
	}
	return m
}

func (m metaPage) hasMagic() bool {
	return len(m.page) >= pageHeaderSize+4 && order.Uint32(m.page[pageHeaderSize:]) == boltMagic
}

// layout is what the meta page bbolt uses says about the file.
func (p metaPair) layout() layout { return p.pages[p.current].layout }

// problems says what is wrong with either meta page, nothing for a sound
// pair. A sound file has both pages valid, one transaction apart, each on
// the page its transaction's parity puts it (bbolt writes transaction t to
// page t%2), with a header naming the page as a meta page and zeros after
// the fields, since bbolt writes a meta page from a zeroed buffer. The
// checksum covers only the fields, and bbolt trusts the rest: its own
// tx.Check panics on a meta page whose header names another page.
func (p metaPair) problems() []error {
	var problems []error
	for _, m := range p.pages {
		if m.invalid == nil {
			problems = append(problems, m.headerProblems()...)
		}
	}
	cur, other := p.pages[p.current], p.pages[1-p.current]
	switch {
	case other.invalid != nil:
		problems = append(problems, p.lostMeta())
	case cur.txid%2 != uint64(cur.n) || other.txid%2 != uint64(other.n):
		problems = append(problems, fmt.Errorf("meta pages 0 and 1 hold transactions %d and %d: each belongs on the page of its parity", p.pages[0].txid, p.pages[1].txid))
	case cur.txid != other.txid+1:
		problems = append(problems, fmt.Errorf("meta pages 0 and 1 hold transactions %d and %d, not two in a row", p.pages[0].txid, p.pages[1].txid))
	}
	return problems
}

// lostMeta words a bad meta page beside a good one: whether it held the
// newest commit, which bbolt then silently drops, can be told only from its
// transaction field, which the damage may have spared.
func (p metaPair) lostMeta() error {
	cur, bad := p.pages[p.current], p.pages[1-p.current]
	t := cur.txid
	switch bad.rawTxid {
	case t + 1:
		return fmt.Errorf("%v: it held the newest commit, transaction %d, which is lost: the file reads as it was at transaction %d (meta page %d)", bad.invalid, t+1, t, cur.n)
	case t - 1:
		return fmt.Errorf("%v: it held transaction %d, older than meta page %d's %d, so no commit is lost", bad.invalid, t-1, cur.n, t)
	}
	return fmt.Errorf("%v: the file reads as it was at transaction %d (meta page %d); if the damaged page held transaction %d, that commit is lost", bad.invalid, t, cur.n, t+1)
}

// headerProblems checks what the checksum does not cover: the page header
// and the bytes after the fields.
func (m metaPage) headerProblems() []error {
	var problems []error
	h := m.page[:pageHeaderSize]
	if id := order.Uint64(h); id != uint64(m.n) {
		problems = append(problems, fmt.Errorf("meta page %d: its header names page %d", m.n, id))
	}
	if flags := order.Uint16(h[8:]); flags != flagMeta {
		problems = append(problems, fmt.Errorf("meta page %d: type flags %#x, not meta", m.n, flags))
	}
	if count, overflow := order.Uint16(h[10:]), order.Uint32(h[12:]); count != 0 || overflow != 0 {
		problems = append(problems, fmt.Errorf("meta page %d: its header counts %d elements and %d overflow pages, not 0", m.n, count, overflow))
	}
	rest := m.page[pageHeaderSize+metaFieldsSize:]
	if !bytes.Equal(rest, zeros[:len(rest)]) {
		i := len(rest) - len(bytes.TrimLeft(rest, "\x00"))
		problems = append(problems, fmt.Errorf("meta page %d: byte %d after the meta fields is %#x, not 0", m.n, pageHeaderSize+metaFieldsSize+i, rest[i]))
	}
	return problems
}
