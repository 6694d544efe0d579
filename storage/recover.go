package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"claimdesk/storage/boltfile"
)

// RecoveryReport says what Recover copied and what it could not.
type RecoveryReport struct {
	// From names the meta page and transaction the damaged file was read at.
	From                     string
	Articles, Claims, Labels int
	// Lost says, one line each, what was damaged or lost: meta pages, pages
	// that could not be read, records that were refused, and the articles
	// and claims the indexes list but that were not recovered.
	Lost []string
}

// Recover copies everything that can be read of the store at damagedPath
// into a new store at newPath, record by record, and reports what was
// lost. The damaged file is only read, by boltfile's salvage, which trusts
// none of its pages, from the meta page bbolt would use. Each record must
// pass the rules Check holds it to (a text matching its hash, a quote
// matching its text, a label that exists) or it is reported lost; ids are
// kept, and the indexes are built anew. newPath must not exist: the store
// is written beside it and renamed into place only when it checks clean.
func Recover(damagedPath, newPath string) (RecoveryReport, error) {
	if _, err := os.Lstat(newPath); err == nil {
		return RecoveryReport{}, fmt.Errorf("%s exists: recover writes a new store, so name one that does not exist", newPath)
	}
	if same, _ := sameFile(damagedPath, newPath); same {
		return RecoveryReport{}, fmt.Errorf("recover needs a new file, not %s itself", damagedPath)
	}
	// While another claimdesk has the store open it may be mid-commit; a
	// shared lock keeps writers out, when bbolt can open the file at all.
	if boltfile.Preflight(damagedPath) == nil {
		db, _, err := openBolt(damagedPath, Options{ReadOnly: true, Timeout: DefaultTimeout})
		if errors.Is(err, ErrLocked) {
			return RecoveryReport{}, err
		}
		if err == nil {
			defer db.Close()
		}
	}
	salvage, err := boltfile.OpenSalvage(damagedPath)
	if err != nil {
		return RecoveryReport{}, fmt.Errorf("recover %s: nothing can be read: %w", damagedPath, err)
	}
	defer salvage.Close()

	temp, err := os.CreateTemp(filepath.Dir(newPath), ".claimdesk-recover-*.db")
	if err != nil {
		return RecoveryReport{}, err
	}
	tempPath := temp.Name()
	temp.Close()
	defer os.Remove(tempPath) // gone once renamed; left over only on failure
	report, err := recoverInto(salvage, tempPath)
	if err != nil {
		return report, err
	}
	return report, os.Rename(tempPath, newPath)
}

func sameFile(a, b string) (bool, error) {
	ia, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	ib, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(ia, ib), nil
}

// recoverInto copies what salvage reads into a new store at path, and
// checks it.
func recoverInto(salvage *boltfile.Salvage, path string) (RecoveryReport, error) {
	page, txid := salvage.Source()
	r := &recovery{salvage: salvage, texts: map[uint64]*TextIndex{}, claims: map[uint64]bool{},
		refusedArticles: map[uint64]bool{}, refusedClaims: map[uint64]bool{}}
	r.report.From = fmt.Sprintf("meta page %d, transaction %d", page, txid)
	for _, err := range salvage.MetaProblems() {
		r.lose("%v", err)
	}
	s, err := Open(path)
	if err != nil {
		return r.report, err
	}
	err = s.update(r.copyAll)
	if err == nil {
		err = s.Check()
	}
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return r.report, fmt.Errorf("write the recovered store: %w", err)
	}
	for _, err := range salvage.Lost() {
		r.report.Lost = append(r.report.Lost, "unreadable: "+err.Error())
	}
	r.listUnrecovered()
	return r.report, nil
}

// recovery is one run of Recover.
type recovery struct {
	salvage *boltfile.Salvage
	report  RecoveryReport
	texts   map[uint64]*TextIndex // recovered article id -> its text, indexed for its claims' quotes
	claims  map[uint64]bool       // recovered claim ids
	// refused are the article and claim ids already named as lost, with why.
	refusedArticles, refusedClaims map[uint64]bool
	// listedArticles and listedClaims are what the damaged file's
	// indexes list: the hash index, and the article index's
	// article|claim pairs.
	listedArticles []uint64
	listedClaims   [][2]uint64
}

func (r *recovery) lose(format string, args ...any) {
	r.report.Lost = append(r.report.Lost, fmt.Sprintf(format, args...))
}

// copyAll fills the new store's transaction: the schema, the labels, the
// articles, then the claims, which are checked against them.
func (r *recovery) copyAll(tx *bolt.Tx) error {
	steps := []func(*bolt.Tx) error{r.schema, r.labels, r.articles, r.statuses, r.claimsOf, r.indexes, r.team, recountSummaries}
	for _, step := range steps {
		if err := step(tx); err != nil {
			return err
		}
	}
	return nil
}

