package storage

import (
	"errors"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// TestClaimRecordRoundTrip: every field of a claim comes back from its
// binary record as it went in, times with their instant and offset.
func TestClaimRecordRoundTrip(t *testing.T) {
	berlin := time.FixedZone("", 3600)
	cases := []Claim{
		{ID: 1, ArticleID: 2, Start: 0, End: 1, Quote: "x", Label: "denial", Origin: OriginManual},
		{ID: 1 << 40, ArticleID: 1 << 33, Start: 1 << 30, End: 1<<30 + 7, Quote: "Peskov 😀 北京\nسلام", Label: "praise",
			Speaker: "Дмитрий Песков", Target: "NATO", Note: "a \"note\"\twith\x00nul", Annotator: "chloé",
			Origin: OriginImported, Created: time.Date(2024, 2, 29, 23, 59, 59, 999999999, time.UTC), Updated: time.Date(2025, 1, 1, 1, 0, 0, 1, berlin)},
		{ID: 9, ArticleID: 9, Start: 3, End: 4, Quote: "q", Label: "l", Origin: "guessed", Created: time.Date(1650, 1, 1, 0, 0, 0, 0, time.UTC)},
		{ID: 10, ArticleID: 1, Start: 5, End: 6, Quote: "q", Label: "l", Origin: OriginSuggested, Updated: time.Date(2300, 5, 5, 5, 5, 5, 5, time.FixedZone("", -34200))},
	}
	for _, want := range cases {
		raw := encodeClaim(want)
		got, err := decodeClaim(idKey(want.ID), raw)
		if err != nil {
			t.Fatalf("claim %d: %v", want.ID, err)
		}
		sameClaims(t, got, want)
		for i, c := range []Claim{got, want} {
			_, gotOffset := c.Updated.Zone()
			if _, wantOffset := want.Updated.Zone(); gotOffset != wantOffset {
				t.Errorf("claim %d (%d): offset %d, want %d", want.ID, i, gotOffset, wantOffset)
			}
		}
		if (got.Created == time.Time{}) != want.Created.IsZero() || !got.Created.IsZero() && got.Created.Location() != time.UTC {
			t.Errorf("claim %d: created %v (%v)", want.ID, got.Created, got.Created.Location())
		}
		var borrowed Claim
		if err := readClaim(idKey(want.ID), raw, &borrowed, true); err != nil || borrowed.Quote != want.Quote {
			t.Errorf("claim %d borrowed: %q, %v", want.ID, borrowed.Quote, err)
		}
	}
}

// TestClaimRecordDamage: a record cut short, lengthened or of another kind
// is an error that names the claim, never a panic.
func TestClaimRecordDamage(t *testing.T) {
	raw := encodeClaim(Claim{ID: 7, ArticleID: 3, Start: 1, End: 4, Quote: "abc", Label: "denial", Origin: OriginManual})
	for name, bad := range map[string][]byte{
		"empty":       {},
		"cut short":   raw[:len(raw)-2],
		"longer":      append(append([]byte{}, raw...), 'x'),
		"another tag": append([]byte{0x7f}, raw[1:]...),
		"huge length": append([]byte{claimRecordTag, 0xff, 0xff, 0xff, 0xff, 0x0f}, raw[2:]...),
		"bad origin":  append(append([]byte{}, raw[:5]...), append([]byte{0x33}, raw[6:]...)...),
	} {
		_, err := decodeClaim(idKey(7), bad)
		if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "claim 7") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// FuzzClaimRecord: any claim round-trips, and any bytes decode to a claim
// or an error without a panic.
func FuzzClaimRecord(f *testing.F) {
	f.Add("Peskov denied it.", "denial", "chloé", int64(1700000000), 3, 9, []byte{claimRecordTag, 0})
	f.Add("", "", "", int64(-62135596800), 0, 1, []byte(`{"id":1}`))
	f.Fuzz(func(t *testing.T, quote, label, annotator string, sec int64, start, length int, raw []byte) {
		_, _ = decodeClaim(idKey(1), raw)
		_, _ = decodeSummary(idKey(1), raw)
		if start < 0 || length < 0 {
			return
		}
		want := Claim{ID: 1, ArticleID: 2, Start: start, End: start + length, Quote: quote, Label: label, Annotator: annotator,
			Origin: OriginManual, Created: time.Unix(sec, 0).UTC(), Updated: time.Unix(sec/2, 5).UTC()}
		got, err := decodeClaim(idKey(1), encodeClaim(want))
		if err != nil {
			t.Fatal(err)
		}
		sameClaims(t, got, want)
	})
}

// TestCheckFindsSummaryDrift: a summary that no longer says what its
// article's claims say, a summary of no article and an article without
// one are each named by Check.
func TestCheckFindsSummaryDrift(t *testing.T) {
	for name, damage := range map[string]struct {
		fn   func(tx *bolt.Tx) error
		want string
	}{
		"count drifted": {func(tx *bolt.Tx) error {
			r, err := getSummary(tx, 1)
			if err != nil {
				return err
			}
			r.count(tallyKey{"", "denial", "2020-01-01"}, 5)
			return putSummary(tx, 1, r)
		}, "summary of article 1 says 6 claims"},
		"missing": {func(tx *bolt.Tx) error { return tx.Bucket(bucketSummaries).Delete(idKey(1)) }, "article 1 has no summary"},
		"orphan": {func(tx *bolt.Tx) error {
			return putSummary(tx, 9, summaryRecord{title: "ghost"})
		}, "summary of article 9, which does not exist"},
		"garbled": {func(tx *bolt.Tx) error { return tx.Bucket(bucketSummaries).Put(idKey(1), []byte{summaryRecordTag, 9}) },
			"the summary of article 1 does not decode"},
	} {
		t.Run(name, func(t *testing.T) {
			path := newClosedStore(t)
			rawUpdate(t, path, damage.fn)
			s, err := OpenWith(path, Options{ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if err := s.Check(); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), damage.want) {
				t.Errorf("check: %v, want %q", err, damage.want)
			}
		})
	}
}
