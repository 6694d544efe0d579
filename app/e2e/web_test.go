package e2e

import (
	"image"
	"testing"
	"time"

	"claimdesk/app/web/webtest"
)

// TestOpenAddress opens File > Open address… with its keys in the real
// window, closes it with Esc, opens it again, types the address of a page
// a local server in this test process serves, and presses Open: the
// page's article opens, stored with the address as its source.
func TestOpenAddress(t *testing.T) {
	skipUnlessE2E(t)
	j := newJourney(t)
	j.step = "Open address…"
	j.openAddress()
	j.invoke("Quit")
	waitExit(t, j.app)
	s := readStore(t, j.bin, j.db)
	for _, check := range j.checks {
		check(s)
	}
}

// openAddress is the journey's step for File > Open address….
func (j *journey) openAddress() {
	if j.site == nil {
		j.site = webtest.New(j.t)
	}
	address := j.site.URL("/article.html")
	j.calm()
	before := j.shot("before")
	j.invoke("Open address…")
	j.awaitDialog("the address dialog", before, true)
	j.key("Escape")
	j.awaitDialog("the address dialog", before, false)
	j.invoke("Open address…")
	j.awaitDialog("the address dialog", before, true)
	j.typeText(address)
	time.Sleep(time.Second) // the window draws what was typed
	j.goAhead("the address dialog")
	waitTitle(j.t, j.x, j.win, webtest.ArticleTitle)
	j.park()
	time.Sleep(pause)
	j.shot("article")
	j.later(func(s *storeState) {
		a, ok := s.article(webtest.ArticleTitle)
		if !ok || a.Meta.Source != address {
			j.errorf("the page's article: stored %v, source %q, want %q", ok, a.Meta.Source, address)
		}
	})
}

// awaitDialog waits until a dialog covers the window (open) or is gone
// again, failing the step after ten seconds: a window busy learning its
// suggestions right after start answers a key a second or more late. A
// dialog shades the whole window, so anything under 20,000 pixels changed
// is no dialog: the suggestions' dashed outlines, drawn whenever their
// search ends, change a few thousand.
func (j *journey) awaitDialog(what string, before image.Image, open bool) {
	j.t.Helper()
	j.park()
	state := map[bool]string{true: "open", false: "closed"}[open]
	if !waitFor(func() bool {
		return (differing(before, j.shot(what+"-"+state), dialogArea) >= 20000) == open
	}) {
		j.errorf("%s is not %s ten seconds after its key", what, state)
	}
}
