package cli

import (
	"fmt"

	"claimdesk/storage"
)

func runLabels(env *Env, args []string) error {
	fs := newFlagSet(env, "labels", "[add|set|remove NAME] [flags]",
		"Without a subcommand lists the labels.\n  add NAME [--colour #RRGGBB] [--hotkey K] [--description TEXT]\n"+
			"      (left out, colour and hotkey are picked as the window's Labels dialog picks them; --hotkey \"\" for none)\n"+
			"  set NAME [--name NEW] [--colour #RRGGBB] [--hotkey K] [--description TEXT]   (renaming relabels every claim)\n"+
			"  remove NAME   (only when no claim uses it)")
	db := dbFlag(fs)
	name := fs.String("name", "", "new `name` (set)")
	colour := fs.String("colour", "", "`#RRGGBB` colour")
	hotkey := fs.String("hotkey", "", "single `key` that applies the label")
	description := fs.String("description", "", "what the label means")
	if err := parse(fs, args); err != nil {
		return err
	}
	store, err := openStore(env, *db, fs.NArg() == 0)
	if err != nil {
		return err
	}
	defer store.Close()
	switch {
	case fs.NArg() == 0:
		return listLabels(env, store)
	case fs.NArg() != 2:
		return usageErrorf("labels %s: want a subcommand and a NAME", fs.Arg(0))
	}
	target := fs.Arg(1)
	switch fs.Arg(0) {
	case "add":
		l := storage.Label{Name: target, Colour: *colour, Hotkey: *hotkey, Description: *description}
		return addLabel(env, store, l, isSet(fs, "hotkey"))
	case "set":
		return setLabel(store, target, *name, *colour, *hotkey, *description, isSet(fs, "hotkey"), isSet(fs, "description"))
	case "remove":
		return store.DeleteLabel(target)
	}
	return usageErrorf("labels: unknown subcommand %q (add, set, remove)", fs.Arg(0))
}

func listLabels(env *Env, store *storage.Store) error {
	labels, err := store.Labels()
	if err != nil {
		return err
	}
	for _, l := range labels {
		key := l.Hotkey
		if key == "" {
			key = "-"
		}
		fmt.Fprintf(env.Stdout, "%-16s %s  key %s  %s\n", l.Name, l.Colour, key, l.Description)
	}
	return nil
}

// addLabel fills in what the flags left out with the colour and hotkey the
// window's Labels dialog would pick, so a label added here looks the same as
// one added there, and says what it chose: the user did not pick it.
func addLabel(env *Env, store *storage.Store, l storage.Label, hotkeySet bool) error {
	labels, err := store.Labels()
	if err != nil {
		return err
	}
	if l.Colour == "" {
		l.Colour = storage.NextLabelColour(labels)
	}
	if !hotkeySet {
		l.Hotkey = storage.NextLabelHotkey(labels)
	}
	if err := store.AddLabel(l); err != nil {
		return err
	}
	key := "no hotkey"
	if l.Hotkey != "" {
		key = "hotkey " + l.Hotkey
	}
	fmt.Fprintf(env.Stderr, "added label %s: colour %s, %s\n", l.Name, l.Colour, key)
	return nil
}

func setLabel(store *storage.Store, name, newName, colour, hotkey, description string, hotkeySet, descriptionSet bool) error {
	labels, err := store.Labels()
	if err != nil {
		return err
	}
	for _, l := range labels {
		if l.Name != name {
			continue
		}
		if newName != "" {
			l.Name = newName
		}
		if colour != "" {
			l.Colour = colour
		}
		if hotkeySet {
			l.Hotkey = hotkey
		}
		if descriptionSet {
			l.Description = description
		}
		return store.UpdateLabel(name, l)
	}
	return fmt.Errorf("no label %q", name)
}
