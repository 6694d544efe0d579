package boltfile

import (
	"bytes"
	"fmt"
	"os"
)

// Salvage reads what can still be read of a damaged file, key by key, from
// the meta page bbolt would use, trusting no page: a page that is out of
// range, names another page, has the wrong type or is reached twice is
// passed over and named in Lost, as is a key or value that lies outside its
// page; the walk goes on with the next. The file is only read.
type Salvage struct {
	f       *os.File
	metas   metaPair
	walker  *pageWalker
	buckets map[string][]byte // each bucket of the root bucket: its header and inline page
	names   []string
}

// OpenSalvage opens the file at path for salvage. It fails only when
// neither meta page can be read, or the file cannot be; a file shorter
// than its pages gives what the pages it holds give.
func OpenSalvage(path string) (*Salvage, error) {
	f, size, err := openSized(path)
	if err != nil {
		return nil, err
	}
	metas, err := readMetas(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	l := metas.layout()
	s := &Salvage{f: f, metas: metas, buckets: map[string][]byte{}}
	s.walker = newWalker(f, l)
	if held := uint64(size) / uint64(l.pageSize); l.hwm > held {
		s.walker.fail("truncated: the file holds %d pages, its meta page counts %d: pages from %d on are lost", held, l.hwm, held)
		s.walker.l.hwm = held
	}
	s.walker.onBucket = func(name, header []byte) {
		if _, dup := s.buckets[string(name)]; !dup {
			s.names = append(s.names, string(name))
		}
		s.buckets[string(name)] = bytes.Clone(header)
	}
	s.walker.walkTree(l.root, "root bucket")
	s.walker.onBucket = nil
	return s, nil
}

// Source says which meta page, at which transaction, the salvage reads.
func (s *Salvage) Source() (metaPage int, txid uint64) {
	m := s.metas.pages[s.metas.current]
	return m.n, m.txid
}

// MetaProblems is what is wrong with the meta pages, as Verify says it.
func (s *Salvage) MetaProblems() []error { return s.metas.problems() }

// Buckets lists the buckets found in the root bucket, in key order.
func (s *Salvage) Buckets() []string { return s.names }

// Each calls fn with every key and value of bucket that can be read, in
// the order of its pages; key and value are fn's to keep. It returns the
// bucket's sequence (what NextSequence last gave) and whether the bucket
// was found. Buckets nested in it are not entered.
func (s *Salvage) Each(bucket string, fn func(key, value []byte)) (sequence uint64, found bool) {
	header, ok := s.buckets[bucket]
	if !ok {
		return 0, false
	}
	if len(header) >= bucketHeaderSize {
		sequence = order.Uint64(header[8:])
	}
	w := s.walker
	w.depth, w.visit = 1, fn
	w.walkBucket(header, fmt.Sprintf("bucket %q", bucket))
	w.depth, w.visit = 0, nil
	return sequence, true
}

// Lost names every page, key or value the salvage so far could not read.
func (s *Salvage) Lost() []error { return s.walker.problems }

// Close closes the file.
func (s *Salvage) Close() error { return s.f.Close() }
