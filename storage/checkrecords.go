package storage

import (
	"bytes"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// recordChecker verifies Claimdesk's invariants over every record of one
// transaction, collecting problems rather than stopping at the first.
type recordChecker struct {
	tx       *bolt.Tx
	problems []error
	texts    map[uint64]string // article id -> text
	owners   map[uint64]uint64 // claim id -> article id
}

func checkRecords(tx *bolt.Tx) []error {
	for _, name := range allBuckets {
		if tx.Bucket(name) == nil {
			return []error{fmt.Errorf("bucket %s is missing", name)}
		}
	}
	c := &recordChecker{tx: tx, texts: map[uint64]string{}, owners: map[uint64]uint64{}}
	if tx.Bucket(bucketMeta).Get(keySchemaVersion) == nil {
		c.fail("no schema version")
	}
	c.articles()
	c.hashes()
	c.labels()
	c.claims()
	c.index()
	return c.problems
}

func (c *recordChecker) fail(format string, args ...any) {
	c.problems = append(c.problems, fmt.Errorf(format, args...))
}

// each walks a bucket, refusing keys of the wrong length before fn sees them.
func (c *recordChecker) each(bucket []byte, keyLen int, what string, fn func(k, v []byte)) {
	err := c.tx.Bucket(bucket).ForEach(func(k, v []byte) error {
		if keyLen > 0 && len(k) != keyLen {
			c.fail("%s key %x is %d bytes, not %d", what, k, len(k), keyLen)
			return nil
		}
		fn(k, v)
		return nil
	})
	if err != nil {
		c.fail("%s: %v", what, err)
	}
}

func (c *recordChecker) articles() {
	c.each(bucketArticles, 8, "article", func(k, v []byte) {
		var a Article
		if err := decodeJSON(v, &a); err != nil {
			c.fail("article %d: %v", keyID(k), err)
			return
		}
		if a.ID != keyID(k) {
			c.fail("article %d is stored under key %d", a.ID, keyID(k))
			return
		}
		c.texts[a.ID] = a.Text
		switch {
		case HashText(a.Text) != a.SHA256:
			c.fail("article %d: text does not match its hash", a.ID)
		case !bytes.Equal(c.tx.Bucket(bucketHashes).Get([]byte(a.SHA256)), k):
			c.fail("article %d: missing from the hash index", a.ID)
		case !a.Status.Valid():
			c.fail("article %d: unknown status %q", a.ID, a.Status)
		}
	})
}

func (c *recordChecker) hashes() {
	c.each(bucketHashes, 0, "hash index", func(k, v []byte) {
		if len(v) != 8 {
			c.fail("hash index entry %s: value is %d bytes, not 8", k, len(v))
		} else if _, ok := c.texts[keyID(v)]; !ok {
			c.fail("hash index entry %s points to article %d, which does not exist", k, keyID(v))
		}
	})
}

func (c *recordChecker) labels() {
	hotkeys := map[string]string{}
	c.each(bucketLabels, 0, "label", func(k, v []byte) {
		var l Label
		if err := decodeJSON(v, &l); err != nil {
			c.fail("label %q: %v", k, err)
			return
		}
		if l.Name != string(k) {
			c.fail("label %q is stored under key %q", l.Name, k)
		}
		if err := validateLabel(&l); err != nil {
			c.fail("label %q: %v", k, err)
		}
		if other, ok := hotkeys[l.Hotkey]; ok && l.Hotkey != "" {
			c.fail("labels %q and %q share hotkey %s", other, l.Name, l.Hotkey)
		}
		hotkeys[l.Hotkey] = l.Name
	})
}

func (c *recordChecker) claims() {
	labels := c.tx.Bucket(bucketLabels)
	index := c.tx.Bucket(bucketIndex)
	c.each(bucketClaims, 8, "claim", func(k, v []byte) {
		var a Claim
		if err := decodeJSON(v, &a); err != nil {
			c.fail("claim %d: %v", keyID(k), err)
			return
		}
		c.owners[keyID(k)] = a.ArticleID
		text, ok := c.texts[a.ArticleID]
		switch {
		case a.ID != keyID(k):
			c.fail("claim %d is stored under key %d", a.ID, keyID(k))
		case !ok:
			c.fail("claim %d: article %d does not exist", a.ID, a.ArticleID)
		case index.Get(indexKey(a.ArticleID, a.ID)) == nil:
			c.fail("claim %d: missing from the article index", a.ID)
		default:
			if q, ok := Slice(text, a.Start, a.End); !ok || q != a.Quote || a.Start >= a.End {
				c.fail("claim %d: quote %q does not match article %d at %d–%d", a.ID, a.Quote, a.ArticleID, a.Start, a.End)
			}
		}
		if labels.Get([]byte(a.Label)) == nil {
			c.fail("claim %d: label %q does not exist", a.ID, a.Label)
		}
		if !a.Origin.Valid() {
			c.fail("claim %d: unknown origin %q", a.ID, a.Origin)
		}
	})
}

// index checks every index entry against the claims the annotations pass
// decoded; a claim that did not decode was reported there.
func (c *recordChecker) index() {
	anns := c.tx.Bucket(bucketClaims)
	c.each(bucketIndex, 16, "article index", func(k, _ []byte) {
		articleID, claimID := keyID(k[:8]), keyID(k[8:])
		owner, decoded := c.owners[claimID]
		switch {
		case !decoded && anns.Get(k[8:]) == nil:
			c.fail("article index entry %d|%d points to no claim", articleID, claimID)
		case decoded && owner != articleID:
			c.fail("article index files claim %d under article %d, but it belongs to %d", claimID, articleID, owner)
		}
	})
}
