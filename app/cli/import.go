package cli

import (
	"fmt"
	"strings"

	"claimdesk/app/dataset"
	"claimdesk/app/importer"
)

func runImport(env *Env, args []string) error {
	fs := newFlagSet(env, "import", "[flags] FILE|DIR|URL...",
		"Imports articles and the claims that come with them. Formats: "+strings.Join(dataset.SupportedExtensions(), " ")+
			".\nFolders are read recursively. An article whose text is stored already gets the file's claims\nadded under their annotator (a layer each); a claim exactly like a stored one (same annotator,\nspan and label) is skipped and counted, as is an article stored already that brings no claims.\n"+webImportHelp+"\nA report goes to stderr; the exit code is 1 if anything failed.")
	db := dbFlag(fs)
	var maps listFlag
	fs.Var(&maps, "map", "map an incoming label to an existing one, `FROM=TO` (repeatable)")
	annotator := fs.String("annotator", "", "annotator `name` for claims that arrive without one")
	var speakerRoles, targetRoles listFlag
	fs.Var(&speakerRoles, "speaker-roles", "brat: event roles and relation types whose span is the speaker of the claims linked to it,\n`NAMES` comma-separated (default "+strings.Join(dataset.DefaultSpeakerRoles, ",")+")")
	fs.Var(&targetRoles, "target-roles", "brat: the same for the target, `NAMES` comma-separated (default "+strings.Join(dataset.DefaultTargetRoles, ",")+")")
	quiet := fs.Bool("quiet", false, "print only the summary line and failures")
	webFlags := addWebFlags(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageErrorf("import needs at least one FILE, DIR or web address (see claimdesk import --help)")
	}
	labelMap, err := parseLabelMap(maps)
	if err != nil {
		return err
	}
	webOpts, err := webFlags.options()
	if err != nil {
		return err
	}
	store, err := openStore(env, *db, false)
	if err != nil {
		return err
	}
	defer store.Close()
	bar := newProgress(env.Stderr, "importing")
	report, err := importer.Import(store, fs.Args(), importer.Options{
		LabelMap:     labelMap,
		Annotator:    *annotator,
		SpeakerRoles: speakerRoles,
		TargetRoles:  targetRoles,
		Progress:     bar.update,
		Web:          webOpts,
	})
	bar.done()
	if err != nil {
		return err
	}
	if *quiet {
		fmt.Fprintln(env.Stderr, report.Summary())
		for _, p := range report.Failed {
			fmt.Fprintln(env.Stderr, "failed: "+p.String())
		}
	} else {
		fmt.Fprint(env.Stderr, report.String())
	}
	if report.HasFailures() {
		return errReported
	}
	return nil
}

func parseLabelMap(pairs []string) (map[string]string, error) {
	m := map[string]string{}
	for _, pair := range pairs {
		from, to, ok := strings.Cut(pair, "=")
		from, to = strings.TrimSpace(from), strings.TrimSpace(to)
		if !ok || from == "" || to == "" {
			return nil, usageErrorf("--map %q: want FROM=TO, e.g. --map PERSON=accusation", pair)
		}
		m[from] = to
	}
	return m, nil
}
