package storage

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Since schema 3 every article has a summary record in bucketSummaries,
// under the article's key: its title, source, time added, length, and its
// claims counted by annotator, label and day. Lists of articles and the
// counts of `claimdesk stats` read only these, never an article's text nor
// a claim. Every transaction that writes an article or a claim writes its
// summary too; Check recounts them from the records.

var bucketSummaries = []byte("article_summaries")

// summaryRecordTag is the first byte of a summary record.
const summaryRecordTag = 0x01

// ClaimTally counts the claims of one article that share an annotator, a
// label and a day (UTC, 2006-01-02, of their creation).
type ClaimTally struct {
	Annotator string `json:"annotator"`
	Label     string `json:"label"`
	Day       string `json:"day"`
	Claims    int    `json:"claims"`
}

// tallyKey is a ClaimTally without its count.
type tallyKey struct{ annotator, label, day string }

func tallyKeyOf(c Claim) tallyKey {
	return tallyKey{c.Annotator, c.Label, c.Created.UTC().Format(time.DateOnly)}
}

// summaryRecord is what bucketSummaries holds of an article. Its tallies
// are kept in order (compareTallies), which is also the order they are
// stored in: an article has a handful, and a slice decodes without the
// allocations of a map.
type summaryRecord struct {
	title, source string
	added         time.Time
	runeLen       int
	tallies       []ClaimTally
}

func newSummary(a Article) summaryRecord {
	return summaryRecord{title: a.Title, source: a.Source, added: a.Added, runeLen: RuneLen(a.Text)}
}

func (r summaryRecord) claims() int {
	n := 0
	for _, t := range r.tallies {
		n += t.Claims
	}
	return n
}

// count adds n claims (n < 0 removes them) to the tally of k.
func (r *summaryRecord) count(k tallyKey, n int) {
	probe := ClaimTally{Annotator: k.annotator, Label: k.label, Day: k.day}
	i, found := slices.BinarySearchFunc(r.tallies, probe, compareTallies)
	if !found {
		r.tallies = slices.Insert(r.tallies, i, probe)
	}
	if r.tallies[i].Claims += n; r.tallies[i].Claims <= 0 {
		r.tallies = slices.Delete(r.tallies, i, i+1)
	}
}

// compareTallies orders tallies by annotator, label and day.
func compareTallies(a, b ClaimTally) int {
	if c := strings.Compare(a.Annotator, b.Annotator); c != 0 {
		return c
	}
	if c := strings.Compare(a.Label, b.Label); c != 0 {
		return c
	}
	return strings.Compare(a.Day, b.Day)
}

// summary is the ArticleSummary of article id with status.
func (r summaryRecord) summary(id uint64, status Status) ArticleSummary {
	return ArticleSummary{ID: id, Title: r.title, Source: r.source, Status: status, Added: r.added, Claims: r.claims(), RuneLen: r.runeLen}
}

func encodeSummary(r summaryRecord) []byte {
	b := []byte{summaryRecordTag}
	b = appendString(b, r.title)
	b = appendString(b, r.source)
	b = appendTime(b, r.added)
	b = binary.AppendUvarint(b, uint64(r.runeLen))
	b = binary.AppendUvarint(b, uint64(len(r.tallies)))
	for _, t := range r.tallies {
		b = appendString(b, t.Annotator)
		b = appendString(b, t.Label)
		b = appendString(b, t.Day)
		b = binary.AppendUvarint(b, uint64(t.Claims))
	}
	return b
}

func decodeSummary(key, raw []byte) (summaryRecord, error) {
	r := claimReader{raw: raw}
	var s summaryRecord
	if r.byte() != summaryRecordTag {
		return s, fmt.Errorf("%w: the summary of article %d is of an unknown kind", ErrDamaged, keyID(key))
	}
	s.title, s.source, s.added = r.string(), r.string(), r.time()
	s.runeLen = int(r.uvarint())
	n := r.uvarint()
	if n > uint64(len(r.raw)) {
		r.bad = true
	}
	s.tallies = make([]ClaimTally, 0, n)
	for i := uint64(0); i < n && !r.bad; i++ {
		t := ClaimTally{Annotator: r.string(), Label: r.string(), Day: r.string(), Claims: int(r.uvarint())}
		if i > 0 && compareTallies(s.tallies[i-1], t) >= 0 {
			r.bad = true // out of order: not what encodeSummary writes
		}
		s.tallies = append(s.tallies, t)
	}
	if r.bad || len(r.raw) != 0 {
		return summaryRecord{}, fmt.Errorf("%w: the summary of article %d does not decode", ErrDamaged, keyID(key))
	}
	return s, nil
}

