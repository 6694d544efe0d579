package cli

import (
	"errors"
	"fmt"
	"strconv"

	"claimdesk/storage"
)

func runDelete(env *Env, args []string) error {
	fs := newFlagSet(env, "delete", "ARTICLE-ID...",
		"Deletes articles and all their claims. It cannot be undone; `claimdesk export` first if in doubt.\n"+
			"Article ids are in `claimdesk search --json` (article_id) and in every export.")
	db := dbFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageErrorf("delete needs at least one ARTICLE-ID")
	}
	ids := make([]uint64, fs.NArg())
	for i, arg := range fs.Args() {
		id, err := strconv.ParseUint(arg, 10, 64)
		if err != nil || id == 0 {
			return usageErrorf("%q is not an article id (a whole number from 1)", arg)
		}
		ids[i] = id
	}
	store, err := openStore(env, *db, false)
	if err != nil {
		return err
	}
	defer store.Close()
	return deleteArticles(env, store, ids)
}

func deleteArticles(env *Env, store *storage.Store, ids []uint64) error {
	failed := false
	for _, id := range ids {
		a, err := store.Article(id)
		if err == nil {
			err = store.DeleteArticle(id)
		}
		if errors.Is(err, storage.ErrNotFound) {
			err = errors.New("no such article")
		}
		if err != nil {
			fmt.Fprintf(env.Stderr, "article %d: %v\n", id, err)
			failed = true
			continue
		}
		fmt.Fprintf(env.Stderr, "deleted article %d %q\n", id, a.Title)
	}
	if failed {
		return errReported
	}
	return nil
}
