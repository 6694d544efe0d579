package storage

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"claimdesk/storage/boltfile"
)

// maxProblems caps what Check spells out: a damaged file can have a problem
// per record, and a person reads the first few.
const maxProblems = 50

// errRollback ends Check's write transaction without committing.
var errRollback = errors.New("rollback")

// Check verifies the file's page structure (boltfile's walk, which makes
// bbolt's own tx.Check safe to run on a damaged file, then tx.Check) and
// Claimdesk's own invariants: every record decodes under its key, every
// index entry points at its claim and article, every claim fits its
// article's text with its quote and uses an existing label. The error, if
// any, lists the problems one a line and matches ErrDamaged. Writes wait
// while Check runs: it reads every record, about two seconds for 100,000
// claims.
func (s *Store) Check() error {
	var problems []error
	err := s.frozen(func(tx *bolt.Tx) error {
		metas, pages := s.checkStructure(tx)
		problems = append(metas, pages...)
		if len(pages) > 0 {
			// tx.Check and the records would walk into the damage.
			return nil
		}
		if len(metas) == 0 {
			// bbolt's tx.Check trusts the meta pages' headers; the
			// cursors over the records do not read them.
			for err := range tx.Check() {
				problems = append(problems, err)
			}
		}
		problems = append(problems, checkRecords(tx)...)
		return nil
	})
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		err := problemList(problems)
		s.noteDamage(err)
		return err
	}
	clearDamageMark(s.path)
	return nil
}

// frozen runs fn in a transaction during which no other write can commit,
// so the pages on disk are the ones the transaction sees. A read-only
// store cannot write, and its shared lock keeps writers out.
func (s *Store) frozen(fn func(*bolt.Tx) error) error {
	if s.readOnly {
		return s.view(fn)
	}
	// Not s.update: a damaged store refuses writes, but must still be checked.
	err := s.transact(s.db.Update, func(tx *bolt.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return errRollback
	})
	if errors.Is(err, errRollback) {
		return nil
	}
	return err
}

// checkStructure walks the pages of the file as the transaction sees
// them. A write transaction's id is the one it would commit as, so the
// meta page on disk carries the one before.
func (s *Store) checkStructure(tx *bolt.Tx) (metas, pages []error) {
	txid := uint64(tx.ID())
	if tx.Writable() {
		txid--
	}
	metas, pages = boltfile.Verify(s.path, txid)
	for i, err := range pages {
		pages[i] = refused(s.path, err)
	}
	return metas, pages
}

// problemList is what Check found.
type problemList []error

func (p problemList) Error() string {
	var b strings.Builder
	for i, err := range p {
		if i == maxProblems {
			fmt.Fprintf(&b, "\n… and %d more", len(p)-maxProblems)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(err.Error())
	}
	return b.String()
}

func (p problemList) Is(target error) bool { return target == ErrDamaged }

func (p problemList) Unwrap() []error { return p }

// recordChecker verifies Claimdesk's invariants over every record of one
// transaction, collecting problems rather than stopping at the first.
type recordChecker struct {
	tx       *bolt.Tx
	problems []error
	texts    map[uint64]*TextIndex // article id -> its text, indexed for its claims' quotes
	owners   map[uint64]uint64     // claim id -> article id
	// counted are the summaries the articles and claims make, recounted
	// as they are read, for the summaries pass to compare.
	counted map[uint64]summaryRecord
}

func checkRecords(tx *bolt.Tx) []error {
	for _, name := range allBuckets {
		if tx.Bucket(name) == nil {
			return []error{fmt.Errorf("bucket %s is missing", name)}
		}
	}
	c := &recordChecker{tx: tx, texts: map[uint64]*TextIndex{}, owners: map[uint64]uint64{}, counted: map[uint64]summaryRecord{}}
	if tx.Bucket(bucketMeta).Get(keySchemaVersion) == nil {
		c.fail("no schema version")
	}
	c.articles()
	c.statuses()
	c.hashes()
	c.labels()
	c.claims()
	c.index()
	c.summaries()
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
		c.texts[a.ID] = NewTextIndex(a.Text)
		c.counted[a.ID] = newSummary(a)
		switch {
		case HashText(a.Text) != a.SHA256:
			c.fail("article %d: text does not match its hash", a.ID)
		case !bytes.Equal(c.tx.Bucket(bucketHashes).Get([]byte(a.SHA256)), k):
			c.fail("article %d: missing from the hash index", a.ID)
		case a.Status != "":
			c.fail("article %d: its record holds status %q, which lives apart since schema 2", a.ID, a.Status)
		}
	})
}

