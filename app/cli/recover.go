package cli

import (
	"fmt"

	"claimdesk/storage"
)

func runRecover(env *Env, args []string) error {
	fs := newFlagSet(env, "recover", "DAMAGED NEW",
		"Copies everything that can still be read of the damaged store DAMAGED, record by record, into\n"+
			"a new store NEW, and lists what was lost. DAMAGED is only read; NEW must not exist.\n"+
			"The exit code is 1 if anything was lost.")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return usageErrorf("recover needs DAMAGED and NEW, the damaged store and a new file (see claimdesk recover --help)")
	}
	damaged, fresh := fs.Arg(0), fs.Arg(1)
	report, err := storage.Recover(damaged, fresh)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "recovered %s, %s and %s from %s (%s) into %s\n",
		storage.Plural(report.Articles, "article"), storage.Plural(report.Claims, "claim"),
		storage.Plural(report.Labels, "label"), damaged, report.From, fresh)
	if len(report.Lost) == 0 {
		return nil
	}
	fmt.Fprintf(env.Stderr, "lost or damaged (%d):\n", len(report.Lost))
	for _, line := range report.Lost {
		fmt.Fprintln(env.Stderr, "  "+line)
	}
	return errReported
}
