package search

import "claimdesk/storage"

// Follow keeps the index current with store: every committed claim, article
// and label change reaches the index before the call that made it returns
// (storage calls listeners on the changing goroutine). Call it once, before
// Load.
func (ix *Index) Follow(store *storage.Store) {
	store.OnChange(ix.apply)
}

// apply brings one committed change into the index.
func (ix *Index) apply(c storage.Change) {
	switch c.Kind {
	case storage.ClaimAdded, storage.ClaimUpdated:
		// Added covers create, undo of a delete (RestoreClaim) and
		// import; the title comes from the article the index knows.
		ix.Put(EntryOf(c.Claim, ""))
	case storage.ClaimDeleted:
		ix.Remove(c.Claim.ID)
	case storage.ArticleAdded, storage.ArticleUpdated:
		ix.SetArticleTitle(c.Article.ID, c.Article.Title)
	case storage.ArticleDeleted:
		// Its claims were each reported deleted just before.
		ix.RemoveArticle(c.Article.ID)
	case storage.LabelsChanged:
		// A rename is also reported as ClaimUpdated for every claim it
		// relabelled; label colours and hotkeys are not searched.
	}
}
