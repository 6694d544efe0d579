package storage

import (
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Article is one news article. Text never changes once stored, so offsets
// into it never drift.
type Article struct {
	ID     uint64    `json:"id"`
	Title  string    `json:"title"`
	Source string    `json:"source,omitempty"`
	Text   string    `json:"text"`
	SHA256 string    `json:"sha256"`
	Added  time.Time `json:"added"`
	Status Status    `json:"status"`
	Meta   Meta      `json:"meta,omitempty"`
}

// ArticleSummary is an article without its text, plus its claim count: what
// lists of articles need without reading every text.
type ArticleSummary struct {
	ID      uint64    `json:"id"`
	Title   string    `json:"title"`
	Source  string    `json:"source,omitempty"`
	Status  Status    `json:"status"`
	Added   time.Time `json:"added"`
	Claims  int       `json:"claims"`
	RuneLen int       `json:"rune_len"`
}

// Status is where an article stands in the analyst's work.
type Status string

// The statuses an article moves through.
const (
	StatusNew        Status = "new"
	StatusInProgress Status = "in progress"
	StatusDone       Status = "done"
)

// Valid reports whether s is one of the known statuses.
func (s Status) Valid() bool {
	return s == StatusNew || s == StatusInProgress || s == StatusDone
}

// DuplicateError is returned when an article with the same text is stored
// already.
type DuplicateError struct {
	ExistingID    uint64
	ExistingTitle string
}

func (e *DuplicateError) Error() string {
	return fmt.Sprintf("same text as article %d %q", e.ExistingID, e.ExistingTitle)
}

// AddArticle normalises the text, stores the article and returns it with its
// id, hash and time set, plus what normalisation changed. An article whose
// text is stored already yields a *DuplicateError.
func (s *Store) AddArticle(a Article) (Article, Normalization, error) {
	a, _, n, err := s.ImportArticle(a, nil)
	return a, n, err
}

// TitleFromText is the first non-empty line, trimmed and cut to 200 runes.
func TitleFromText(text string) string {
	for line := range strings.SplitSeq(text, "\n") {
		if t := strings.TrimSpace(line); t != "" {
			if r := []rune(t); len(r) > 200 {
				return string(r[:200]) + "…"
			}
			return t
		}
	}
	return "Untitled"
}

// Article returns the article with id, or ErrNotFound.
func (s *Store) Article(id uint64) (Article, error) {
	var a Article
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		a, err = getArticle(tx, id)
		return err
	})
	return a, err
}

// ArticleByHash finds the article whose normalised text has the given hash.
func (s *Store) ArticleByHash(hash string) (Article, bool, error) {
	var (
		a  Article
		ok bool
	)
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		a, ok, err = articleByHash(tx, hash)
		return err
	})
	return a, ok, err
}

