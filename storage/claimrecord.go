package storage

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"
	"unsafe"

	bolt "go.etcd.io/bbolt"
)

// Since schema 3 a claim's record is binary, not JSON: JSON was most of the
// store's size (every field named in every record, 50% full pages) and
// decoding it most of the time spent reading claims. The layout:
//
//	claimRecordTag
//	annotator                    first, so a layer's records share a prefix
//	article id, start, end-start uvarints
//	origin                       one byte (originCodes), or unknownOrigin and a string
//	created, updated             times (appendTime)
//	quote, label, speaker, target, note
//
// where a string is a uvarint length and its bytes. The id is the key.
// Records from before schema 3 are JSON, which begins with '{', and still
// decode: a store salvaged by recover can hold them.

// claimRecordTag is the first byte of a binary claim record.
const claimRecordTag = 0x01

var originCodes = []Origin{OriginManual, OriginSuggested, OriginImported}

// unknownOrigin is the code of an origin not in originCodes, which the
// record then spells out.
const unknownOrigin = 0xff

func originCode(o Origin) byte {
	for i, known := range originCodes {
		if known == o {
			return byte(i)
		}
	}
	return unknownOrigin
}

// encodeClaim is the record of c in the claims bucket.
func encodeClaim(c Claim) []byte {
	size := 40 + len(c.Annotator) + len(c.Quote) + len(c.Label) + len(c.Speaker) + len(c.Target) + len(c.Note)
	b := make([]byte, 0, size)
	b = append(b, claimRecordTag)
	b = appendString(b, c.Annotator)
	b = binary.AppendUvarint(b, c.ArticleID)
	b = binary.AppendUvarint(b, uint64(c.Start))
	b = binary.AppendUvarint(b, uint64(c.End-c.Start))
	b = append(b, originCode(c.Origin))
	if originCode(c.Origin) == unknownOrigin {
		b = appendString(b, string(c.Origin)) // kept, for Check to name
	}
	b = appendTime(b, c.Created)
	b = appendTime(b, c.Updated)
	for _, s := range []string{c.Quote, c.Label, c.Speaker, c.Target, c.Note} {
		b = appendString(b, s)
	}
	return b
}

// annotatorPrefix is how every binary record of annotator's claims begins.
func annotatorPrefix(annotator string) []byte {
	return appendString([]byte{claimRecordTag}, annotator)
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// appendTime writes seconds since 1970, then nanoseconds shifted left by
// one with the low bit telling whether a zone offset in seconds follows
// (none for UTC, which is what the store writes itself).
func appendTime(b []byte, t time.Time) []byte {
	_, offset := t.Zone()
	b = binary.AppendVarint(b, t.Unix())
	flag := uint64(0)
	if offset != 0 {
		flag = 1
	}
	b = binary.AppendUvarint(b, uint64(t.Nanosecond())<<1|flag)
	if offset != 0 {
		b = binary.AppendVarint(b, int64(offset))
	}
	return b
}

// decodeClaim decodes the record stored under key, binary or JSON, into a
// Claim that owns its strings.
func decodeClaim(key, raw []byte) (Claim, error) {
	var c Claim
	if len(raw) > 0 && raw[0] == '{' {
		err := decodeJSON(raw, &c)
		return c, err
	}
	err := readClaim(key, raw, &c, false)
	return c, err
}

// readClaim decodes a binary record into c. With borrow, c's strings point
// into raw instead of being copied: they live as long as raw does, which
// for a bbolt value is the transaction.
func readClaim(key, raw []byte, c *Claim, borrow bool) error {
	r := claimReader{raw: raw, borrow: borrow}
	if len(key) != 8 {
		return fmt.Errorf("%w: a claim key of %d bytes, not 8", ErrDamaged, len(key))
	}
	if r.byte() != claimRecordTag {
		return fmt.Errorf("%w: claim %d: a record of an unknown kind", ErrDamaged, keyID(key))
	}
	c.ID = keyID(key)
	c.Annotator = r.string()
	c.ArticleID = r.uvarint()
	c.Start = int(r.uvarint())
	c.End = c.Start + int(r.uvarint())
	switch code := r.byte(); {
	case int(code) < len(originCodes):
		c.Origin = originCodes[code]
	case code == unknownOrigin:
		c.Origin = Origin(r.string())
	default:
		r.bad = true
	}
	c.Created = r.time()
	c.Updated = r.time()
	c.Quote = r.string()
	c.Label = r.string()
	c.Speaker = r.string()
	c.Target = r.string()
	c.Note = r.string()
	if r.bad || len(r.raw) != 0 {
		return fmt.Errorf("%w: claim %d: a record that does not decode (%d bytes)", ErrDamaged, c.ID, len(raw))
	}
	return nil
}

// claimReader reads a binary record front to back; any overrun sets bad
// and yields zero values, so a damaged record gives an error, never a panic.
type claimReader struct {
	raw    []byte
	borrow bool
	bad    bool
}

func (r *claimReader) byte() byte {
	if len(r.raw) == 0 {
		r.bad = true
		return 0
	}
	b := r.raw[0]
	r.raw = r.raw[1:]
	return b
}

func (r *claimReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.raw)
	if n <= 0 {
		r.bad = true
		return 0
	}
	r.raw = r.raw[n:]
	return v
}

