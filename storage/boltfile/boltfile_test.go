package boltfile

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// soundFile writes, with bbolt itself, a file of several pages in every
// bucket: a bucket of 600 keys, a value longer than a page (overflow
// pages), a nested bucket small enough to live inline in its parent and
// one that is not, and freed pages. It returns the file's bytes.
func soundFile(t *testing.T, opts bolt.Options) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sound.db")
	opts.Timeout = time.Second
	db, err := bolt.Open(path, 0o600, &opts)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		many, err := tx.CreateBucket([]byte("many"))
		if err != nil {
			return err
		}
		for i := range 600 {
			if err := many.Put(fmt.Appendf(nil, "key %04d", i), bytes.Repeat([]byte{'v'}, 40+i%50)); err != nil {
				return err
			}
		}
		outer, err := tx.CreateBucket([]byte("outer"))
		if err != nil {
			return err
		}
		if err := outer.Put([]byte("long"), bytes.Repeat([]byte("Peskov denied everything. "), 800)); err != nil {
			return err
		}
		inline, err := outer.CreateBucket([]byte("inline"))
		if err != nil {
			return err
		}
		if err := inline.Put([]byte("k"), []byte("v")); err != nil {
			return err
		}
		big, err := outer.CreateBucket([]byte("big"))
		if err != nil {
			return err
		}
		for i := range 200 {
			if err := big.Put(fmt.Appendf(nil, "big %03d", i), bytes.Repeat([]byte{'b'}, 60)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		many := tx.Bucket([]byte("many"))
		for i := 0; i < 600; i += 3 {
			if err := many.Delete(fmt.Appendf(nil, "key %04d", i)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// pages is what bbolt itself says of a file: the first page of every page
// (run) in use, not a meta page and not free, with its type; the page
// size; the transaction of its current meta page; and the bytes its pages
// in use take, since bbolt grows a file ahead of use.
type pages struct {
	inUse    []int
	types    map[int]string
	pageSize int
	txid     uint64
	used     int
}

func readPages(t *testing.T, raw []byte) pages {
	t.Helper()
	path := writeFile(t, raw)
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, PreLoadFreelist: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p := pages{types: map[int]string{}, pageSize: db.Info().PageSize}
	err = db.View(func(tx *bolt.Tx) error {
		p.txid, p.used = uint64(tx.ID()), int(tx.Size())
		for id := 2; ; {
			info, err := tx.Page(id)
			if info == nil || err != nil {
				return err
			}
			step := 1
			if info.Type != "free" {
				p.inUse = append(p.inUse, id)
				p.types[id] = info.Type
				step += info.OverflowCount
			}
			id += step
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func writeFile(t *testing.T, raw []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "file.db")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// garble returns a copy of raw with each [from, to) range overwritten.
func garble(raw []byte, ranges ...int) []byte {
	out := bytes.Clone(raw)
	for i := 0; i+1 < len(ranges); i += 2 {
		for j := ranges[i]; j < ranges[i+1] && j < len(out); j++ {
			out[j] ^= 0xA5
		}
	}
	return out
}

// wantRefusal fails unless err is a *Refusal whose reason says says.
func wantRefusal(t *testing.T, err error, says string) {
	t.Helper()
	var r *Refusal
	if !errors.As(err, &r) {
		t.Fatalf("got %v, want a *Refusal saying %q", err, says)
	}
	if !strings.Contains(r.Reason, says) {
		t.Errorf("refusal %q does not say %q", r.Reason, says)
	}
}

func TestPreflightRefuses(t *testing.T) {
	base := soundFile(t, bolt.Options{})
	p := readPages(t, base)
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 8192)
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	tests := []struct {
		name string
		raw  []byte
		says string
	}{
		{"random bytes", random, "the file is not a BoltDB database"},
		{"an article", []byte("Kremlin Denies Interfering in U.S. Election Campaign\n"), "the file is not a BoltDB database"},
		{"a few bytes", []byte("hi"), "the file is not a BoltDB database"},
		{"truncated to 100 bytes", base[:100], "truncated: the file holds 100 bytes"},
		{"truncated after the meta pages", base[:2*p.pageSize+100], "truncated: the file holds"},
		{"truncated in half", base[:len(base)/2], "truncated"},
		{"one byte short of its pages", base[:p.used-1], "truncated"},
		{"both meta pages garbled", garble(base, 40, 100, p.pageSize+40, p.pageSize+100), "both meta pages are bad"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantRefusal(t, Preflight(writeFile(t, tt.raw)), tt.says)
		})
	}
}

func TestPreflightAccepts(t *testing.T) {
	dir := t.TempDir()
	if err := Preflight(filepath.Join(dir, "absent.db")); err != nil {
		t.Errorf("an absent file is a new database: %v", err)
	}
	if err := Preflight(writeFile(t, nil)); err != nil {
		t.Errorf("an empty file is a new database: %v", err)
	}
	if err := Preflight(writeFile(t, soundFile(t, bolt.Options{}))); err != nil {
		t.Errorf("a sound file: %v", err)
	}
	err := Preflight(dir)
	var r *Refusal
	if err == nil || errors.As(err, &r) || !strings.Contains(err.Error(), "is a folder") {
		t.Errorf("Preflight(folder) = %v, want an error that is not a refusal of the bytes", err)
	}
}

// bbolt keeps two meta pages and uses the valid one with the higher
// transaction id: with one garbled, the file still opens, from the other,
// but it is damaged, and a garbled newest page has lost the last commit.
func TestOneBadMetaPage(t *testing.T) {
	base := soundFile(t, bolt.Options{})
	p := readPages(t, base)
	newest := int(p.txid % 2)
	for _, meta := range []int{0, 1} {
		raw := garble(base, meta*p.pageSize+40, meta*p.pageSize+60) // past the magic number, before the txid
		l, err := readLayout(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("meta page %d garbled: %v", meta, err)
		}
		wantTxid, says := p.txid, "older than meta page"
		if meta == newest {
			wantTxid, says = p.txid-1, fmt.Sprintf("it held the newest commit, transaction %d, which is lost", p.txid)
		}
		if l.txid != wantTxid {
			t.Errorf("meta page %d garbled: layout of transaction %d, want %d", meta, l.txid, wantTxid)
		}
		path := writeFile(t, raw)
		if err := Preflight(path); err != nil {
			t.Errorf("meta page %d garbled: Preflight: %v", meta, err)
		}
		metas, pages := Verify(path, l.txid)
		if len(pages) > 0 {
			t.Errorf("meta page %d garbled: the pages are sound, yet Verify says %v", meta, pages)
		}
		wantProblem(t, metas, fmt.Sprintf("meta page %d: checksum mismatch", meta), says)
		wantProblem(t, QuickCheck(path), fmt.Sprintf("meta page %d: checksum mismatch", meta))
	}
}

// wantProblem fails unless one of problems says every one of says.
func wantProblem(t *testing.T, problems []error, says ...string) {
	t.Helper()
	for _, err := range problems {
		all := true
		for _, s := range says {
			all = all && strings.Contains(err.Error(), s)
		}
		if all {
			return
		}
	}
	t.Errorf("problems %v: none says %q", problems, says)
}

func TestVerifySoundFile(t *testing.T) {
	for name, opts := range map[string]bolt.Options{"with a freelist": {}, "without a freelist": {NoFreelistSync: true}} {
		raw := soundFile(t, opts)
		p := readPages(t, raw)
		path := writeFile(t, raw)
		if metas, pages := Verify(path, p.txid); len(metas)+len(pages) > 0 {
			t.Errorf("%s: Verify of a sound file: %v %v", name, metas, pages)
		}
		if problems := QuickCheck(path); len(problems) > 0 {
			t.Errorf("%s: QuickCheck of a sound file: %v", name, problems)
		}
		_, problems := Verify(path, p.txid+1)
		if len(problems) != 1 || !strings.Contains(problems[0].Error(), fmt.Sprintf("meta page is at transaction %d, the check at %d", p.txid, p.txid+1)) {
			t.Errorf("%s: Verify at a later transaction = %v, want the mismatch named", name, problems)
		}
	}
}

func TestVerifyRefusesATruncatedFile(t *testing.T) {
	raw := soundFile(t, bolt.Options{})
	p := readPages(t, raw)
	_, problems := Verify(writeFile(t, raw[:p.used-p.pageSize]), p.txid)
	if len(problems) != 1 {
		t.Fatalf("Verify = %v, want one problem", problems)
	}
	wantRefusal(t, problems[0], "truncated")
}

// TestVerifyFindsEveryGarbledPage garbles the header of each page in use,
// one page at a time: the walk must name every one.
func TestVerifyFindsEveryGarbledPage(t *testing.T) {
	base := soundFile(t, bolt.Options{})
	p := readPages(t, base)
	if len(p.inUse) < 10 {
		t.Fatalf("only %d pages in use; the file is too small to mean much", len(p.inUse))
	}
	for _, id := range p.inUse {
		at := id * p.pageSize
		_, problems := Verify(writeFile(t, garble(base, at, at+pageHeaderSize)), p.txid)
		if len(problems) == 0 {
			t.Errorf("%s page %d garbled, yet Verify found nothing", p.types[id], id)
		}
	}
}

// Without a freelist bbolt rebuilds one at Open by walking every page on a
// goroutine of its own, so Preflight walks them first.
func TestPreflightWalksAFileWithoutFreelist(t *testing.T) {
	base := soundFile(t, bolt.Options{NoFreelistSync: true})
	p := readPages(t, base)
	leaf := -1
	for _, id := range p.inUse {
		if p.types[id] == "leaf" {
			leaf = id
		}
	}
	if leaf < 0 {
		t.Fatal("the file has no leaf page")
	}
	raw := garble(base, leaf*p.pageSize, leaf*p.pageSize+pageHeaderSize)
	wantRefusal(t, Preflight(writeFile(t, raw)), "damaged:")
}

// firstBranch returns the first branch page in use with at least two
// elements, and its page's offset in the file.
func firstBranch(t *testing.T, raw []byte, p pages) (id, at int) {
	t.Helper()
	for _, id := range p.inUse {
		at := id * p.pageSize
		if p.types[id] == "branch" && order.Uint16(raw[at+10:]) >= 2 {
			return id, at
		}
	}
	t.Fatal("the file has no branch page of two elements")
	return 0, 0
}

// A page reached twice, or a branch that points at itself, would send a
// reader round for ever; the walk stops at the second visit.
func TestVerifyFindsPagesReachedTwice(t *testing.T) {
	base := soundFile(t, bolt.Options{})
	p := readPages(t, base)
	id, at := firstBranch(t, base, p)
	child := func(raw []byte, i int) []byte { return raw[at+pageHeaderSize+i*elementSize+8:] }

	twice := bytes.Clone(base)
	order.PutUint64(child(twice, 1), order.Uint64(child(twice, 0)))
	cycle := bytes.Clone(base)
	order.PutUint64(child(cycle, 0), uint64(id))
	for name, raw := range map[string][]byte{"two elements, one child": twice, "a branch its own child": cycle} {
		_, problems := Verify(writeFile(t, raw), p.txid)
		if len(problems) == 0 || !strings.Contains(errors.Join(problems...).Error(), "is referenced twice") {
			t.Errorf("%s: Verify = %v, want a page referenced twice", name, problems)
		}
	}
}

// bbolt reads the whole freelist at Open and allocates what its count
// says; a count gone wild is refused before.
func TestPreflightRefusesAWildFreelist(t *testing.T) {
	base := soundFile(t, bolt.Options{})
	l, err := readLayout(bytes.NewReader(base))
	if err != nil {
		t.Fatal(err)
	}
	raw := bytes.Clone(base)
	at := int(l.freelist) * l.pageSize
	order.PutUint16(raw[at+10:], 0xFFFF) // the count is in the first id slot
	order.PutUint64(raw[at+pageHeaderSize:], 1<<40)
	wantRefusal(t, Preflight(writeFile(t, raw)), "page ids do not fit page")
}

// TestEveryMetaBitFlipped flips bits of both meta pages, one at a time:
// every bit of the header and the fields, and in the zeros after them one
// bit of every byte (they are compared as a whole, so a bit a byte shows
// that every byte is looked at, at an eighth of the cost under -race).
// bbolt either falls back to the other page or trusts a page whose header
// or padding the checksum does not cover, so the meta pages' problems
// (which QuickCheck and Verify report first) must name every flip, and the
// file must still be readable from the other page. Only the meta pages are
// read here; storage's damage test opens and writes such files.
func TestEveryMetaBitFlipped(t *testing.T) {
	base := soundFile(t, bolt.Options{})
	p := readPages(t, base)
	raw := bytes.Clone(base)
	r := bytes.NewReader(raw)
	flip := func(meta, byteAt, bit int) {
		at := meta*p.pageSize + byteAt
		raw[at] ^= 1 << bit
		defer func() { raw[at] ^= 1 << bit }()
		pair, err := readMetas(r)
		if err != nil {
			t.Fatalf("meta page %d, byte %d bit %d flipped: %v; the other page is sound", meta, byteAt, bit, err)
		}
		if len(pair.problems()) == 0 {
			t.Fatalf("meta page %d, byte %d bit %d flipped: no problem found", meta, byteAt, bit)
		}
	}
	for meta := range 2 {
		for byteAt := range p.pageSize {
			if byteAt < pageHeaderSize+metaFieldsSize {
				for bit := range 8 {
					flip(meta, byteAt, bit)
				}
			} else {
				flip(meta, byteAt, byteAt%8)
			}
		}
	}
}

// A named pipe given as a database would block the reader until something
// writes to it: it is refused from its file type, before it is opened.
func TestPreflightRefusesAPipe(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pipe.db")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- Preflight(path) }()
	select {
	case err := <-done:
		wantRefusal(t, err, "a named pipe (FIFO), not a regular file")
	case <-time.After(5 * time.Second):
		t.Fatal("Preflight blocked on a named pipe")
	}
}

// bbolt opens a file whose first meta page is zeroed from the second, so it
// is no foreign file: the layout comes from page 1 and the damage is named.
func TestZeroedFirstMetaPage(t *testing.T) {
	base := soundFile(t, bolt.Options{})
	p := readPages(t, base)
	raw := bytes.Clone(base)
	clear(raw[:p.pageSize])
	path := writeFile(t, raw)
	if err := Preflight(path); err != nil {
		t.Fatalf("Preflight: %v", err)
	}
	l, err := readLayout(bytes.NewReader(raw))
	if err != nil || l.pageSize != p.pageSize || l.txid%2 != 1 {
		t.Fatalf("layout %+v, %v: want page 1's, page size %d", l, err, p.pageSize)
	}
	wantProblem(t, QuickCheck(path), "meta page 0: no BoltDB magic number")
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatalf("bbolt itself opens it: %v", err)
	}
	db.Close()
}

// The meta page header is outside the checksum, and bbolt's tx.Check
// asserts on it from a goroutine of its own: a damaged header is named.
func TestMetaPageHeaderDamaged(t *testing.T) {
	base := soundFile(t, bolt.Options{})
	p := readPages(t, base)
	for _, tt := range []struct {
		at   int
		says string
	}{
		{0, "meta page 0: its header names page"},
		{p.pageSize + 8, "meta page 1: type flags"},
		{p.pageSize + 12, "meta page 1: its header counts 0 elements and 165 overflow pages"},
		{p.pageSize - 1, "meta page 0: byte " + fmt.Sprint(p.pageSize-1) + " after the meta fields is 0xa5"},
	} {
		path := writeFile(t, garble(base, tt.at, tt.at+1))
		metas, pages := Verify(path, p.txid)
		if len(pages) > 0 {
			t.Errorf("%s: Verify found page problems: %v", tt.says, pages)
		}
		wantProblem(t, metas, tt.says)
	}
}
