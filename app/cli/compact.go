package cli

import (
	"errors"
	"fmt"
	"os"

	"claimdesk/storage"
)

func runCompact(env *Env, args []string) error {
	fs := newFlagSet(env, "compact", "[--db PATH]",
		"Rewrites the database into a new file without free pages, every page full, and puts it in the\n"+
			"old one's place in one step: a store that shrank (deletions, a migration) gives the space back.\n"+
			"Refused while another claimdesk has the store open; a kill midway leaves the old store or the new.")
	db := dbFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("compact takes no arguments, got %q", fs.Arg(0))
	}
	path, err := ResolveDBPath(*db, env.Getenv)
	if err != nil {
		return err
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("no database at %s (import something first, or pass --db)", path)
	}
	report, err := storage.Compact(path)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s: %s → %s\n", path, megabytes(report.Before), megabytes(report.After))
	return nil
}

func megabytes(n int64) string {
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}
