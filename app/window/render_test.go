package window

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"claimdesk/app/testkit"
)

// The right column as the analyst sees it after labelling a claim and
// naming its speaker: the list row (colour, label, quote, speaker → target)
// and the editor filled in. Rendered to Fyne's markup under the test theme,
// so a panel that stops showing a field fails here.
func TestClaimPanelsRender(t *testing.T) {
	w := newTestWindow(t)
	test.ApplyTheme(t, test.Theme())
	dragOver(t, w, "absurd")
	test.Type(w.view, "2")
	test.Type(w.details.speaker, "Peskov")
	w.details.endTyping()
	testkit.Golden(t, "testdata/claims_panel.xml", []byte(test.RenderObjectToMarkup(w.claimsUI.list)))
	testkit.Golden(t, "testdata/claim_details.xml", []byte(test.RenderObjectToMarkup(w.details.form)))
}

// The article list shows each article's title, claim count and status.
func TestArticlePanelRenders(t *testing.T) {
	w := newTestWindow(t)
	test.ApplyTheme(t, test.Theme())
	dragOver(t, w, "absurd")
	test.Type(w.view, "2")
	testkit.Golden(t, "testdata/article_panel.xml", []byte(test.RenderObjectToMarkup(w.articles.list)))
}