// statuses checks every annotator's status: its key names an article,
// its record decodes and its status is known.
func (c *recordChecker) statuses() {
	c.each(bucketStatus, 0, "status", func(k, v []byte) {
		if len(k) < 8 {
			c.fail("status key %x is %d bytes, shorter than an article id", k, len(k))
			return
		}
		id, who := keyID(k[:8]), string(k[8:])
		var rec statusRecord
		switch err := decodeJSON(v, &rec); {
		case err != nil:
			c.fail("status of %q on article %d: %v", who, id, err)
		case !rec.Status.Valid():
			c.fail("status of %q on article %d: unknown status %q", who, id, rec.Status)
		}
		if _, ok := c.texts[id]; !ok {
			c.fail("status of %q on article %d, which does not exist", who, id)
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
		a, err := decodeClaim(k, v)
		if err != nil {
			c.fail("claim %d: %v", keyID(k), err)
			return
		}

		c.owners[keyID(k)] = a.ArticleID
		if r, ok := c.counted[a.ArticleID]; ok {
			r.count(tallyKeyOf(a), 1)
			c.counted[a.ArticleID] = r
		}
		text, ok := c.texts[a.ArticleID]
		switch {
		case a.ID != keyID(k):
			c.fail("claim %d is stored under key %d", a.ID, keyID(k))
		case !ok:
			c.fail("claim %d: article %d does not exist", a.ID, a.ArticleID)
		case index.Get(indexKey(a.ArticleID, a.ID)) == nil:
			c.fail("claim %d: missing from the article index", a.ID)
		default:
			if q, err := spanQuote(Article{ID: a.ArticleID, Text: text.Text()}, text, a.Start, a.End); err != nil || q != a.Quote {
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

// index checks every index entry against the claims the claims pass
// decoded; a claim that did not decode was reported there.
func (c *recordChecker) index() {
	claims := c.tx.Bucket(bucketClaims)
	c.each(bucketIndex, 16, "article index", func(k, _ []byte) {
		articleID, claimID := keyID(k[:8]), keyID(k[8:])
		owner, decoded := c.owners[claimID]
		switch {
		case !decoded && claims.Get(k[8:]) == nil:
			c.fail("article index entry %d|%d points to no claim", articleID, claimID)
		case decoded && owner != articleID:
			c.fail("article index files claim %d under article %d, but it belongs to %d", claimID, articleID, owner)
		}
	})
}

// summaries checks every article's stored summary says what the
// articles and claims passes counted: a summary that drifted from its claims
// would show wrong counts in every list, without a claim being wrong.
func (c *recordChecker) summaries() {
	counted := c.counted
	c.each(bucketSummaries, 8, "summary", func(k, v []byte) {
		id := keyID(k)
		stored, err := decodeSummary(k, v)
		want, ok := counted[id]
		delete(counted, id)
		switch {
		case err != nil:
			c.fail("summary of article %d: %v", id, err)
		case !ok && c.tx.Bucket(bucketArticles).Get(k) != nil:
			// The article did not decode: the articles pass said so.
		case !ok:
			c.fail("summary of article %d, which does not exist", id)
		case !sameSummary(stored, want):
			c.fail("summary of article %d says %s, %q; its records say %s, %q", id,
				Plural(stored.claims(), "claim"), stored.title, Plural(want.claims(), "claim"), want.title)
		}
	})
	for _, id := range slices.Sorted(maps.Keys(counted)) {
		c.fail("article %d has no summary", id)
	}
}
