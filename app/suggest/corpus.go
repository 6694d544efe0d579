package suggest

import (
	"claimdesk/storage"
)

// Source is what the engine reads from the store; *storage.Store is one.
type Source interface {
	Labels() ([]storage.Label, error)
	ForEachArticle(fn func(storage.Article) error) error
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
	var c Corpus
	labels, err := src.Labels()
	if err != nil {
		return c, err
	}
	for _, l := range labels {
		c.Labels = append(c.Labels, l.Name)
	}
	err = src.ForEachArticle(func(a storage.Article) error {
		claims, err := src.Claims(a.ID)
		if err != nil {
			return err
		}
		c.Docs = append(c.Docs, Document{ID: a.ID, Title: a.Title, Text: []rune(a.Text), Claims: claims})
		return nil
	})
	return c, err
}

// Examples turns every claim of docs into a training example.
func Examples(docs []Document, cues *Cues) []Example {
	var out []Example
	for _, d := range docs {
		for _, c := range d.Claims {
			out = append(out, claimExample(d.Text, c, cues))
		}
	}
	return out
}

// claimExample is a stored claim as the classifier sees it.
func claimExample(text []rune, c storage.Claim, cues *Cues) Example {
	ex := describe(text, c.Start, c.End, c.Speaker, cues)
	ex.ArticleID, ex.ClaimID, ex.Label, ex.Target = c.ArticleID, c.ID, c.Label, c.Target
	return ex
}
