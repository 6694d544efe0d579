package cli

import (
	"errors"
	"fmt"
	"strings"

	"claimdesk/app/team"
	"claimdesk/storage"
)

func runAdjudicate(env *Env, args []string) error {
	fs := newFlagSet(env, "adjudicate", "--agreed K [--annotators a,b,...]",
		"Copies into the gold layer (annotator gold) every claim — article, start, end, label — made\n"+
			"by at least K of the annotators, once: running it again adds nothing. Speaker, target and\n"+
			"note come from the first of those annotators by name. `claimdesk export --annotator gold`\n"+
			"writes the gold layer.")
	db := dbFlag(fs)
	agreed := fs.Int("agreed", 0, "copy claims made by at least `K` annotators (required)")
	var annotators listFlag
	fs.Var(&annotators, "annotators", "count these `names` (comma-separated or repeated; default everyone but gold)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("adjudicate takes no arguments, got %q", fs.Arg(0))
	}
	if !isSet(fs, "agreed") {
		return usageErrorf("adjudicate needs --agreed K: how many annotators must have made a claim for gold to take it")
	}
	store, err := openStore(env, *db, false)
	if err != nil {
		return err
	}
	defer store.Close()
	res, err := team.AdjudicateAgreed(store, *agreed, annotators)
	var invalid *team.ChoiceError
	if errors.As(err, &invalid) {
		return usageErrorf("%v", err)
	}
	if err != nil {
		return err
	}
	names := make([]string, len(res.Annotators))
	for i, n := range res.Annotators {
		names[i] = annotatorName(n)
	}
	fmt.Fprintf(env.Stdout, "gold: %s added, %s made by at least %d of %s (%d already in gold)\n",
		storage.Plural(res.Added, "claim"), storage.Plural(res.Agreed, "claim"), *agreed, strings.Join(names, ", "), res.InGold)
	return nil
}
