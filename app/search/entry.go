package search

import (
	"time"

	"claimdesk/storage"
)

// Entry is one claim as the index holds it.
type Entry struct {
	ID, ArticleID uint64
	ArticleTitle  string
	Quote         string
	Label         string
	Speaker       string
	Target        string
	Note          string
	Annotator     string
	Start, End    int // code points of the article text, end exclusive
	Updated       time.Time
}

// EntryOf makes the Entry of a stored claim. articleTitle may be empty when
// the index already knows the article's title (see Index.Put).
func EntryOf(a storage.Claim, articleTitle string) Entry {
	return Entry{
		ID:           a.ID,
		ArticleID:    a.ArticleID,
		ArticleTitle: articleTitle,
		Quote:        a.Quote,
		Label:        a.Label,
		Speaker:      a.Speaker,
		Target:       a.Target,
		Note:         a.Note,
		Annotator:    a.Annotator,
		Start:        a.Start,
		End:          a.End,
		Updated:      a.Updated,
	}
}

// Result is one claim found by a search.
type Result struct {
	Entry
	// Score ranks the result: higher is better (see the package comment).
	Score int
	// QuoteMatches are the rune indexes of Quote to emphasise, ascending.
	QuoteMatches []int
}
