package suggest

import (
	"cmp"
	"errors"
	"slices"

	"claimdesk/storage"
)

// Source is what the engine reads from the store; *storage.Store is one.
type Source interface {
	Labels() ([]storage.Label, error)
	ArticleSummaries() ([]storage.ArticleSummary, error)
	Article(id uint64) (storage.Article, error)
	Claims(articleID uint64) ([]storage.Claim, error)
}

// Document is an article's text with its claims.
type Document struct {
	ID     uint64
	Title  string
	Text   []rune
	Claims []storage.Claim
}

// Corpus is what training and evaluation read: the labels in the store's
// order and every article with its claims.
type Corpus struct {
	Labels []string
	Docs   []Document
}

// LoadCorpus reads every article and claim of src.
func LoadCorpus(src Source) (Corpus, error) {
	labels, err := labelNames(src)
	c := Corpus{Labels: labels}
	if err != nil {
		return c, err
	}
	err = eachDocument(src, func(d Document) error {
		c.Docs = append(c.Docs, d)
		return nil
	})
	return c, err
}

// labelNames lists the names of src's labels in its order.
func labelNames(src Source) ([]string, error) {
	labels, err := src.Labels()
	names := make([]string, 0, len(labels))
	for _, l := range labels {
		names = append(names, l.Name)
	}
	return names, err
}

// eachDocument calls fn with every article of src and its claims, one at a
// time: a caller that keeps less than the texts (the engine keeps
// examples) never holds every article of a big store at once. Each article
// is read in a transaction of its own, never one inside another: closing
// the store waits for the transactions under way and holds back new ones,
// so a read nested in a long one would wait for the close forever, and
// the window could not quit while the engine learns.
func eachDocument(src Source, fn func(Document) error) error {
	return articlesInOrder(src, false, func(claims []storage.Claim, article articleReader) error {
		a, found, err := article()
		if err != nil || !found {
			return err
		}
		return fn(Document{ID: a.ID, Title: a.Title, Text: []rune(a.Text), Claims: claims})
	})
}

// articleReader reads an article whose claims articlesInOrder gave; found
// is false when the article was deleted since the list was read.
type articleReader func() (a storage.Article, found bool, err error)

// articlesInOrder calls fn with every article's claims, the newest
// article first or the oldest, and article to read the article itself: a
// reader that needs only the claims leaves the article's text unread (at
// a million claims the texts are some 140 MB of the store, which a window
// would keep mapped once read). Each read is a transaction of its own, as
// eachDocument says.
func articlesInOrder(src Source, newestFirst bool, fn func(claims []storage.Claim, article articleReader) error) error {
	summaries, err := src.ArticleSummaries()
	if err != nil {
		return err
	}
	if newestFirst {
		slices.SortStableFunc(summaries, func(a, b storage.ArticleSummary) int { return cmp.Compare(b.ID, a.ID) })
	}
	for _, s := range summaries {
		claims, err := src.Claims(s.ID)
		if err != nil {
			return err
		}
		read := func() (storage.Article, bool, error) {
			a, err := src.Article(s.ID)
			if errors.Is(err, storage.ErrNotFound) {
				return a, false, nil
			}
			return a, err == nil, err
		}
		if err := fn(claims, read); err != nil {
			return err
		}
	}
	return nil
}

// Examples turns every claim of docs into a training example.
func Examples(docs []Document, cues *Cues) []Example {
	var out []Example
	for _, d := range docs {
		text := newDescriber(d.Text, cues)
		for _, c := range d.Claims {
			out = append(out, claimExample(text, c))
		}
	}
	return out
}

// claimExample is a stored claim as the classifier sees it.
func claimExample(text *describer, c storage.Claim) Example {
	ex := text.describe(c.Start, c.End, c.Speaker)
	ex.ArticleID, ex.ClaimID, ex.Label, ex.Target = c.ArticleID, c.ID, c.Label, c.Target
	return ex
}
