package cli

import (
	"errors"
	"fmt"
	"text/tabwriter"

	"claimdesk/app/team"
	"claimdesk/storage"
)

// worstArticlesShown is how many of the worst articles the text report
// lists; --json has the pairs, the window every article.
const worstArticlesShown = 10

func runAgree(env *Env, args []string) error {
	fs := newFlagSet(env, "agree", "[--annotators a,b,...] [--label L ...] [--json]",
		"Measures how far annotators agree on the articles they share: exact and overlap F1 and\n"+
			"Cohen's kappa per pair, their mean, Krippendorff's alpha and Fleiss' kappa (README, Teams).")
	db := dbFlag(fs)
	var annotators listFlag
	fs.Var(&annotators, "annotators", "compare these `names` (comma-separated or repeated; default everyone but gold)")
	var labels labelFlag
	fs.Var(&labels, "label", "compare only claims with this `label`; repeat for more")
	asJSON := fs.Bool("json", false, "print one JSON object")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("agree takes no arguments, got %q", fs.Arg(0))
	}
	store, err := openStore(env, *db, true)
	if err != nil {
		return err
	}
	defer store.Close()
	wanted, err := labels.resolve(store)
	if err != nil {
		return err
	}
	snap, err := team.Load(store)
	if err != nil {
		return err
	}
	report, err := team.Agreement(snap, team.AgreementOptions{Annotators: annotators, Labels: wanted})
	var invalid *team.ChoiceError
	if errors.As(err, &invalid) {
		return usageErrorf("%v", err)
	}
	if err != nil {
		return err
	}
	if *asJSON {
		out, err := report.WriteJSON()
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(env.Stdout, "%s\n", out)
		return err
	}
	printAgreement(env, report)
	return nil
}

func printAgreement(env *Env, r team.Report) {
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "pair\tarticles\tclaims\texact F1\toverlap F1\tkappa")
	for _, p := range r.Pairs {
		fmt.Fprintf(w, "%s – %s\t%d\t%d / %d\t%s\t%s\t%s\n", annotatorName(p.A), annotatorName(p.B), p.Articles, p.ClaimsA, p.ClaimsB, p.ExactF1, p.OverlapF1, p.Kappa)
	}
	fmt.Fprintf(w, "mean\t\t\t%s\t%s\t%s\n", r.Mean.ExactF1, r.Mean.OverlapF1, r.Mean.Kappa)
	w.Flush()
	fmt.Fprintf(env.Stdout, "\nall %d annotators: Krippendorff's alpha %s over %s, Fleiss' kappa %s over %s\n",
		len(r.Annotators), r.Krippendorff.Value, storage.Plural(r.Krippendorff.Articles, "article"), r.Fleiss.Value, storage.Plural(r.Fleiss.Articles, "article"))
	if len(r.Labels) > 0 {
		fmt.Fprintln(env.Stdout, "\nper label (mean over the pairs that used it)")
		w = tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "  label\tpairs\texact F1\toverlap F1\tkappa")
		for _, l := range r.Labels {
			fmt.Fprintf(w, "  %s\t%d\t%s\t%s\t%s\n", l.Label, l.Pairs, l.ExactF1, l.OverlapF1, l.Kappa)
		}
		w.Flush()
	}
	if len(r.Articles) > 0 {
		shown := r.Articles[:min(len(r.Articles), worstArticlesShown)]
		fmt.Fprintf(env.Stdout, "\nworst articles (%d of %d)\n", len(shown), len(r.Articles))
		w = tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "  id\texact F1\toverlap F1\tkappa\ttitle")
		for _, a := range shown {
			fmt.Fprintf(w, "  %d\t%s\t%s\t%s\t%s\n", a.ID, a.ExactF1, a.OverlapF1, a.Kappa, clip(storage.OneLine(a.Title), 60))
		}
		w.Flush()
	}
}

// annotatorName shows the annotator of claims stored without a name.
func annotatorName(name string) string {
	if name == "" {
		return "(unnamed)"
	}
	return name
}
