package storage

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
)

// damageVerdict is what the program made of one damaged copy of a store.
type damageVerdict struct {
	checkFound    bool // a read-only check reported damage
	writableOpens bool // Open for writing accepted the file
}

// tryDamaged puts raw in a file and does to it what the commands do: a
// read-only open, reads and Check (claimdesk check, stats, export), which
// must leave the file as it was; then an Open for writing (import, the
// window). Whatever it finds, nothing may crash, and a store found damaged
// must take no write: not through the handle that found it, and not
// through a new Open when the damage is where bbolt writes through.
func tryDamaged(t *testing.T, dir string, raw []byte, what string) damageVerdict {
	t.Helper()
	path := filepath.Join(dir, "damaged.db")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	var v damageVerdict
	if s, err := OpenWith(path, Options{ReadOnly: true, Timeout: time.Second}); err != nil {
		v.checkFound = true
	} else {
		_, _ = s.ArticleSummaries()
		_, _ = s.Claims(1)
		_, _ = s.Stats()
		err := s.Check()
		if err != nil && !errors.Is(err, ErrDamaged) {
			t.Errorf("%s: Check: %v, want ErrDamaged", what, err)
		}
		v.checkFound = err != nil
		s.Close()
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, raw) {
		t.Fatalf("%s: a read-only open changed the file", what)
	}
	s, err := Open(path)
	if err != nil {
		if !errors.Is(err, ErrDamaged) && !errors.Is(err, ErrNotClaimdesk) {
			t.Errorf("%s: Open: %v, want ErrDamaged or ErrNotClaimdesk", what, err)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(after, raw) {
			t.Fatalf("%s: a refused Open changed the file", what)
		}
		return v
	}
	defer s.Close()
	v.writableOpens = true
	if !v.checkFound {
		return v
	}
	if s.Check() == nil {
		t.Fatalf("%s: Check found damage read-only, not on a writable handle", what)
	}
	// The handle that found the damage refuses every write.
	before, _ := os.ReadFile(path)
	if _, _, err := s.AddArticle(Article{Text: "Written into a damaged store."}); !errors.Is(err, ErrDamaged) {
		t.Errorf("%s: AddArticle after Check found damage: %v, want ErrDamaged", what, err)
	}
	if err := s.AddLabel(Label{Name: "sarcasm", Colour: "#000000"}); !errors.Is(err, ErrDamaged) {
		t.Errorf("%s: AddLabel after Check found damage: %v, want ErrDamaged", what, err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
		t.Errorf("%s: a refused write changed the file", what)
	}
	return v
}

// TestMetaPageBitFlips flips, one at a time, a bit in every byte of both
// meta pages' headers and fields, and bits in the zeros after them (a
// full open of each copy is costly; boltfile's test flips every bit of the
// meta pages against what QuickCheck reads): check must report every flip,
// and Open for writing must refuse every one, since bbolt writes its next
// commit through the meta pages.
func TestMetaPageBitFlips(t *testing.T) {
	base, pageSize := smallStore(t)
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(11, 13))
	for meta := range 2 {
		var flips [][2]int
		for byteAt := range pageHeaderSizeForTest + 64 {
			flips = append(flips, [2]int{byteAt, byteAt % 8})
		}
		for range 8 {
			flips = append(flips, [2]int{80 + rng.IntN(pageSize-80), rng.IntN(8)})
		}
		for _, f := range flips {
			raw := bytes.Clone(base)
			raw[meta*pageSize+f[0]] ^= 1 << f[1]
			what := fmt.Sprintf("meta page %d byte %d bit %d", meta, f[0], f[1])
			v := tryDamaged(t, dir, raw, what)
			if !v.checkFound {
				t.Errorf("%s flipped: check found nothing", what)
			}
			if v.writableOpens {
				t.Errorf("%s flipped: Open for writing accepted the file", what)
			}
		}
	}
}

// pageHeaderSizeForTest is bbolt's page header: a meta page's fields follow it.
const pageHeaderSizeForTest = 16

// TestRandomBitFlips flips random bits in the pages of a store, one to
// four at a time, with a fixed seed: never a crash, read-only commands
// leave the file as it was, a handle that found damage writes nothing,
// and a new Open refuses every copy check found. A flip in a note or in
// the slack at a page's end leaves a valid store, so not every one is
// found; most that are found are inside records (JSON, a text and its
// hash, a quote), which only a full Check reads: the damage mark that
// check leaves beside the file is what makes the next Open refuse those.
func TestRandomBitFlips(t *testing.T) {
	base := sweepStore(t)
	_, pageSize, used := pagesInUse(t, base)
	rng := rand.New(rand.NewPCG(2024, 11))
	dir := t.TempDir()
	const rounds = 120
	found, refused := 0, 0
	for round := range rounds {
		raw := bytes.Clone(base)
		for range 1 + rng.IntN(4) {
			at := 2*pageSize + rng.IntN(used-2*pageSize)
			raw[at] ^= 1 << rng.IntN(8)
		}
		v := tryDamaged(t, dir, raw, fmt.Sprintf("round %d", round))
		if v.checkFound {
			found++
		}
		if !v.writableOpens {
			refused++
			if !v.checkFound {
				t.Errorf("round %d: Open for writing refused a store check finds sound", round)
			}
		}
	}
	t.Logf("%d of %d damaged copies found by check; %d refused at Open for writing", found, rounds, refused)
	if found == 0 {
		t.Error("check found none of the damaged copies")
	}
	if refused != found {
		t.Errorf("Open for writing refused %d of the %d copies check found damaged", refused, found)
	}
}

// smallStore is a closed store of one article and a claim, and its page
// size: small, so a full open, check and write of each copy stays quick.
func smallStore(t *testing.T) ([]byte, int) {
	t.Helper()
	raw, err := os.ReadFile(newClosedStore(t))
	if err != nil {
		t.Fatal(err)
	}
	_, pageSize, _ := pagesInUse(t, raw)
	return raw, pageSize
}

// sweepStore is a closed store of a few pages in every bucket, an article
// longer than a page and freed pages, small enough that a full open, check
// and write of each damaged copy stays quick under -race.
func sweepStore(t *testing.T) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sweep.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	long := mustAddArticle(t, s, strings.Repeat("Peskov denied everything again. ", 150))
	short := mustAddArticle(t, s, seedText(t))
	var claims []Claim
	for i := range 90 {
		art, start := long, (i*37)%4500
		if i%3 == 0 {
			art, start = short, i%1500
		}
		claims = append(claims, Claim{ArticleID: art.ID, Start: start, End: start + 5, Label: "denial", Note: fmt.Sprintf("note %d", i)})
	}
	if _, err := s.AddClaims(claims); err != nil {
		t.Fatal(err)
	}
	for id := uint64(1); id <= 10; id++ {
		if _, err := s.DeleteClaim(id); err != nil {
			t.Fatal(err)
		}
	}
	return closedFile(t, s, path)
}
