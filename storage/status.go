package storage

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Each annotator has their own status on an article (new, in progress,
// done), kept apart from the article's record in bucketStatus under
// article-id|annotator. The record holds the text, up to 50 MiB: setting a
// status, as the first claim on an article does, must not rewrite it.
// An annotator who never set a status on an article stands at new there.

var bucketStatus = []byte("article_status")

// AnnotatorStatus is where one annotator stands with one article.
type AnnotatorStatus struct {
	ArticleID uint64    `json:"article_id"`
	Annotator string    `json:"annotator"`
	Status    Status    `json:"status"`
	Set       time.Time `json:"set"`
}

// statusRecord is an AnnotatorStatus as bucketStatus holds it; the key
// carries the article and the annotator.
type statusRecord struct {
	Status Status    `json:"status"`
	Set    time.Time `json:"set"`
}

func statusKey(articleID uint64, annotator string) []byte {
	return append(idKey(articleID), annotator...)
}

// NormalizeAnnotator is an annotator's name as the store files it: without
// surrounding white space ("" is the analyst who gave no name).
func NormalizeAnnotator(name string) string { return strings.TrimSpace(name) }

// SetAnnotatorStatus records where annotator stands with an article, as
// of now. The article's record is not rewritten.
func (s *Store) SetAnnotatorStatus(articleID uint64, annotator string, status Status) error {
	return s.PutAnnotatorStatus(AnnotatorStatus{ArticleID: articleID, Annotator: annotator, Status: status})
}

// PutAnnotatorStatus records a status as given, with the time it was set
// (now when st.Set is zero): for statuses that arrive from elsewhere, such
// as a team member's, whose time must decide which was set last.
func (s *Store) PutAnnotatorStatus(st AnnotatorStatus) error {
	if !st.Status.Valid() {
		return invalidf("unknown status %q", st.Status)
	}
	if st.Set.IsZero() {
		st.Set = time.Now()
	}
	articleID, annotator := st.ArticleID, NormalizeAnnotator(st.Annotator)
	var summary ArticleSummary
	err := s.update(func(tx *bolt.Tx) error {
		a, err := getArticle(tx, articleID)
		if err != nil {
			return err
		}
		if err := putStatus(tx, articleID, annotator, statusRecord{Status: st.Status, Set: st.Set.UTC()}); err != nil {
			return err
		}
		a.Status = summaryStatus(tx, articleID)
		summary = summarise(a, claimCount(tx, articleID))
		return nil
	})
	if err == nil {
		s.notify(Change{Kind: ArticleUpdated, Article: summary})
	}
	return err
}

// AnnotatorStatusOf is where annotator stands with an article: new when
// they never set a status there. It reads no article text.
func (s *Store) AnnotatorStatusOf(articleID uint64, annotator string) (Status, error) {
	status := StatusNew
	err := s.view(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketArticles).Get(idKey(articleID)) == nil {
			return fmt.Errorf("article %d: %w", articleID, ErrNotFound)
		}
		var rec statusRecord
		ok, err := getJSON(tx.Bucket(bucketStatus), statusKey(articleID, NormalizeAnnotator(annotator)), &rec)
		if ok {
			status = rec.Status
		}
		return err
	})
	return status, err
}

// AnnotatorStatuses lists every status set on one article, by annotator
// name.
func (s *Store) AnnotatorStatuses(articleID uint64) ([]AnnotatorStatus, error) {
	var out []AnnotatorStatus
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = statusesOf(tx, articleID)
		return err
	})
	return out, err
}

// AllAnnotatorStatuses lists every status set on any article, by article
// id and then annotator name, from one snapshot.
func (s *Store) AllAnnotatorStatuses() ([]AnnotatorStatus, error) {
	var out []AnnotatorStatus
	err := s.view(func(tx *bolt.Tx) error {
		return eachStatus(tx.Bucket(bucketStatus).Cursor(), nil, func(st AnnotatorStatus) {
			out = append(out, st)
		})
	})
	return out, err
}

func putStatus(tx *bolt.Tx, articleID uint64, annotator string, rec statusRecord) error {
	return putJSON(tx.Bucket(bucketStatus), statusKey(articleID, annotator), rec)
}

func statusesOf(tx *bolt.Tx, articleID uint64) ([]AnnotatorStatus, error) {
	var out []AnnotatorStatus
	err := eachStatus(tx.Bucket(bucketStatus).Cursor(), idKey(articleID), func(st AnnotatorStatus) {
		out = append(out, st)
	})
	return out, err
}

