package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"

	"claimdesk/app/export"
	"claimdesk/storage"
)

func runExport(env *Env, args []string) error {
	fs := newFlagSet(env, "export", "--format F [flags] [-o PATH]",
		"Writes the labeled dataset. Formats:\n"+formatList()+
			"\nWithout -o, or with -o -, a one-file format goes to stdout; folder formats need -o.")
	db := dbFlag(fs)
	format := fs.String("format", "", "dataset `format` (see above)")
	out := fs.String("o", "", "output file or folder `path`; - for stdout")
	var labels labelFlag
	fs.Var(&labels, "label", "only claims with this `label`; repeat for more (a value that names no label is\nread as a comma-separated list)")
	onlyDone := fs.Bool("done", false, "only articles marked done")
	annotator := fs.String("annotator", "", "only claims by this annotator `name`")
	split := fs.String("split", "", "train/dev/test split by article in percent, e.g. `80/10/10`")
	seed := fs.Int64("seed", 1, "random `seed` of the split: the same seed gives the same split")
	offsets := fs.String("offsets", export.OffsetsCodePoints, "`unit` of doccano's offsets: "+export.OffsetsCodePoints+
		" (Python, spaCy, Claimdesk's import) or "+export.OffsetsUTF16+" (doccano's web editor)")
	conll := fs.String("conll", export.CoNLL2003, "CoNLL `layout`: "+strings.Join(export.CoNLLLayouts(), " or ")+
		" (four space-separated columns, as\nconlleval and spacy convert read them) or tab-separated token and tag")
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
	// Options left at their defaults stay unset, so they never count
	// against a format that has no use for them.
	if isSet(fs, "offsets") {
		opts.Offsets = *offsets
	}
	if isSet(fs, "conll") {
		opts.CoNLL = *conll
	}
	if err := opts.Validate(); err != nil {
		return fmt.Errorf("%w: %v", errUsage, strings.TrimPrefix(err.Error(), "export: "))
	}
	toStdout := *out == "" || *out == "-"
	if toStdout && opts.DestIsFolder() {
		return usageErrorf("format %s writes several files: give a folder with -o", f.Name)
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
	filter := export.Filter{Labels: wanted, OnlyDone: *onlyDone, Annotator: *annotator}
	data, err := export.Collect(store, filter)
	if err != nil {
		return err
	}
	opts.Filter = filter
	if toStdout {
		return writeStdout(env, data, opts)
	}
	return writeExport(env, data, *out, opts)
}

// writeStdout streams a one-file export to standard output; nothing is
// written there unless the whole export succeeded.
func writeStdout(env *Env, data export.Dataset, opts export.Options) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	bar := newProgress(env.Stderr, "exporting")
	opts.Progress = func(done, total int) { bar.update(done, total, "") }
	res, err := export.WriteTo(ctx, data, env.Stdout, opts)
	bar.done()
	if err == nil {
		reportOmitted(env, res)
	}
	return err
}

func writeExport(env *Env, data export.Dataset, out string, opts export.Options) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	bar := newProgress(env.Stderr, "exporting")
	opts.Progress = func(done, total int) { bar.update(done, total, "") }
	res, err := export.Write(ctx, data, out, opts)
	bar.done()
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "wrote %s, %s: %s\n", storage.Plural(res.Articles, "article"), storage.Plural(res.Claims, "claim"), strings.Join(res.Files, ", "))
	reportOmitted(env, res)
	return nil
}

func reportOmitted(env *Env, res export.Result) {
	if res.Omitted > 0 {
		fmt.Fprintf(env.Stderr, "left out %d claims (%s)\n", res.Omitted, res.OmittedRule)
	}
}

func formatList() string {
	var b strings.Builder
	for _, f := range export.Formats() {
		fmt.Fprintf(&b, "  %-12s %s\n", f.Name, f.Title)
	}
	return b.String()
}

// labelFlag collects --label values as typed; resolve reads them against
// the store's labels, since only they tell a label whose name holds a
// comma from a comma-separated list.
type labelFlag []string

func (l *labelFlag) String() string { return strings.Join(*l, ", ") }

func (l *labelFlag) Set(v string) error {
	if strings.TrimSpace(v) == "" {
		return errors.New("empty label")
	}
	*l = append(*l, v)
	return nil
}

// resolve turns the values into label names. A value that is a label's
// exact name (white space around it aside) is that label, commas and all;
// any other value is a comma-separated list of labels, as
// --label denial,praise was always written. A name that is no label is a
// usage error listing the labels there are.
func (l labelFlag) resolve(store *storage.Store) ([]string, error) {
	if len(l) == 0 {
		return nil, nil
	}
	labels, err := store.Labels()
	if err != nil {
		return nil, err
	}
	known := map[string]bool{}
	names := make([]string, len(labels))
	for i, lb := range labels {
		known[lb.Name] = true
		names[i] = strconv.Quote(lb.Name)
	}
	var wanted []string
	for _, v := range l {
		if v = strings.TrimSpace(v); known[v] {
			wanted = append(wanted, v)
			continue
		}
		for part := range strings.SplitSeq(v, ",") {
			part = strings.TrimSpace(part)
			if !known[part] {
				return nil, usageErrorf("--label %q: no label %q (labels: %s)", v, part, strings.Join(names, ", "))
			}
			wanted = append(wanted, part)
		}
	}
	return wanted, nil
}
