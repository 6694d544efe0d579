package team

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"claimdesk/storage"
)

// Join ties the store to a team folder under an annotator's name, which
// Sync then uses. dir is made if it does not exist. If the folder holds a
// layer of that name already and the store none, the store takes it (the
// same analyst on a new machine); if both hold different claims, Join
// refuses rather than let the next sync overwrite either.
//
// adjudicator makes this member the one who writes the team's gold layer,
// claims/gold.jsonl; the others read it, read-only. An adjudicator taking
// over a folder's gold takes its claims as its layer of its own is taken;
// a member who does not adjudicate may not bring gold claims the folder's
// gold would replace.
func Join(ctx context.Context, store *storage.Store, dir, name string, adjudicator bool) error {
	if err := checkName(name); err != nil {
		return err
	}
	if name == Gold {
		return fmt.Errorf("annotator name %q: gold is the adjudicated layer's name; join --adjudicator to write it", name)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("team folder %s: %w", dir, err)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return fmt.Errorf("team folder: %w", err)
	}
	old, _, err := store.TeamMembership()
	if err != nil {
		return err
	}
	f := newFolder(abs, name)
	if _, err := os.Stat(f.abs(layerPath(name))); err == nil {
		if err := takeLayer(ctx, store, f, name, "join under another name (--as), so that neither is overwritten"); err != nil {
			return err
		}
	}
	m := storage.TeamMembership{Folder: abs, Annotator: name, Joined: time.Now().UTC()}
	if old.Folder == abs && old.Annotator == name {
		m = old
	}
	goldFile := f.fileHash(layerPath(Gold))
	switch {
	case adjudicator && goldFile != "" && goldFile != m.WrittenGoldFile:
		if err := takeLayer(ctx, store, f, Gold, "export this store's gold first (claimdesk export --annotator gold), or adjudicate in a store without gold claims"); err != nil {
			return err
		}
		// The file taken is the one this store may overwrite: its next
		// sync writes gold under this member's name.
		m.WrittenGold, m.WrittenGoldFile = "", goldFile
	case !adjudicator && !(old.Folder == abs && !old.Adjudicator):
		if err := checkGoldKept(store, f); err != nil {
			return err
		}
	}
	m.Adjudicator = adjudicator
	return store.SetTeamMembership(m)
}

// checkGoldKept refuses a member who does not adjudicate when the store
// holds gold claims the folder's gold would replace at the next sync.
func checkGoldKept(store *storage.Store, f *folder) error {
	mine, err := store.Layer(Gold)
	if err != nil {
		return err
	}
	stored := layerOf(Gold, mine)
	if stored.claims() == 0 {
		return nil
	}
	layer := layerFile{Annotator: Gold}
	if _, err := os.Stat(f.abs(layerPath(Gold))); err == nil {
		if layer, _, err = f.readLayer(Gold); err != nil {
			return err
		}
	}
	if !sameClaims(stored, layer) {
		return fmt.Errorf("this store holds %s of gold, which the team's gold (%s, written by its adjudicator) would replace at the next sync: "+
			"join with --adjudicator to write gold, or export this store's gold first (claimdesk export --annotator gold)",
			storage.Plural(stored.claims(), "claim"), layerPath(Gold))
	}
	return nil
}

// takeLayer reads the folder's layer of name into a store that holds none
// of its claims, and refuses, saying what to do instead, when the store
// holds others.
func takeLayer(ctx context.Context, store *storage.Store, f *folder, name, instead string) error {
	layer, _, err := f.readLayer(name)
	if err != nil {
		return fmt.Errorf("the folder already holds a layer of %s, which cannot be read: %w", name, err)
	}
	mine, err := store.Layer(name)
	if err != nil {
		return err
	}
	stored := layerOf(name, mine)
	if stored.claims() == 0 {
		items, missing, err := checkLayer(ctx, store, f, layer)
		if err == nil {
			_, err = importLayer(store, name, items, missing, nil)
		}
		return err
	}
	if !sameClaims(stored, layer) {
		return fmt.Errorf("%s already holds a layer of %s (%s) and this store holds other claims of %s (%s): %s",
			f.abs(layerPath(name)), name, storage.Plural(layer.claims(), "claim"), name, storage.Plural(stored.claims(), "claim"), instead)
	}
	return nil
}

// sameClaims tells whether two layers hold the same claims.
func sameClaims(a, b layerFile) bool {
	count := map[string]int{}
	key := func(hash string, c storage.Claim) string {
		return fmt.Sprintf("%s|%d|%d|%q|%q|%q|%q", hash, c.Start, c.End, c.Label, c.Speaker, c.Target, c.Note)
	}
	for _, art := range a.Articles {
		for _, c := range art.Claims {
			count[key(art.Hash, c)]++
		}
	}
	for _, art := range b.Articles {
		for _, c := range art.Claims {
			count[key(art.Hash, c)]--
		}
	}
	for _, n := range count {
		if n != 0 {
			return false
		}
	}
	return true
}