// ArticleSummaries lists every article in id order with its claim count,
// all from one snapshot of the store. It reads the articles' summaries
// and statuses, never a text nor a claim.
func (s *Store) ArticleSummaries() ([]ArticleSummary, error) {
	var out []ArticleSummary
	err := s.view(func(tx *bolt.Tx) error {
		statuses, err := summaryStatuses(tx)
		if err != nil {
			return err
		}
		out = make([]ArticleSummary, 0, tx.Bucket(bucketSummaries).Stats().KeyN)
		return eachSummary(tx, func(id uint64, r summaryRecord) error {
			out = append(out, r.summary(id, statusOr(statuses, id)))
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ForEachArticle calls fn for every article in id order, stopping at the
// first error fn returns. fn runs inside a read transaction: it must not
// write to the store.
func (s *Store) ForEachArticle(fn func(Article) error) error {
	return s.view(func(tx *bolt.Tx) error {
		return eachArticle(tx, func(a Article) error { return callback(fn, a) })
	})
}

// eachArticle decodes every article in id order with its Status set.
func eachArticle(tx *bolt.Tx, fn func(Article) error) error {
	statuses, err := summaryStatuses(tx)
	if err != nil {
		return err
	}
	return eachRecord(tx.Bucket(bucketArticles), func(a Article) error {
		a.Status = statusOr(statuses, a.ID)
		return fn(a)
	})
}

func statusOr(statuses map[uint64]Status, id uint64) Status {
	if st, ok := statuses[id]; ok {
		return st
	}
	return StatusNew
}

// SetArticleStatus records where the analyst with no name stands with an
// article: SetAnnotatorStatus for annotator "".
func (s *Store) SetArticleStatus(id uint64, status Status) error {
	return s.SetAnnotatorStatus(id, "", status)
}

// DeleteArticle removes an article and all its claims.
func (s *Store) DeleteArticle(id uint64) error {
	var (
		a       Article
		removed []Claim
	)
	err := s.update(func(tx *bolt.Tx) error {
		var err error
		if a, err = getArticle(tx, id); err != nil {
			return err
		}
		if removed, err = claimsOf(tx, id); err != nil {
			return err
		}
		for _, c := range removed {
			if err := deleteClaimRecord(tx, c); err != nil {
				return err
			}
		}
		if err := tx.Bucket(bucketHashes).Delete([]byte(a.SHA256)); err != nil {
			return err
		}
		if err := deleteStatuses(tx, id); err != nil {
			return err
		}
		if err := tx.Bucket(bucketSummaries).Delete(idKey(id)); err != nil {
			return err
		}
		return tx.Bucket(bucketArticles).Delete(idKey(id))
	})
	if err != nil {
		return err
	}
	for _, c := range removed {
		s.notify(Change{Kind: ClaimDeleted, Claim: c})
	}
	s.notify(Change{Kind: ArticleDeleted, Article: summarise(a, 0)})
	return nil
}

// prepareArticle normalises an article and fills in what the store sets,
// refusing what no transaction could store.
func prepareArticle(a Article, withClaims bool) (Article, Normalization, error) {
	text, norm := Normalize(a.Text)
	if withClaims && text != a.Text {
		return Article{}, norm, invalidf("article %q: text changed by normalisation (%s); normalise before computing offsets", a.Title, norm)
	}
	if strings.TrimSpace(text) == "" {
		return Article{}, norm, invalidf("article %q has no text", a.Title)
	}
	a.Text = text
	a.SHA256 = HashText(text)
	a.Title = strings.TrimSpace(a.Title)
	if a.Title == "" {
		a.Title = TitleFromText(text)
	}
	if a.Added.IsZero() {
		a.Added = time.Now().UTC()
	}
	if a.Status == "" {
		a.Status = StatusNew
	}
	if !a.Status.Valid() {
		return Article{}, norm, invalidf("article %q: unknown status %q", a.Title, a.Status)
	}
	return a, norm, nil
}

// writeArticle stores a checked article and its checked claims, giving
// them their ids.
func writeArticle(tx *bolt.Tx, a *Article, claims []Claim) error {
	arts := tx.Bucket(bucketArticles)
	id, err := arts.NextSequence()
	if err != nil {
		return err
	}
	a.ID = id
	arts.FillPercent = appendFill
	if err := putArticleRecord(arts, idKey(id), *a); err != nil {
		return err
	}
	if err := putSummary(tx, id, newSummary(*a)); err != nil {
		return err
	}
	if a.Status != StatusNew {
		// An article arriving with a status (a team member's, a recovered
		// one) has it as the analyst with no name's.
		if err := putStatus(tx, id, "", statusRecord{Status: a.Status, Set: a.Added}); err != nil {
			return err
		}
	}
	if err := tx.Bucket(bucketHashes).Put([]byte(a.SHA256), idKey(id)); err != nil {
		return err
	}
	for i := range claims {
		claims[i].ArticleID = id
	}
	return writeNewClaims(tx, claims)
}

func getArticle(tx *bolt.Tx, id uint64) (Article, error) {
	var a Article
	ok, err := getJSON(tx.Bucket(bucketArticles), idKey(id), &a)
	if err == nil && !ok {
		err = fmt.Errorf("article %d: %w", id, ErrNotFound)
	}
	if err == nil {
		a.Status = summaryStatus(tx, id)
	}
	return a, err
}

func articleByHash(tx *bolt.Tx, hash string) (Article, bool, error) {
	key := tx.Bucket(bucketHashes).Get([]byte(hash))
	if key == nil {
		return Article{}, false, nil
	}
	a, err := getArticle(tx, keyID(key))
	return a, err == nil, err
}

func summarise(a Article, claims int) ArticleSummary {
	return ArticleSummary{ID: a.ID, Title: a.Title, Source: a.Source, Status: a.Status, Added: a.Added, Claims: claims, RuneLen: RuneLen(a.Text)}
}
