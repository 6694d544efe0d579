package storage

import (
	"bytes"
	"encoding/binary"
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

// damagedStoreBase builds a real store with several pages in every bucket, an
// article longer than a page (overflow pages) and freed pages, closes it,
// and returns its bytes.
func damagedStoreBase(t *testing.T) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "base.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	long := mustAddArticle(t, s, strings.Repeat("Peskov denied everything again. ", 400))
	short := mustAddArticle(t, s, seedText(t))
	var claims []Claim
	for i := range 300 {
		art, start := long, (i*7)%12000
		if i%3 == 0 {
			art, start = short, i%1500
		}
		claims = append(claims, Claim{ArticleID: art.ID, Start: start, End: start + 5, Label: "denial", Note: fmt.Sprintf("note %d %s", i, strings.Repeat("x", 240))})
	}
	if _, err := s.AddClaims(claims); err != nil {
		t.Fatal(err)
	}
	for id := uint64(1); id <= 40; id++ {
		if _, err := s.DeleteClaim(id); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Check(); err != nil {
		t.Fatalf("the base store is not clean: %v", err)
	}
	return closedFile(t, s, path)
}

// closedFile closes s and returns the bytes of its file at path.
func closedFile(t *testing.T, s *Store, path string) []byte {
	t.Helper()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// pagesInUse lists the first page of every page (run) that is in use: not
// a meta page, not free; and how many bytes of the file the pages in use
// take, since bbolt grows the file ahead of use.
func pagesInUse(t *testing.T, raw []byte) (pages []int, pageSize, used int) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pages.db")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, PreLoadFreelist: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.View(func(tx *bolt.Tx) error {
		used = int(tx.Size())
		for id := 2; ; {
			info, err := tx.Page(id)
			if info == nil || err != nil {
				return err
			}
			step := 1
			if info.Type != "free" {
				pages = append(pages, id)
				step += info.OverflowCount
			}
			id += step
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages, db.Info().PageSize, used
}

// openDamaged opens a damaged copy and uses it the way the program does. It
// fails the test only by crashing; it returns the first error met.
func openDamaged(t *testing.T, raw []byte) error {
	t.Helper()
	path := filepath.Join(t.TempDir(), "damaged.db")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		if !errors.Is(err, ErrNotClaimdesk) && !errors.Is(err, ErrDamaged) {
			t.Errorf("Open: %v, want ErrNotClaimdesk or ErrDamaged", err)
		}
		// A refusal must let go of the file: a second try gets the same answer, not ErrLocked.
		if _, again := OpenWith(path, Options{Timeout: 100 * time.Millisecond}); errors.Is(again, ErrLocked) {
			t.Errorf("after a refused Open the file stays locked: %v", again)
		}
		return err
	}
	defer s.Close()
	var errs []error
	_, err = s.ArticleSummaries()
	errs = append(errs, err)
	for id := uint64(1); id <= 3; id++ {
		_, err = s.Claims(id)
		errs = append(errs, err)
	}
	_, err = s.Stats()
	errs = append(errs, err)
	_, err = s.Labels()
	errs = append(errs, err)
	err = s.Check()
	if err != nil && !errors.Is(err, ErrDamaged) {
		t.Errorf("Check: %v, want ErrDamaged", err)
	}
	errs = append(errs, err)
	return errors.Join(errs...)
}

// TestOpenRefusesForeignFiles checks how Open words what boltfile.Preflight
// finds (boltfile's tests go through every case): the path, "not a
// claimdesk database" and why, with the file left as it was.
func TestOpenRefusesForeignFiles(t *testing.T) {
	base := damagedStoreBase(t)
	_, pageSize, used := pagesInUse(t, base)
	tests := []struct {
		name string
		raw  []byte
		says string
	}{
		{"an article", []byte("Kremlin Denies Interfering in U.S. Election Campaign\n"), "not a BoltDB database"},
		{"one byte short of its pages", base[:used-1], "truncated"},
		{"both meta pages garbled", garble(base, 40, 100, pageSize+40, pageSize+100), "both meta pages are bad"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "claimdesk.db")
			if err := os.WriteFile(path, tt.raw, 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := Open(path)
			wantErr(t, err, ErrNotClaimdesk, path, "not a claimdesk database", tt.says)
			if after, _ := os.ReadFile(path); !bytes.Equal(after, tt.raw) {
				t.Error("Open changed a file it refused")
			}
		})
	}
}

func randomBytes(rng *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
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

func TestOpenRefusesAnotherProgramsBolt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.db")
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("widgets"))
		if err != nil {
			return err
		}
		return b.Put([]byte("w1"), []byte("a widget"))
	})
	before, _ := os.ReadFile(path)
	_, err := Open(path)
	wantErr(t, err, ErrNotClaimdesk, path, "a BoltDB file of another program")
	_, err = OpenWith(path, Options{ReadOnly: true})
	wantErr(t, err, ErrNotClaimdesk, path)
	if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
		t.Error("Open wrote into another program's database")
	}
}

// TestEveryPageDamaged garbles the header of each page in use, one page at
// a time: Open or Check must say so, and nothing may crash.
func TestEveryPageDamaged(t *testing.T) {
	base := damagedStoreBase(t)
	pages, size, _ := pagesInUse(t, base)
	if len(pages) < 20 {
		t.Fatalf("only %d pages in use; the base store is too small to mean much", len(pages))
	}
	for _, id := range pages {
		if err := openDamaged(t, garble(base, id*size, id*size+16)); err == nil {
			t.Errorf("page %d garbled, yet Open, reads and Check found nothing", id)
		}
	}
}

