package storage

import (
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"
)

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
// all from one snapshot of the store.
func (s *Store) ArticleSummaries() ([]ArticleSummary, error) {
	var out []ArticleSummary
	err := s.view(func(tx *bolt.Tx) error {
		counts := claimCounts(tx)
		return tx.Bucket(bucketArticles).ForEach(func(_, v []byte) error {
			var a Article
			if err := decodeJSON(v, &a); err != nil {
				return err
			}
			out = append(out, summarise(a, counts[a.ID]))
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
		return tx.Bucket(bucketArticles).ForEach(func(_, v []byte) error {
			var a Article
			if err := decodeJSON(v, &a); err != nil {
				return err
			}
			return callback(fn, a)
		})
	})
}

// SetArticleStatus records where the analyst stands with an article.
func (s *Store) SetArticleStatus(id uint64, status Status) error {
	if !status.Valid() {
		return invalidf("unknown status %q", status)
	}
	var summary ArticleSummary
	err := s.update(func(tx *bolt.Tx) error {
		a, err := getArticle(tx, id)
		if err != nil {
			return err
		}
		a.Status = status
		summary = summarise(a, claimCount(tx, id))
		return putJSON(tx.Bucket(bucketArticles), idKey(id), a)
	})
	if err == nil {
		s.notify(Change{Kind: ArticleUpdated, Article: summary})
	}
	return err
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
		for _, an := range removed {
			if err := deleteClaimRecord(tx, an); err != nil {
				return err
			}
		}
		if err := tx.Bucket(bucketHashes).Delete([]byte(a.SHA256)); err != nil {
			return err
		}
		return tx.Bucket(bucketArticles).Delete(idKey(id))
	})
	if err != nil {
		return err
	}
	for _, an := range removed {
		s.notify(Change{Kind: ClaimDeleted, Claim: an})
	}
	s.notify(Change{Kind: ArticleDeleted, Article: summarise(a, 0)})
	return nil
}

func getArticle(tx *bolt.Tx, id uint64) (Article, error) {
	var a Article
	ok, err := getJSON(tx.Bucket(bucketArticles), idKey(id), &a)
	if err == nil && !ok {
		err = fmt.Errorf("article %d: %w", id, ErrNotFound)
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
