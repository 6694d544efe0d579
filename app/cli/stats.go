package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"

	"claimdesk/storage"
)

func runStats(env *Env, args []string) error {
	fs := newFlagSet(env, "stats", "[--json]", "Counts articles by status and claims by label; per annotator their claims, the articles\nthey marked done and in progress, and their claims per label.")
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
	st, err := store.Stats()
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
	}
	printStats(env, st)
	return nil
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
	printByAnnotator(w, st)
}

// printByAnnotator gives each annotator's layer a line: their claims, the
// articles they marked done and in progress, and their claims per label.
func printByAnnotator(w io.Writer, st storage.Stats) {
	names := map[string]bool{}
	for name := range st.Annotators {
		names[name] = true
	}
	for name := range st.StatusByAnnotator {
		names[name] = true
	}
	if len(names) == 0 {
		return
	}
	fmt.Fprintln(w, "by annotator")
	for _, name := range slices.Sorted(maps.Keys(names)) {
		shown := name
		if shown == "" {
			shown = "(unnamed)"
		}
		statuses := st.StatusByAnnotator[name]
		fmt.Fprintf(w, "  %-16s %d   done %d   in progress %d", shown, st.Annotators[name], statuses[storage.StatusDone], statuses[storage.StatusInProgress])
		labels := st.LabelsByAnnotator[name]
		for _, label := range slices.Sorted(maps.Keys(labels)) {
			fmt.Fprintf(w, "   %s %d", label, labels[label])
		}
		fmt.Fprintln(w)
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
	fmt.Fprintf(env.Stdout, "%s: ok (%d articles, %d claims)\n", store.Path(), st.Articles, st.Claims)
	return nil
}