// TestFlippedBytes flips bytes in the middle of pages in use, as a bad disk
// would: never a crash, and any error is one of ours. Not every flip can be
// found: bbolt keeps no checksum on its pages, and a flip inside a claim's
// note or in the slack at a page's end leaves a valid store; flips in page
// headers, keys, JSON syntax, article text (hashed) and quotes (checked
// against the text) are found.
func TestFlippedBytes(t *testing.T) {
	base := damagedStoreBase(t)
	pages, size, _ := pagesInUse(t, base)
	rng := rand.New(rand.NewPCG(7, 7))
	found := 0
	const rounds = 60
	for range rounds {
		raw := bytes.Clone(base)
		at := pages[rng.IntN(len(pages))]*size + rng.IntN(size-64)
		for i := range 32 {
			raw[at+i] ^= byte(1 + rng.IntN(255))
		}
		if openDamaged(t, raw) != nil {
			found++
		}
	}
	if found == 0 {
		t.Errorf("damage found in none of %d flipped files", rounds)
	}
	t.Logf("damage found in %d of %d flipped files", found, rounds)
}

// TestMiddleOfStoreOverwritten overwrites the page in the middle of a real
// store with random bytes.
func TestMiddleOfStoreOverwritten(t *testing.T) {
	base := damagedStoreBase(t)
	pages, size, _ := pagesInUse(t, base)
	mid := pages[len(pages)/2]
	raw := bytes.Clone(base)
	copy(raw[mid*size:], randomBytes(rand.New(rand.NewPCG(3, 4)), size))
	err := openDamaged(t, raw)
	if err == nil {
		t.Fatalf("page %d overwritten, yet nothing was found", mid)
	}
	t.Logf("page %d overwritten: %v", mid, err)
}

// TestOpenSaysWhatAFileIs: an empty file read-only is named as such (bbolt
// would fail to write a new database into it: "bad file descriptor"), and
// a named pipe is refused before it is opened, which would wait for ever.
func TestOpenSaysWhatAFileIs(t *testing.T) {
	empty := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := OpenWith(empty, Options{ReadOnly: true})
	wantErr(t, err, ErrNotClaimdesk, empty, "an empty file, 0 bytes")
	if info, _ := os.Stat(empty); info.Size() != 0 {
		t.Error("a read-only open wrote into the empty file")
	}

	pipe := filepath.Join(t.TempDir(), "pipe.db")
	if err := syscall.Mkfifo(pipe, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	for _, readOnly := range []bool{true, false} {
		done := make(chan error, 1)
		go func() {
			_, err := OpenWith(pipe, Options{ReadOnly: readOnly})
			done <- err
		}()
		select {
		case err := <-done:
			wantErr(t, err, ErrNotClaimdesk, pipe, "a named pipe (FIFO), not a regular file")
		case <-time.After(5 * time.Second):
			t.Fatal("Open blocked on a named pipe")
		}
	}
}

// TestBucketNameFlipped flips a bit in the name of each of the store's
// buckets where the file keeps it: the store then holds a bucket that is
// not Claimdesk's and lacks one of its own. Opening it for writing must
// refuse, not "migrate" by creating the lost bucket empty, and a
// read-only open must say the same; the file stays as it was.
func TestBucketNameFlipped(t *testing.T) {
	base, pageSize := smallStore(t)
	for _, name := range allBuckets {
		t.Run(string(name), func(t *testing.T) {
			root := rootPageAt(t, base)
			at := bytes.Index(base[root:root+pageSize], name)
			if at < 0 {
				t.Fatalf("bucket name %q not in the root page", name)
			}
			at += root
			raw := bytes.Clone(base)
			raw[at+len(name)-1] ^= 0x02
			path := filepath.Join(t.TempDir(), "flipped.db")
			if err := os.WriteFile(path, raw, 0o600); err != nil {
				t.Fatal(err)
			}
			for _, readOnly := range []bool{true, false} {
				s, err := OpenWith(path, Options{ReadOnly: readOnly})
				if err == nil {
					s.Close()
					t.Fatalf("read-only %v: opened a store whose bucket %q lost its name", readOnly, name)
				}
				if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "is not one of Claimdesk's") || !strings.Contains(err.Error(), string(name)) {
					t.Errorf("read-only %v: %v, want ErrDamaged naming the foreign and the missing bucket", readOnly, err)
				}
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(after, raw) {
				t.Error("a refused Open changed the file")
			}
		})
	}
}

// rootPageAt is where, in the file raw, the page of the root bucket (the
// one naming every other bucket) starts, read from the newer meta page:
// older copies of it lie in freed pages.
func rootPageAt(t *testing.T, raw []byte) int {
	t.Helper()
	_, pageSize, _ := pagesInUse(t, raw)
	// A meta page: a 16-byte page header, then magic, version, page size
	// and flags (4 bytes each), the root bucket's page id (8), its
	// sequence (8), the freelist's page id (8), the high water mark (8)
	// and the transaction id (8).
	const rootAt, txidAt = 32, 80
	newer := 0
	if binary.LittleEndian.Uint64(raw[pageSize+txidAt:]) > binary.LittleEndian.Uint64(raw[txidAt:]) {
		newer = 1
	}
	return int(binary.LittleEndian.Uint64(raw[newer*pageSize+rootAt:])) * pageSize
}
