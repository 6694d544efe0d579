package window

import (
	"fmt"

	"fyne.io/fyne/v2/dialog"

	"claimdesk/storage"
)

// confirmDeleteArticle asks before removing the open article and its
// claims: unlike claim edits this cannot be undone.
func (w *mainWindow) confirmDeleteArticle() {
	if w.article.ID == 0 {
		return
	}
	msg := fmt.Sprintf("Delete %q and its %s?\nThis cannot be undone.", w.article.Title, plural(len(w.claims), "claim"))
	dialog.ShowConfirm("Delete article", msg, func(ok bool) {
		if ok {
			w.deleteArticle()
		}
	}, w.win)
}

func (w *mainWindow) deleteArticle() {
	id := w.article.ID
	w.details.discard()
	if err := w.store.DeleteArticle(id); err != nil {
		w.showError("Deleting the article", err)
		return
	}
	w.status.setSaved()
	w.article.ID = 0
	// The store's own notice arrives a frame later; the list must not
	// offer the deleted article before then.
	w.articles.apply(storage.Change{Kind: storage.ArticleDeleted, Article: storage.ArticleSummary{ID: id}})
	w.articles.refresh()
	if next := w.articles.first(); next != 0 {
		w.openArticle(next)
		return
	}
	w.view.SetDocument("No article open", emptyStoreHint)
	w.reloadClaims()
	w.win.SetTitle("Claimdesk")
}

const emptyStoreHint = "Open an article with File > Open (Ctrl+O), import a folder with Ctrl+Shift+O, " +
	"or drop .txt, .md, .html, JSONL, Label Studio or brat files on this window."
