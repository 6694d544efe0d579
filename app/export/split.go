package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"claimdesk/storage"
)

// Split divides the articles into train, dev and test sets by percentage.
// The zero value means no split. The same seed over the same articles gives
// the same split on every machine and every Go version: an article's place
// comes from a hash of the seed and its text, not from a random generator,
// so it does not even depend on the article's id in this store.
type Split struct {
	Train, Dev, Test int
	Seed             int64
}

// Enabled reports whether a split was asked for.
func (s Split) Enabled() bool { return s.Train != 0 || s.Dev != 0 || s.Test != 0 }

// Validate refuses negative shares and shares that do not add up to 100.
func (s Split) Validate() error {
	if !s.Enabled() {
		return nil
	}
	if err := s.checkShares(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// checkShares is the rule Validate and ParseSplit share; ParseSplit applies
// it to "0/0/0" too, which someone typed meaning a split.
func (s Split) checkShares() error {
	if s.Train < 0 || s.Dev < 0 || s.Test < 0 {
		return fmt.Errorf("split %d/%d/%d has a negative share", s.Train, s.Dev, s.Test)
	}
	if sum := s.Train + s.Dev + s.Test; sum != 100 {
		return fmt.Errorf("split %d/%d/%d adds up to %d, not 100", s.Train, s.Dev, s.Test, sum)
	}
	return nil
}

// ParseSplit reads a split as people write it, "80/10/10" (train/dev/test
// percentages); "" means no split. The command line and the window share it.
func ParseSplit(text string, seed int64) (Split, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return Split{}, nil
	}
	parts := strings.Split(text, "/")
	if len(parts) != 3 {
		return Split{}, fmt.Errorf("split %q: want three percentages TRAIN/DEV/TEST, e.g. 80/10/10", text)
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || v < 0 {
			return Split{}, fmt.Errorf("split %q: %q is not a percentage", text, p)
		}
		n[i] = v
	}
	s := Split{Train: n[0], Dev: n[1], Test: n[2], Seed: seed}
	if err := s.checkShares(); err != nil {
		return Split{}, err
	}
	return s, nil
}

// part is one output unit: the whole dataset (name "") or one of the
// train, dev and test sets.
type part struct {
	name string
	docs []Doc
}

// partition cuts docs into parts. Each set keeps the articles in their
// original order, so a split export reads like the unsplit one.
func partition(docs []Doc, s Split) []part {
	if !s.Enabled() {
		return []part{{docs: docs}}
	}
	type ranked struct {
		key   [32]byte
		index int
	}
	order := make([]ranked, len(docs))
	for i, d := range docs {
		order[i] = ranked{key: splitKey(s.Seed, d.Article), index: i}
	}
	sort.Slice(order, func(i, j int) bool {
		if c := bytes.Compare(order[i].key[:], order[j].key[:]); c != 0 {
			return c < 0
		}
		return order[i].index < order[j].index
	})
	sizes := shares(len(docs), []int{s.Train, s.Dev, s.Test})
	set := make([]int, len(docs)) // which part each doc goes to
	at := 0
	for p, n := range sizes {
		for _, r := range order[at : at+n] {
			set[r.index] = p
		}
		at += n
	}
	parts := []part{{name: "train"}, {name: "dev"}, {name: "test"}}
	for i, d := range docs {
		parts[set[i]].docs = append(parts[set[i]].docs, d)
	}
	return parts
}

// splitKey ranks an article for the split: SHA-256 of the seed and the
// article's text hash.
func splitKey(seed int64, a storage.Article) [32]byte {
	hash := a.SHA256
	if hash == "" {
		hash = storage.HashText(a.Text)
	}
	buf := make([]byte, 8, 8+len(hash))
	binary.BigEndian.PutUint64(buf, uint64(seed))
	return sha256.Sum256(append(buf, hash...))
}

// shares divides n items by percentages with the largest-remainder method,
// so the sizes always add up to n and stay as close to the ratios as whole
// articles allow.
func shares(n int, percent []int) []int {
	sizes := make([]int, len(percent))
	rem := make([]int, len(percent))
	given := 0
	for i, p := range percent {
		sizes[i] = n * p / 100
		rem[i] = n * p % 100
		given += sizes[i]
	}
	for ; given < n; given++ {
		best := 0
		for i := range rem {
			if rem[i] > rem[best] {
				best = i
			}
		}
		sizes[best]++
		rem[best] = -1
	}
	return sizes
}
