package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"claimdesk/app/team"
	"claimdesk/storage"
)

// runTeam is `claimdesk team join|sync|status`: several analysts on the
// same articles through a shared folder (app/team).
func runTeam(env *Env, args []string) error {
	const usage = "join DIR --as NAME [--adjudicator] | sync [--json] | status [--json]"
	if len(args) == 0 || isHelp(args[0]) {
		fmt.Fprintf(env.Stderr, "Usage: claimdesk team %s\n\n"+
			"  join DIR --as NAME  tie this store to a team folder (git work tree, Syncthing, a share) as NAME;\n"+
			"                      --adjudicator: this store writes the team's gold layer\n"+
			"  sync                write your layer into the folder, read every other layer from it\n"+
			"  status              annotators, last sync, articles and claims per annotator\n", usage)
		if len(args) == 0 {
			return usageErrorf("team needs a subcommand: %s", usage)
		}
		return nil
	}
	switch args[0] {
	case "join":
		return runTeamJoin(env, args[1:])
	case "sync":
		return runTeamSync(env, args[1:])
	case "status":
		return runTeamStatus(env, args[1:])
	}
	return usageErrorf("team %s: unknown subcommand (%s)", args[0], usage)
}

func runTeamJoin(env *Env, args []string) error {
	fs := newFlagSet(env, "team join", "DIR --as NAME", "Ties this store to the team folder DIR under the annotator name NAME;\n`claimdesk team sync` then exchanges layers with it, with no flags.")
	db := dbFlag(fs)
	as := fs.String("as", "", "the annotator `name` this store's claims are shared under")
	adjudicator := fs.Bool("adjudicator", false, "this store writes the team's gold layer (claims/gold.jsonl); the others read it")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 || strings.TrimSpace(*as) == "" {
		return usageErrorf("team join needs one folder and --as NAME (claimdesk team join DIR --as NAME)")
	}
	store, err := openStore(env, *db, false)
	if err != nil {
		return err
	}
	defer store.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := team.Join(ctx, store, fs.Arg(0), *as, *adjudicator); err != nil {
		return err
	}
	m, _, err := store.TeamMembership()
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "joined %s as %s; `claimdesk team sync` exchanges layers with it\n", m.Folder, m.Annotator)
	if m.Adjudicator {
		fmt.Fprintf(env.Stdout, "you adjudicate: your gold layer goes to the folder, and the others read it\n")
	}
	st, err := store.Stats()
	if err != nil {
		return err
	}
	if n := st.Annotators[""]; n > 0 {
		verb := "have"
		if n == 1 {
			verb = "has"
		}
		fmt.Fprintf(env.Stderr, "claimdesk: %s of this store %s no annotator and will not be shared: only claims made as %s are\n",
			storage.Plural(n, "claim"), verb, m.Annotator)
	}
	return nil
}

func runTeamSync(env *Env, args []string) error {
	fs := newFlagSet(env, "team sync", "[--json]", "Writes your layer into the team folder (in a git work tree: commit, pull --rebase, push)\nand reads every other annotator's layer into this store.")
	db := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("team sync takes no arguments, got %q", fs.Arg(0))
	}
	store, err := openStore(env, *db, false)
	if err != nil {
		return err
	}
	defer store.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	bar := newProgress(env.Stderr, "sync")
	report, err := team.Sync(ctx, store, func(p team.SyncProgress) { bar.update(p.Done, p.Total, p.Step) })
	bar.done()
	if err != nil {
		return err
	}
	if *asJSON {
		if err := writeJSON(env.Stdout, syncJSON{SyncReport: report, Problems: problemTexts(report.Problems)}); err != nil {
			return err
		}
	} else {
		printSync(env.Stdout, report)
	}
	for _, p := range report.Problems {
		fmt.Fprintf(env.Stderr, "claimdesk: skipped %v (the store keeps its previous copy of that layer)\n", p)
	}
	for _, c := range report.Conflicts {
		fmt.Fprintf(env.Stderr, "claimdesk: %s is a conflict copy the synced folder made: it is not read; compare it with the layer it copies, then delete it (told once; team status lists it)\n", c)
	}
	if len(report.Problems) > 0 {
		return errReported
	}
	return nil
}

// syncJSON is team.SyncReport with its problems as text.
type syncJSON struct {
	team.SyncReport
	Problems []string `json:"problems"`
}