func (r *recovery) schema(*bolt.Tx) error {
	var version []byte
	r.salvage.Each(string(bucketMeta), func(k, v []byte) {
		if string(k) == string(keySchemaVersion) {
			version = v
		}
	})
	v, err := strconv.Atoi(string(version))
	switch {
	case version == nil:
		r.lose("the schema version could not be read; the records are read as schema %d", SchemaVersion)
	case err != nil || v < 0:
		r.lose("schema version %q; the records are read as schema %d", version, SchemaVersion)
	case v > SchemaVersion:
		return fmt.Errorf("%w (schema %d; this build reads up to %d): recover it with a newer claimdesk", ErrNewerSchema, v, SchemaVersion)
	}
	return nil
}

// labels replaces the new store's default labels with the recovered ones.
func (r *recovery) labels(tx *bolt.Tx) error {
	b := tx.Bucket(bucketLabels)
	for _, l := range DefaultLabels() {
		if err := b.Delete([]byte(l.Name)); err != nil {
			return err
		}
	}
	hotkeys := map[string]string{}
	var failed error
	_, found := r.salvage.Each(string(bucketLabels), func(k, v []byte) {
		var l Label
		if err := decodeJSON(v, &l); err != nil {
			r.lose("label %q: %v", k, err)
			return
		}
		if err := validateLabel(&l); err != nil || l.Name != string(k) {
			r.lose("label %q: damaged (%v)", k, err)
			return
		}
		if other, taken := hotkeys[l.Hotkey]; taken && l.Hotkey != "" {
			r.lose("label %q: hotkey %s is also %q's; it is left without one", l.Name, l.Hotkey, other)
			l.Hotkey = ""
		}
		hotkeys[l.Hotkey] = l.Name
		if err := putJSON(b, []byte(l.Name), l); err != nil && failed == nil {
			failed = err
		}
		r.report.Labels++
	})
	if !found {
		r.lose("the labels bucket is lost; labels the claims use are made anew")
	}
	return failed
}

func (r *recovery) articles(tx *bolt.Tx) error {
	arts, hashes := tx.Bucket(bucketArticles), tx.Bucket(bucketHashes)
	var failed error
	var maxID uint64
	seq, found := r.salvage.Each(string(bucketArticles), func(k, v []byte) {
		var a Article
		switch err := decodeJSON(v, &a); {
		case len(k) != 8:
			r.lose("an article key of %d bytes, not 8: damaged", len(k))
			return
		case err != nil:
			r.refusedArticles[keyID(k)] = true
			r.lose("article %d: %v", keyID(k), err)
			return
		case a.ID != keyID(k):
			r.lose("article %d: stored under key %d: damaged", a.ID, keyID(k))
			return
		case HashText(a.Text) != a.SHA256:
			r.refusedArticles[a.ID] = true
			r.lose("article %d %q: its text does not match its hash: damaged", a.ID, OneLine(a.Title))
			return
		case hashes.Get([]byte(a.SHA256)) != nil:
			r.lose("article %d %q: the same text as article %d", a.ID, OneLine(a.Title), keyID(hashes.Get([]byte(a.SHA256))))
			return
		}
		// A record from before schema 2 carries its status.
		if a.Status != "" && !a.Status.Valid() {
			r.lose("article %d: unknown status %q, set to %q", a.ID, a.Status, StatusInProgress)
			a.Status = StatusInProgress
		}
		err := putArticleRecord(arts, k, a)
		if err == nil && a.Status != "" && a.Status != StatusNew {
			err = putStatus(tx, a.ID, "", statusRecord{Status: a.Status, Set: a.Added})
		}
		if err == nil {
			err = hashes.Put([]byte(a.SHA256), k)
		}
		if err != nil && failed == nil {
			failed = err
		}
		r.texts[a.ID] = NewTextIndex(a.Text)
		maxID = max(maxID, a.ID)
		r.report.Articles++
	})
	if !found {
		r.lose("the articles bucket is lost")
	}
	if failed != nil {
		return failed
	}
	return arts.SetSequence(max(seq, maxID))
}

// statuses copies every annotator's status on a recovered article.
func (r *recovery) statuses(tx *bolt.Tx) error {
	var failed error
	r.salvage.Each(string(bucketStatus), func(k, v []byte) {
		var rec statusRecord
		switch err := decodeJSON(v, &rec); {
		case len(k) < 8:
			r.lose("a status key of %d bytes, shorter than an article id: damaged", len(k))
			return
		case err != nil || !rec.Status.Valid():
			r.lose("the status of %q on article %d: damaged", string(k[8:]), keyID(k[:8]))
			return
		}
		if _, ok := r.texts[keyID(k[:8])]; !ok {
			return // its article is lost, and listed as lost
		}
		if err := putStatus(tx, keyID(k[:8]), string(k[8:]), rec); err != nil && failed == nil {
			failed = err
		}
	})
	return failed
}

