package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"claimdesk/app/suggest"
	"claimdesk/storage"
)

func runSuggest(env *Env, args []string) error {
	fs := newFlagSet(env, "suggest", "[ARTICLE-ID...] [--min-score S] [--json] | --evaluate [--folds K] [--json]",
		"Proposes the claims each article most likely holds (all articles when none is given): attributed\n"+
			"quotes and reported statements with speaker, target, label and score, learned from this store's claims.\n"+
			"Offsets count code points. --evaluate cross-validates by article on the store's claims instead.")
	db := dbFlag(fs)
	minScore := fs.Float64("min-score", 0, "leave out candidates scored below `S` (0 to 1)")
	asJSON := fs.Bool("json", false, "one JSON object a line (with --evaluate, one report)")
	evaluate := fs.Bool("evaluate", false, "measure label suggestion and candidates by K-fold cross-validation")
	folds := fs.Int("folds", 5, "`K` folds for --evaluate")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *minScore < 0 || *minScore > 1 || math.IsNaN(*minScore) {
		return usageErrorf("--min-score must be between 0 and 1, got %v", *minScore)
	}
	if *folds < 2 {
		return usageErrorf("--folds must be at least 2, got %d", *folds)
	}
	ids, err := articleIDs(fs.Args())
	if err != nil {
		return err
	}
	if *evaluate && len(ids) > 0 {
		return usageErrorf("--evaluate uses every article; drop the article ids")
	}
	store, err := openStore(env, *db, true)
	if err != nil {
		return err
	}
	defer store.Close()
	corpus, err := suggest.LoadCorpus(store)
	if err != nil {
		return err
	}
	if *evaluate {
		return printEvaluation(env, corpus, *folds, *asJSON)
	}
	return printCandidates(env, corpus, ids, *minScore, *asJSON)
}

func articleIDs(args []string) ([]uint64, error) {
	var ids []uint64
	for _, a := range args {
		id, err := strconv.ParseUint(a, 10, 64)
		if err != nil || id == 0 {
			return nil, usageErrorf("%q is not an article id (a number, as claimdesk export shows)", a)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

func printEvaluation(env *Env, corpus suggest.Corpus, folds int, asJSON bool) error {
	report, err := suggest.Evaluate(context.Background(), corpus, folds, suggest.English)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(report)
	}
	report.WriteText(env.Stdout)
	return nil
}

// candidateLine is one line of claimdesk suggest --json.
type candidateLine struct {
	ArticleID uint64  `json:"article_id"`
	Start     int     `json:"start"`
	End       int     `json:"end"`
	Quote     string  `json:"quote"`
	Label     string  `json:"label"`
	Score     float64 `json:"score"`
	Speaker   string  `json:"speaker"`
	Target    string  `json:"target"`
}

func printCandidates(env *Env, corpus suggest.Corpus, ids []uint64, minScore float64, asJSON bool) error {
	docs, err := pickDocs(corpus, ids)
	if err != nil {
		return err
	}
	model := suggest.BuildModel(corpus.Labels, suggest.Examples(corpus.Docs, suggest.English), suggest.English)
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	for _, d := range docs {
		cands, err := model.Candidates(context.Background(), d.ID, d.Text, d.Claims, nil)
		if err != nil {
			return err
		}
		for _, c := range suggest.Above(cands, minScore) {
			score := math.Round(c.Score*1000) / 1000
			if asJSON {
				if err := enc.Encode(candidateLine{d.ID, c.Start, c.End, c.Quote, c.Label, score, c.Speaker, c.Target}); err != nil {
					return err
				}
				continue
			}
			fmt.Fprintf(env.Stdout, "%d\t%d-%d\t%s\t%.3f\t%s\t%s\n", d.ID, c.Start, c.End, c.Label, score, c.Speaker, storage.OneLine(c.Quote))
		}
	}
	return nil
}

// pickDocs returns the documents with the given ids, in the order given,
// or every document when no id is given.
func pickDocs(corpus suggest.Corpus, ids []uint64) ([]suggest.Document, error) {
	if len(ids) == 0 {
		return corpus.Docs, nil
	}
	byID := map[uint64]suggest.Document{}
	for _, d := range corpus.Docs {
		byID[d.ID] = d
	}
	var out []suggest.Document
	for _, id := range ids {
		d, ok := byID[id]
		if !ok {
			return nil, fmt.Errorf("no article %d in the store", id)
		}
		out = append(out, d)
	}
	return out, nil
}