func putSummary(tx *bolt.Tx, id uint64, r summaryRecord) error {
	b := tx.Bucket(bucketSummaries)
	b.FillPercent = appendFill
	return b.Put(idKey(id), encodeSummary(r))
}

func getSummary(tx *bolt.Tx, id uint64) (summaryRecord, error) {
	key := idKey(id)
	raw := tx.Bucket(bucketSummaries).Get(key)
	if raw == nil {
		if tx.Bucket(bucketArticles).Get(key) == nil {
			return summaryRecord{}, fmt.Errorf("article %d: %w", id, ErrNotFound)
		}
		return summaryRecord{}, fmt.Errorf("%w: article %d has no summary; run `claimdesk check`", ErrDamaged, id)
	}
	return decodeSummary(key, raw)
}

// eachSummary calls fn with every summary in article id order.
func eachSummary(tx *bolt.Tx, fn func(id uint64, r summaryRecord) error) error {
	return tx.Bucket(bucketSummaries).ForEach(func(k, v []byte) error {
		if len(k) != 8 {
			return fmt.Errorf("%w: a summary key of %d bytes, not 8", ErrDamaged, len(k))
		}
		r, err := decodeSummary(k, v)
		if err != nil {
			return err
		}
		return fn(keyID(k), r)
	})
}

// tallyDeltas gathers how the claims of a transaction change their
// articles' counts, so an article's summary is written once per
// transaction, not once per claim.
type tallyDeltas map[uint64]map[tallyKey]int

func (d tallyDeltas) add(c Claim, n int) {
	if d[c.ArticleID] == nil {
		d[c.ArticleID] = map[tallyKey]int{}
	}
	d[c.ArticleID][tallyKeyOf(c)] += n
}

// apply writes the changed summaries.
func (d tallyDeltas) apply(tx *bolt.Tx) error {
	for _, id := range slices.Sorted(maps.Keys(d)) {
		r, err := getSummary(tx, id)
		if err != nil {
			return err
		}
		for k, n := range d[id] {
			r.count(k, n)
		}
		if err := putSummary(tx, id, r); err != nil {
			return err
		}
	}
	return nil
}

// countSummaries recounts every article's summary from the articles and
// claims themselves: what migration and recovery write, and what Check
// compares the stored summaries with.
func countSummaries(tx *bolt.Tx) (map[uint64]summaryRecord, error) {
	out := map[uint64]summaryRecord{}
	err := tx.Bucket(bucketArticles).ForEach(func(k, v []byte) error {
		var a Article
		if err := decodeJSON(v, &a); err != nil {
			return fmt.Errorf("article %d: %w", keyID(k), err)
		}
		out[keyID(k)] = newSummary(a)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachClaim(tx, true, func(c Claim) error {
		if r, ok := out[c.ArticleID]; ok {
			r.count(tallyKeyOf(c), 1)
			out[c.ArticleID] = r
		}
		return nil
	})
	return out, err
}

// writeSummaries replaces every summary with counted ones.
func writeSummaries(tx *bolt.Tx, counted map[uint64]summaryRecord) error {
	if tx.Bucket(bucketSummaries) != nil {
		if err := tx.DeleteBucket(bucketSummaries); err != nil {
			return err
		}
	}
	if _, err := tx.CreateBucket(bucketSummaries); err != nil {
		return err
	}
	for _, id := range slices.Sorted(maps.Keys(counted)) {
		if err := putSummary(tx, id, counted[id]); err != nil {
			return err
		}
	}
	return nil
}

// recountSummaries is countSummaries then writeSummaries.
func recountSummaries(tx *bolt.Tx) error {
	counted, err := countSummaries(tx)
	if err != nil {
		return err
	}
	return writeSummaries(tx, counted)
}

// sameSummary tells whether a stored summary says what a recount says.
func sameSummary(stored, counted summaryRecord) bool {
	return bytes.Equal(encodeSummary(stored), encodeSummary(counted))
}