// eachStatus decodes the statuses whose keys start with prefix (all of
// them for nil), in key order.
func eachStatus(c *bolt.Cursor, prefix []byte, fn func(AnnotatorStatus)) error {
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if len(k) < 8 {
			return fmt.Errorf("%w: a status key of %d bytes, shorter than an article id", ErrDamaged, len(k))
		}
		var rec statusRecord
		if err := decodeJSON(v, &rec); err != nil {
			return err
		}
		fn(AnnotatorStatus{ArticleID: keyID(k[:8]), Annotator: string(k[8:]), Status: rec.Status, Set: rec.Set})
	}
	return nil
}

// deleteStatuses removes every status set on an article.
func deleteStatuses(tx *bolt.Tx, articleID uint64) error {
	b := tx.Bucket(bucketStatus)
	prefix := idKey(articleID)
	var keys [][]byte
	c := b.Cursor()
	for k, _ := c.Seek(prefix); hasPrefix(k, prefix); k, _ = c.Next() {
		keys = append(keys, bytes.Clone(k))
	}
	for _, k := range keys {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// Standing is where an annotator stands with an article, from the statuses
// set on it: their own, or, where they set none, the one a store from
// before statuses per annotator kept for everyone (the unnamed analyst's),
// else new. theirs tells which recorded names are the annotator's.
func Standing(statuses []AnnotatorStatus, theirs func(name string) bool) Status {
	standing := StatusNew
	for _, st := range statuses {
		switch {
		case theirs(st.Annotator):
			return st.Status
		case st.Annotator == "":
			standing = st.Status
		}
	}
	return standing
}

// summaryStatus is Article.Status: the status set last on the article,
// by whichever annotator (new when nobody set one). For one analyst it is
// their status; a team reads each annotator's with AnnotatorStatusOf.
func summaryStatus(tx *bolt.Tx, articleID uint64) Status {
	statuses, err := statusesOf(tx, articleID)
	if err != nil {
		return StatusNew
	}
	return latestStatus(statuses)
}

func latestStatus(statuses []AnnotatorStatus) Status {
	if len(statuses) == 0 {
		return StatusNew
	}
	// Stable, so of two set at the same instant the later name wins, the
	// same way every time.
	sort.SliceStable(statuses, func(i, j int) bool { return statuses[i].Set.Before(statuses[j].Set) })
	return statuses[len(statuses)-1].Status
}

// summaryStatuses is summaryStatus of every article that has a status,
// from one pass over the bucket.
func summaryStatuses(tx *bolt.Tx) (map[uint64]Status, error) {
	byArticle := map[uint64][]AnnotatorStatus{}
	err := eachStatus(tx.Bucket(bucketStatus).Cursor(), nil, func(st AnnotatorStatus) {
		byArticle[st.ArticleID] = append(byArticle[st.ArticleID], st)
	})
	return latestStatuses(byArticle), err
}

// latestStatuses is each article's status in its summary: the latest set
// of the statuses set on it, by article.
func latestStatuses(byArticle map[uint64][]AnnotatorStatus) map[uint64]Status {
	out := make(map[uint64]Status, len(byArticle))
	for id, sts := range byArticle {
		out[id] = latestStatus(sts)
	}
	return out
}

// migrateStatusOutOfArticles is the step from schema 1 to 2: an article's
// status moves from its record into bucketStatus under the analyst with no
// name (schema 1 had one status per article, nobody's in particular), and
// the record is written again without it.
func migrateStatusOutOfArticles(tx *bolt.Tx) error {
	arts := tx.Bucket(bucketArticles)
	type moved struct {
		key []byte
		a   Article
	}
	var all []moved
	err := arts.ForEach(func(k, v []byte) error {
		var a Article
		if err := decodeJSON(v, &a); err != nil {
			return fmt.Errorf("article %d: %w", keyID(k), err)
		}
		all = append(all, moved{bytes.Clone(k), a})
		return nil
	})
	if err != nil {
		return err
	}
	for _, m := range all {
		if m.a.Status != "" && m.a.Status != StatusNew {
			if err := putStatus(tx, keyID(m.key), "", statusRecord{Status: m.a.Status, Set: m.a.Added}); err != nil {
				return err
			}
		}
		if err := putArticleRecord(arts, m.key, m.a); err != nil {
			return err
		}
	}
	return nil
}

// Annotators lists, sorted, every annotator who has a claim or a status in
// the store ("" for the analyst with no name, when they have one): the
// layers a window can switch between.
func (s *Store) Annotators() ([]string, error) {
	seen := map[string]bool{}
	err := s.view(func(tx *bolt.Tx) error {
		err := eachSummary(tx, func(_ uint64, r summaryRecord) error {
			for _, t := range r.tallies {
				seen[t.Annotator] = true
			}
			return nil
		})
		if err != nil {
			return err
		}
		return eachStatus(tx.Bucket(bucketStatus).Cursor(), nil, func(st AnnotatorStatus) {
			seen[st.Annotator] = true
		})
	})
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(seen))
	for name := range seen {
		out = append(out, name)
	}
	sort.Strings(out)
	return out, nil
}