func (r *claimReader) varint() int64 {
	v, n := binary.Varint(r.raw)
	if n <= 0 {
		r.bad = true
		return 0
	}
	r.raw = r.raw[n:]
	return v
}

func (r *claimReader) string() string {
	n := r.uvarint()
	if n > uint64(len(r.raw)) {
		r.bad = true
		return ""
	}
	s := r.raw[:n]
	r.raw = r.raw[n:]
	if r.borrow {
		return unsafe.String(unsafe.SliceData(s), len(s))
	}
	return string(s)
}

func (r *claimReader) time() time.Time {
	sec := r.varint()
	nsec := r.uvarint()
	t := time.Unix(sec, int64(nsec>>1)).UTC()
	if nsec&1 == 1 {
		offset := r.varint()
		t = t.In(time.FixedZone("", int(offset)))
	}
	return t
}

// putClaimRecord writes c's record; the bucket is filled to the brim, since
// ids only grow and a page is rarely split twice.
func putClaimRecord(tx *bolt.Tx, c Claim) error {
	b := tx.Bucket(bucketClaims)
	b.FillPercent = appendFill
	return b.Put(idKey(c.ID), encodeClaim(c))
}

// appendFill is the FillPercent of buckets whose keys are issued in
// ascending order: bbolt's default, half full, suits random inserts and
// leaves half of every page empty when keys only grow.
const appendFill = 0.95

// isAnnotatorsRecord tells, from the stored bytes alone, whether a claim
// record is annotator's. A JSON record (before schema 3) is decoded.
func isAnnotatorsRecord(raw []byte, prefix []byte, annotator string) bool {
	if len(raw) > 0 && raw[0] == '{' {
		var c struct {
			Annotator string `json:"annotator"`
		}
		return json.Unmarshal(raw, &c) == nil && c.Annotator == annotator
	}
	return bytes.HasPrefix(raw, prefix)
}

// migrateToBinaryClaims is the step from schema 2 to 3: every claim's JSON
// record is written again in the binary layout, and every article gets its
// summary. It runs in the transaction that opens the store, so a kill
// midway leaves schema 2, to be migrated again on the next open. Open runs
// convertClaimsToBinary first, so the claims it finds are binary already.
// The old pages become free pages of the file; `claimdesk compact` gives
// them back to the disk.
func migrateToBinaryClaims(tx *bolt.Tx) error {
	type rewrite struct {
		key []byte
		raw []byte
	}
	var all []rewrite
	err := tx.Bucket(bucketClaims).ForEach(func(k, v []byte) error {
		if len(v) > 0 && v[0] != '{' {
			return nil // binary already
		}
		c, err := decodeClaim(k, v)
		if err != nil {
			return fmt.Errorf("claim %d: %w", keyID(k), err)
		}
		all = append(all, rewrite{bytes.Clone(k), encodeClaim(c)})
		return nil
	})
	if err != nil {
		return err
	}
	b := tx.Bucket(bucketClaims)
	for _, r := range all {
		b.FillPercent = appendFill
		if err := b.Put(r.key, r.raw); err != nil {
			return err
		}
	}
	return recountSummaries(tx)
}

// claimsPerConversion bounds the claims one transaction of
// convertClaimsToBinary rewrites, and so the memory it holds.
var claimsPerConversion = 20000

// convertClaimsToBinary rewrites a schema-2 store's JSON claim records as
// binary ones, claimsPerConversion to a transaction. Both decode, so the
// store reads the same at every commit, and a kill between two leaves
// records of both kinds, of which the next open converts the JSON ones that
// are left: the conversion resumes where it stopped. The schema stays 2
// until migrateToBinaryClaims has counted the summaries.
func (s *Store) convertClaimsToBinary() error {
	from := idKey(0)
	for from != nil {
		err := s.update(func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketClaims)
			type rewrite struct{ key, raw []byte }
			var batch []rewrite
			c := b.Cursor()
			k, v := c.Seek(from)
			for ; k != nil && len(batch) < claimsPerConversion; k, v = c.Next() {
				if len(v) == 0 || v[0] != '{' {
					continue
				}
				claim, err := decodeClaim(k, v)
				if err != nil {
					return fmt.Errorf("migrate %s: claim %d: %w", s.path, keyID(k), err)
				}
				batch = append(batch, rewrite{bytes.Clone(k), encodeClaim(claim)})
			}
			from = nil
			if k != nil {
				from = bytes.Clone(k)
			}
			b.FillPercent = appendFill
			for _, r := range batch {
				if err := b.Put(r.key, r.raw); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}
