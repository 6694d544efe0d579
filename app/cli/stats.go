package cli

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"text/tabwriter"

	"claimdesk/app/team"
	"claimdesk/storage"
)

func runStats(env *Env, args []string) error {
	fs := newFlagSet(env, "stats", "[--json]", "Counts articles by status and claims by label, then each annotator's articles done and in\nprogress and claims per label and per day.")
	db := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("stats takes no arguments, got %q", fs.Arg(0))
	}
	store, err := openStore(env, *db, true)
	if err != nil {
		return err
	}
	defer store.Close()
	ov, err := store.Overview()
	if err != nil {
		return err
	}
	st, progress := ov.Stats, team.ProgressOfOverview(ov)
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(statsReport{st, progress})
	}
	printStats(env, st)
	printProgress(env, progress)
	return nil
}

// statsReport is what stats --json prints: the store's counts as before,
// plus each annotator's progress under "by_annotator".
type statsReport struct {
	storage.Stats
	ByAnnotator team.Progress `json:"by_annotator"`
}

// printProgress tabulates each annotator's articles and claims per label,
// then their claims per day.
func printProgress(env *Env, p team.Progress) {
	if len(p.Annotators) == 0 {
		return
	}
	fmt.Fprintln(env.Stdout, "\nby annotator (an article counts once they made a claim in it or marked it done)")
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprint(w, "  annotator\tarticles\tdone\tin progress\tclaims")
	for _, label := range p.Labels {
		fmt.Fprintf(w, "\t%s", label)
	}
	fmt.Fprintln(w)
	for _, a := range p.Annotators {
		fmt.Fprintf(w, "  %s\t%d\t%d\t%d\t%d", annotatorName(a.Annotator), a.Articles, a.Done, a.InProgress, a.Claims)
		for _, label := range p.Labels {
			fmt.Fprintf(w, "\t%d", a.ClaimsByLabel[label])
		}
		fmt.Fprintln(w)
	}
	w.Flush()
	fmt.Fprintln(env.Stdout, "\nclaims per day (UTC)")
	w = tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprint(w, "  day")
	for _, a := range p.Annotators {
		fmt.Fprintf(w, "\t%s", annotatorName(a.Annotator))
	}
	fmt.Fprintln(w)
	for _, day := range p.Days {
		fmt.Fprintf(w, "  %s", day)
		for _, a := range p.Annotators {
			fmt.Fprintf(w, "\t%d", a.ClaimsByDay[day])
		}
		fmt.Fprintln(w)
	}
	w.Flush()
}

func printStats(env *Env, st storage.Stats) {
	w := env.Stdout
	fmt.Fprintf(w, "articles  %d", st.Articles)
	for _, s := range []storage.Status{storage.StatusNew, storage.StatusInProgress, storage.StatusDone} {
		fmt.Fprintf(w, "   %s %d", s, st.ArticlesByStatus[s])
	}
	fmt.Fprintf(w, "\nclaims    %d\n", st.Claims)
	for _, name := range slices.Sorted(maps.Keys(st.ClaimsByLabel)) {
		fmt.Fprintf(w, "  %-16s %d\n", name, st.ClaimsByLabel[name])
	}
}

func runCheck(env *Env, args []string) error {
	fs := newFlagSet(env, "check", "", "Verifies the database's pages and that every claim's quote is its text.")
	db := dbFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	store, err := openStore(env, *db, true)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := store.Check(); err != nil {
		return fmt.Errorf("%s has problems:\n%w\n`claimdesk recover %s NEW.db` copies what can be read into a new store", store.Path(), err, store.Path())
	}
	st, err := store.Stats()
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s: ok (%s, %s)\n", store.Path(), storage.Plural(st.Articles, "article"), storage.Plural(st.Claims, "claim"))
	return nil
}