func (r *recovery) claimsOf(tx *bolt.Tx) error {
	b, labels := tx.Bucket(bucketClaims), tx.Bucket(bucketLabels)
	var failed error
	var maxID uint64
	seq, found := r.salvage.Each(string(bucketClaims), func(k, v []byte) {
		var c Claim
		if len(k) != 8 {
			r.lose("a claim key of %d bytes, not 8: damaged", len(k))
			return
		}
		c, err := decodeClaim(k, v)
		if err != nil {
			r.refusedClaims[keyID(k)] = true
			r.lose("claim %d: %v", keyID(k), err)
			return
		}
		if c.ID == keyID(k) {
			r.refusedClaims[c.ID] = true // until it is recovered
		}
		text, ok := r.texts[c.ArticleID]
		switch {
		case c.ID != keyID(k):
			r.lose("claim %d: stored under key %d: damaged", c.ID, keyID(k))
			return
		case !ok:
			r.lose("claim %d: its article %d is not recovered", c.ID, c.ArticleID)
			return
		}
		if q, err := spanQuote(Article{ID: c.ArticleID, Text: text.Text()}, text, c.Start, c.End); err != nil || q != c.Quote {
			r.lose("claim %d: quote %q does not match article %d at %d–%d: damaged", c.ID, c.Quote, c.ArticleID, c.Start, c.End)
			return
		}
		if !c.Origin.Valid() {
			r.lose("claim %d: unknown origin %q, set to %q", c.ID, c.Origin, OriginImported)
			c.Origin = OriginImported
		}
		if labels.Get([]byte(c.Label)) == nil {
			if err := r.remakeLabel(labels, c); err != nil {
				return
			}
		}
		if err := writeClaim(tx, c); err != nil && failed == nil {
			failed = err
		}
		r.claims[c.ID] = true
		delete(r.refusedClaims, c.ID)
		maxID = max(maxID, c.ID)
		r.report.Claims++
	})
	if !found {
		r.lose("the claims bucket is lost")
	}
	if failed != nil {
		return failed
	}
	return b.SetSequence(max(seq, maxID))
}

// remakeLabel makes anew, in the next free colour, a label a recovered
// claim uses whose own record is lost.
func (r *recovery) remakeLabel(labels *bolt.Bucket, c Claim) error {
	var existing []Label
	_ = eachRecord(labels, func(l Label) error { existing = append(existing, l); return nil })
	l := Label{Name: c.Label, Colour: NextLabelColour(existing)}
	if err := validateLabel(&l); err != nil {
		r.lose("claim %d: label %q: %v", c.ID, c.Label, err)
		return err
	}
	r.lose("label %q is lost; made anew in %s for the claims that use it", l.Name, l.Colour)
	r.report.Labels++
	return putJSON(labels, []byte(l.Name), l)
}

// indexes reads the damaged file's indexes, not to copy them (the new
// store's are built from the records) but to name what they list and was
// not recovered.
func (r *recovery) indexes(*bolt.Tx) error {
	r.salvage.Each(string(bucketHashes), func(_, v []byte) {
		if len(v) == 8 {
			r.listedArticles = append(r.listedArticles, keyID(v))
		}
	})
	slices.Sort(r.listedArticles)
	r.salvage.Each(string(bucketIndex), func(k, _ []byte) {
		if len(k) == 16 {
			r.listedClaims = append(r.listedClaims, [2]uint64{keyID(k[:8]), keyID(k[8:])})
		}
	})
	return nil
}

// listUnrecovered names the articles and claims the damaged file's
// indexes list that were not recovered.
func (r *recovery) listUnrecovered() {
	for _, id := range r.listedArticles {
		if _, ok := r.texts[id]; !ok && !r.refusedArticles[id] {
			r.lose("article %d is lost", id)
		}
	}
	for _, pair := range r.listedClaims {
		if !r.claims[pair[1]] && !r.refusedClaims[pair[1]] {
			r.lose("claim %d of article %d is lost", pair[1], pair[0])
		}
	}
}

// team copies the store's team membership, so that a recovered store still
// syncs with its team folder under the same name. The fingerprints of what
// was last written and read go with it: where recovery lost claims, they no
// longer match, and the next sync writes and reads those layers again.
func (r *recovery) team(tx *bolt.Tx) error {
	var failed error
	r.salvage.Each(string(bucketTeam), func(k, v []byte) {
		if string(k) != string(keyTeamMembership) {
			return
		}
		var m TeamMembership
		if err := decodeJSON(v, &m); err != nil || m.Folder == "" || m.Annotator == "" {
			r.lose("the team membership: damaged; join the team folder again (claimdesk team join)")
			return
		}
		b, err := tx.CreateBucketIfNotExists(bucketTeam)
		if err == nil {
			err = putJSON(b, keyTeamMembership, m)
		}
		failed = err
	})
	return failed
}
