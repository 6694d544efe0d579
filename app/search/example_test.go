package search_test

import (
	"fmt"
	"time"

	"claimdesk/app/search"
)

func ExampleParseQuery() {
	q := search.ParseQuery(`putin praise speaker:"dmitry peskov" label:denial`)
	fmt.Printf("%q %q %q\n", q.Words, q.Speaker, q.Label)
	fmt.Println(q)
	// Output:
	// ["putin" "praise"] "dmitry peskov" "denial"
	// putin praise label:denial speaker:"dmitry peskov"
}

func ExampleSession() {
	ix := search.NewIndex()
	ix.Put(search.Entry{ID: 1, ArticleID: 1, ArticleTitle: "Kremlin rejects report",
		Quote: "Putin praised Trump", Label: "praise", Speaker: "Dmitry Peskov", Updated: time.Now()})
	ix.Put(search.Entry{ID: 2, ArticleID: 1, Quote: "the report was absurd", Label: "denial", Speaker: "Dmitry Peskov"})

	s := ix.NewSession() // one per search box
	var results []search.Result
	for _, typed := range []string{"t", "tr", "tru", "trum", "trump"} {
		results, _ = s.Search(typed, 10) // an index no store backs never fails
	}
	for _, r := range results {
		fmt.Println(r.ID, r.Score, r.Quote, r.QuoteMatches)
	}
	// Output:
	// 1 31 Putin praised Trump [14 15 16 17 18]
}

func ExampleMatchTitles() {
	titles := []string{"Kremlin rejects report", "Ministry denies leak", "Peskov: report absurd"}
	fmt.Println(search.MatchTitles("report", titles))
	fmt.Println(search.MatchTitles("", titles))
	// Output:
	// [0 2]
	// [0 1 2]
}
