package suggest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"claimdesk/storage"
)

// The hand-labelled evaluation set: news-style articles in testdata/eval,
// each claim written in place as [[label|speaker|target|statement]].

func loadEvalSet(t testing.TB) Corpus {
	t.Helper()
	paths, err := filepath.Glob("testdata/eval/*.txt")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no evaluation articles: %v", err)
	}
	corpus := Corpus{Labels: []string{"denial", "accusation", "praise"}}
	var claimID uint64
	for i, path := range paths {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := parseMarkup(string(raw), uint64(i+1), &claimID)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		doc.Title = filepath.Base(path)
		corpus.Docs = append(corpus.Docs, doc)
	}
	return corpus
}

// parseMarkup turns marked-up text into a document with its claims.
func parseMarkup(marked string, articleID uint64, claimID *uint64) (Document, error) {
	var text []rune
	var claims []storage.Claim
	for {
		open := strings.Index(marked, "[[")
		if open < 0 {
			text = append(text, []rune(marked)...)
			break
		}
		text = append(text, []rune(marked[:open])...)
		rest := marked[open+2:]
		end := strings.Index(rest, "]]")
		if end < 0 {
			return Document{}, errUnclosed
		}
		parts := strings.SplitN(rest[:end], "|", 4)
		if len(parts) != 4 {
			return Document{}, errFields
		}
		start := len(text)
		text = append(text, []rune(parts[3])...)
		*claimID++
		claims = append(claims, storage.Claim{
			ID: *claimID, ArticleID: articleID, Start: start, End: len(text), Quote: parts[3],
			Label: parts[0], Speaker: parts[1], Target: parts[2],
		})
		marked = rest[end+2:]
	}
	return Document{ID: articleID, Text: text, Claims: claims}, nil
}

type markupError string

func (e markupError) Error() string { return string(e) }

const (
	errUnclosed = markupError("[[ without ]]")
	errFields   = markupError("a claim needs label|speaker|target|statement")
)

func TestEvalSetShape(t *testing.T) {
	corpus := loadEvalSet(t)
	claims := 0
	for _, d := range corpus.Docs {
		for _, c := range d.Claims {
			if string(d.Text[c.Start:c.End]) != c.Quote {
				t.Errorf("%s: claim %q does not match its offsets", d.Title, c.Quote)
			}
		}
		claims += len(d.Claims)
	}
	if len(corpus.Docs) < 16 || claims < 75 {
		t.Errorf("evaluation set shrank: %d articles, %d claims", len(corpus.Docs), claims)
	}
}
