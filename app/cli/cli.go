// Package cli is Claimdesk's command line, run by the same binary that
// opens the window: the commands table below is the one list of commands
// (claimdesk --help prints it). It needs no display and knows nothing of
// Fyne; opening the window is handed back to the caller.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"claimdesk/storage"
)

// Exit codes, as scripts expect them.
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitUsage   = 2
)

// Env is what a command runs with; tests give it buffers and a temp store.
type Env struct {
	Args   []string // without the program name
	Getenv func(string) string
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// OpenWindow runs the GUI when no command is given. It gets the store
	// by calling open, and closes it; when open fails it calls it again on
	// the analyst's request, and returns the failure if the analyst gives
	// up. path is the store's file, "" if it cannot be told.
	OpenWindow func(path string, open func() (*storage.Store, error)) error
}

type command struct {
	name    string
	summary string
	run     func(env *Env, args []string) error
}

func commands() []command {
	return []command{
		{"import", "import articles: .txt .md .html .pdf .docx .odt JSONL brat Label Studio, files or folders, web addresses and news feeds", runImport},
		{"export", "write a labeled dataset (doccano, spans, labelstudio, brat, conll, csv, claims)", runExport},
		{"search", "fuzzy search over every claim", runSearch},
		{"stats", "count articles and claims per label", runStats},
		{"check", "verify the database file and every claim's offsets", runCheck},
		{"compact", "rewrite the database file without its free space", runCompact},
		{"recover", "copy what a damaged store still holds into a new one", runRecover},
		{"labels", "list, add, change or remove labels", runLabels},
		{"delete", "delete articles and their claims", runDelete},
		{"agree", "agreement between annotators: F1, Cohen's and Fleiss' kappa, Krippendorff's alpha", runAgree},
		{"adjudicate", "copy claims enough annotators agree on into the gold layer", runAdjudicate},
		{"suggest", "propose claims with speaker and label; --evaluate says how good they are", runSuggest},
		{"classify", "set label and score on every span of a spans JSONL file", runClassify},
		{"team", "share layers through a team folder: join, sync, status", runTeam},
	}
}

// errUsage marks errors that are the caller's fault: exit code 2.
var errUsage = errors.New("usage")

func usageErrorf(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, args...))
}

// Run executes the command line and returns the process exit code.
func Run(env *Env) int {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	args := env.Args
	if len(args) > 0 && isHelp(args[0]) {
		printUsage(env.Stdout)
		return ExitOK
	}
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return finish(env, runWindow(env, args))
	}
	name := args[0]
	for _, c := range commands() {
		if c.name == name {
			return finish(env, c.run(env, args[1:]))
		}
	}
	fmt.Fprintf(env.Stderr, "claimdesk: unknown command %q\n\n", name)
	printUsage(env.Stderr)
	return ExitUsage
}

func finish(env *Env, err error) int {
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, flag.ErrHelp):
		return ExitOK
	case errors.Is(err, errUsage):
		fmt.Fprintf(env.Stderr, "claimdesk: %s\n", strings.TrimPrefix(err.Error(), "usage: "))
		return ExitUsage
	case errors.Is(err, errReported):
		return ExitFailure
	default:
		fmt.Fprintf(env.Stderr, "claimdesk: %v\n", err)
		return ExitFailure
	}
}

// isHelp tells the ways people ask for the list of commands.
func isHelp(arg string) bool {
	switch arg {
	case "help", "-h", "-help", "--help":
		return true
	}
	return false
}

// errReported means the command has already told the user what failed.
var errReported = errors.New("failures reported")

func runWindow(env *Env, args []string) error {
	fs := newFlagSet(env, "", "[--db PATH]", "Opens the annotation window.")
	// A flag the window does not know is most likely a command's flag
	// typed without its command: show every command.
	fs.Usage = func() { printUsage(fs.Output()) }
	db := dbFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected argument %q (commands come first: claimdesk import FILE)", fs.Arg(0))
	}
	if env.OpenWindow == nil {
		return errors.New("this build has no window")
	}
	// Opening is left to the window: started from a desktop icon, the
	// analyst sees no terminal, so the window says why a store does not
	// open, and tries again.
	path, pathErr := ResolveDBPath(*db, env.Getenv)
	return env.OpenWindow(path, func() (*storage.Store, error) {
		if pathErr != nil {
			return nil, pathErr
		}
		return openStoreAt(path, false, env.Stderr)
	})
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "Claimdesk: label claims in news articles.")
	fmt.Fprintln(w, "\nUsage:\n  claimdesk [--db PATH]              open the window\n  claimdesk COMMAND [flags] [args]")
	fmt.Fprintln(w, "\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nEvery command takes --db PATH (or CLAIMDESK_DB); the default is")
	fmt.Fprintln(w, "$XDG_DATA_HOME/claimdesk/claimdesk.db. `claimdesk COMMAND --help` tells more.")
	fmt.Fprintln(w, "Exit codes: 0 ok, 1 failure, 2 bad usage.")
}