func problemTexts(errs []error) []string {
	out := make([]string, 0, len(errs))
	for _, err := range errs {
		out = append(out, err.Error())
	}
	return out
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func printSync(w io.Writer, r team.SyncReport) {
	fmt.Fprintf(w, "%s in %s\n", r.Annotator, r.Folder)
	switch {
	case r.Wrote && r.ArticlesWritten > 0:
		fmt.Fprintf(w, "  wrote your layer and %s\n", storage.Plural(r.ArticlesWritten, "article text"))
	case r.Wrote:
		fmt.Fprintln(w, "  wrote your layer")
	case r.ArticlesWritten > 0:
		fmt.Fprintf(w, "  wrote %s\n", storage.Plural(r.ArticlesWritten, "article text"))
	default:
		fmt.Fprintln(w, "  your layer is unchanged")
	}
	if r.WroteGold {
		fmt.Fprintln(w, "  wrote the gold layer")
	} else if r.Adjudicator {
		fmt.Fprintln(w, "  the gold layer is unchanged")
	}
	if g := r.Git; g != nil {
		var did []string
		for _, step := range []struct {
			done bool
			what string
		}{{g.Committed, "committed"}, {g.Pulled, "pulled"}, {g.Pushed, "pushed"}} {
			if step.done {
				did = append(did, step.what)
			}
		}
		where := "no remote"
		if g.Remote != "" {
			where = g.Remote + "/" + g.Branch
		}
		if len(did) == 0 {
			did = []string{"nothing to commit"}
		}
		fmt.Fprintf(w, "  git (%s): %s\n", where, strings.Join(did, ", "))
	}
	for _, l := range r.Layers {
		if l.Unchanged {
			fmt.Fprintf(w, "  %-16s unchanged\n", l.Annotator)
			continue
		}
		fmt.Fprintf(w, "  %-16s +%d −%d claims (%d kept), %s added\n", l.Annotator, l.ClaimsAdded, l.ClaimsRemoved, l.ClaimsKept, storage.Plural(l.ArticlesAdded, "article"))
	}
	if len(r.LabelsAdded) > 0 {
		fmt.Fprintf(w, "  new labels: %s\n", strings.Join(r.LabelsAdded, ", "))
	}
}

func runTeamStatus(env *Env, args []string) error {
	fs := newFlagSet(env, "team status", "[--json]", "Shows the team folder, the last sync, and each annotator's articles and claims.")
	db := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("team status takes no arguments, got %q", fs.Arg(0))
	}
	store, err := openStore(env, *db, true)
	if err != nil {
		return err
	}
	defer store.Close()
	st, err := team.Status(context.Background(), store)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(env.Stdout, st)
	}
	printTeamStatus(env.Stdout, st)
	return nil
}

func printTeamStatus(w io.Writer, st team.TeamStatus) {
	kind := "a shared folder"
	if st.Git {
		kind = "a git work tree"
	}
	fmt.Fprintf(w, "%s as %s (%s)\n", st.Folder, st.Annotator, kind)
	if st.Adjudicator {
		fmt.Fprintln(w, "you adjudicate: this store writes the gold layer")
	}
	if st.LastSync.IsZero() {
		fmt.Fprintln(w, "never synced: claimdesk team sync")
	} else {
		fmt.Fprintf(w, "last sync %s\n", st.LastSync.Local().Format(time.DateTime))
	}
	fmt.Fprintf(w, "%-16s %9s %6s %8s %8s\n", "annotator", "articles", "done", "claims", "here")
	for _, a := range st.Annotators {
		name := a.Name
		if a.You {
			name += " (you)"
		}
		if !a.InFolder {
			fmt.Fprintf(w, "%-16s %9s %6s %8s %8d", name, "-", "-", "-", a.ClaimsHere)
		} else {
			fmt.Fprintf(w, "%-16s %9d %6d %8d %8d", name, a.Articles, a.Done, a.Claims, a.ClaimsHere)
		}
		if a.Problem != "" {
			fmt.Fprintf(w, "   cannot be read: %s", a.Problem)
		}
		fmt.Fprintln(w)
	}
	for _, c := range st.Conflicts {
		fmt.Fprintf(w, "conflict copy, not read: %s (compare it with the layer it copies, then delete it)\n", c)
	}
}
