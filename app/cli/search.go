package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"claimdesk/app/search"
	"claimdesk/storage"
)

func runSearch(env *Env, args []string) error {
	fs := newFlagSet(env, "search", "[flags] QUERY...",
		"Finds claims by fuzzy match over quote, label, speaker, target, note, annotator and article title.\n"+
			"Filters combine with words: label:denial speaker:peskov target: article: annotator:")
	db := dbFlag(fs)
	limit := fs.Int("limit", 20, "show at most `N` results")
	asJSON := fs.Bool("json", false, "one JSON object a line")
	if err := parse(fs, args); err != nil {
		return err
	}
	query := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if query == "" {
		return usageErrorf("search needs a QUERY, e.g. claimdesk search peskov label:denial")
	}
	if *limit <= 0 {
		return usageErrorf("--limit must be at least 1")
	}
	store, err := openStore(env, *db, true)
	if err != nil {
		return err
	}
	defer store.Close()
	// One query, then exit: reading the stored claims once costs less
	// than building an index to ask it once.
	results, err := search.SearchStore(context.Background(), store, query, *limit)
	if err != nil {
		return err
	}
	if *asJSON {
		return printSearchJSON(env, results)
	}
	for _, r := range results {
		fmt.Fprintf(env.Stdout, "%-12s %-40s %6d-%-6d %s\n", r.Label, clip(r.ArticleTitle, 40), r.Start, r.End, storage.OneLine(r.Quote))
	}
	if len(results) == 0 {
		fmt.Fprintf(env.Stderr, "no claim matches %q\n", query)
	}
	return nil
}

type searchHit struct {
	ID           uint64 `json:"id"`
	ArticleID    uint64 `json:"article_id"`
	ArticleTitle string `json:"article_title"`
	Start        int    `json:"start"`
	End          int    `json:"end"`
	Label        string `json:"label"`
	Quote        string `json:"quote"`
	Speaker      string `json:"speaker,omitempty"`
	Target       string `json:"target,omitempty"`
	Note         string `json:"note,omitempty"`
	Annotator    string `json:"annotator,omitempty"`
	Score        int    `json:"score"`
}

func printSearchJSON(env *Env, results []search.Result) error {
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	for _, r := range results {
		hit := searchHit{r.ID, r.ArticleID, r.ArticleTitle, r.Start, r.End, r.Label, r.Quote, r.Speaker, r.Target, r.Note, r.Annotator, r.Score}
		if err := enc.Encode(hit); err != nil {
			return err
		}
	}
	return nil
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
