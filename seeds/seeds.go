// Package seeds embeds the sample articles that a new, empty store starts
// with, so the window is never empty on first run.
package seeds

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"

	"claimdesk/storage"
)

//go:embed *.txt
var files embed.FS

// Article is one embedded sample article.
type Article struct {
	Name string
	Text string
}

// Articles returns the embedded articles, the seed article first (file
// names sort in the order they are meant to be read).
func Articles() []Article {
	names, _ := fs.Glob(files, "*.txt")
	sort.Strings(names)
	out := make([]Article, 0, len(names))
	for _, name := range names {
		raw, err := files.ReadFile(name)
		if err != nil {
			continue
		}
		out = append(out, Article{Name: name, Text: string(raw)})
	}
	return out
}

// errHasArticles stops LoadIfEmpty's look at the store at its first article.
var errHasArticles = errors.New("the store has articles")

// LoadIfEmpty imports the embedded articles into a store that holds no
// article yet and returns how many it added; a store with articles is left
// alone, so a user who deleted the seed does not get it back.
func LoadIfEmpty(store *storage.Store) (int, error) {
	// Reading the first article is enough to know: the window starts
	// through here, and listing every article would delay it on a big store.
	err := store.ForEachArticle(func(storage.Article) error { return errHasArticles })
	if err != nil {
		if errors.Is(err, errHasArticles) {
			err = nil
		}
		return 0, err
	}
	added := 0
	for _, a := range Articles() {
		_, _, err := store.AddArticle(storage.Article{Text: a.Text, Source: "seed:" + a.Name})
		if err != nil {
			return added, fmt.Errorf("seed %s: %w", a.Name, err)
		}
		added++
	}
	return added, nil
}
