package boltfile

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
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
// transaction id: one garbled meta page is no damage.
func TestOneBadMetaPageFallsBack(t *testing.T) {
	base := soundFile(t, bolt.Options{})
	p := readPages(t, base)
	for _, meta := range []int{0, 1} {
		raw := garble(base, meta*p.pageSize+40, meta*p.pageSize+100) // past the magic number
		l, err := readLayout(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("meta page %d garbled: %v", meta, err)
		}
		if l.txid != p.txid && l.txid != p.txid-1 {
			t.Errorf("meta page %d garbled: layout of transaction %d, want %d or the one before", meta, l.txid, p.txid)
		}
		path := writeFile(t, raw)
		if err := Preflight(path); err != nil {
			t.Errorf("meta page %d garbled: Preflight: %v", meta, err)
		}
		if problems := Verify(path, l.txid); len(problems) > 0 {
			t.Errorf("meta page %d garbled: Verify: %v", meta, problems)
		}
	}
}

func TestVerifySoundFile(t *testing.T) {
	for name, opts := range map[string]bolt.Options{"with a freelist": {}, "without a freelist": {NoFreelistSync: true}} {
		raw := soundFile(t, opts)
		p := readPages(t, raw)
		path := writeFile(t, raw)
		if problems := Verify(path, p.txid); len(problems) > 0 {
			t.Errorf("%s: Verify of a sound file: %v", name, problems)
		}
		problems := Verify(path, p.txid+1)
		if len(problems) != 1 || !strings.Contains(problems[0].Error(), fmt.Sprintf("meta page is at transaction %d, the check at %d", p.txid, p.txid+1)) {
			t.Errorf("%s: Verify at a later transaction = %v, want the mismatch named", name, problems)
		}
	}
}

func TestVerifyRefusesATruncatedFile(t *testing.T) {
	raw := soundFile(t, bolt.Options{})
	p := readPages(t, raw)
	problems := Verify(writeFile(t, raw[:p.used-p.pageSize]), p.txid)
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
		problems := Verify(writeFile(t, garble(base, at, at+pageHeaderSize)), p.txid)
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
		problems := Verify(writeFile(t, raw), p.txid)
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
