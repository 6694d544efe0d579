package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strings"

	"claimdesk/app/export"
	"claimdesk/storage"
)

func runExport(env *Env, args []string) error {
	fs := newFlagSet(env, "export", "--format F [flags] [-o PATH]",
		"Writes the labeled dataset. Formats:\n"+formatList()+
			"\nWithout -o a one-file format goes to stdout; folder formats need -o.")
	db := dbFlag(fs)
	format := fs.String("format", "", "dataset `format` (see above)")
	out := fs.String("o", "", "output file or folder `path`")
	var labels listFlag
	fs.Var(&labels, "label", "only claims with this `label` (repeatable, or comma-separated)")
	onlyDone := fs.Bool("done", false, "only articles marked done")
	annotator := fs.String("annotator", "", "only claims by this annotator `name`")
	split := fs.String("split", "", "train/dev/test split by article in percent, e.g. `80/10/10`")
	seed := fs.Int64("seed", 1, "random `seed` of the split: the same seed gives the same split")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected argument %q (the destination goes after -o)", fs.Arg(0))
	}
	f, err := export.FormatByName(*format)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	sp, err := export.ParseSplit(*split, *seed)
	if err != nil {
		return fmt.Errorf("%w: --split: %v", errUsage, err)
	}
	opts := export.Options{Format: f.Name, Split: sp}
	if *out == "" && opts.DestIsFolder() {
		return usageErrorf("format %s writes several files: give a folder with -o", f.Name)
	}
	store, err := openStore(env, *db, true)
	if err != nil {
		return err
	}
	defer store.Close()
	filter := export.Filter{Labels: labels, OnlyDone: *onlyDone, Annotator: *annotator}
	if err := checkLabels(store, labels); err != nil {
		return err
	}
	data, err := export.Collect(store, filter)
	if err != nil {
		return err
	}
	opts.Filter = filter
	return writeExport(env, data, *out, opts)
}

func writeExport(env *Env, data export.Dataset, out string, opts export.Options) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	dest := out
	if dest == "" {
		tmp, err := os.MkdirTemp("", "claimdesk-export-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dest = tmp + "/export"
	}
	bar := newProgress(env.Stderr, "exporting")
	opts.Progress = func(done, total int) { bar.update(done, total, "") }
	res, err := export.Write(ctx, data, dest, opts)
	bar.done()
	if err != nil {
		return err
	}
	if out == "" {
		raw, err := os.ReadFile(dest)
		if err != nil {
			return err
		}
		_, err = env.Stdout.Write(raw)
		return err
	}
	fmt.Fprintf(env.Stderr, "wrote %d articles, %d claims: %s\n", res.Articles, res.Claims, strings.Join(res.Files, ", "))
	if res.Omitted > 0 {
		fmt.Fprintf(env.Stderr, "left out %d claims (%s)\n", res.Omitted, res.OmittedRule)
	}
	return nil
}

func formatList() string {
	var b strings.Builder
	for _, f := range export.Formats() {
		fmt.Fprintf(&b, "  %-12s %s\n", f.Name, f.Title)
	}
	return b.String()
}

func checkLabels(store *storage.Store, wanted []string) error {
	if len(wanted) == 0 {
		return nil
	}
	labels, err := store.Labels()
	if err != nil {
		return err
	}
	known := map[string]bool{}
	var names []string
	for _, l := range labels {
		known[l.Name] = true
		names = append(names, l.Name)
	}
	for _, w := range wanted {
		if !known[w] {
			return usageErrorf("--label %q: no such label (labels: %s)", w, strings.Join(names, ", "))
		}
	}
	return nil
}
