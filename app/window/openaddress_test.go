package window

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"claimdesk/app/web/webtest"
)

// File > Open address… (Ctrl+Shift+U): an address typed in is fetched and
// its article opened; a since date or count it cannot read is said in the
// dialog, which keeps what was typed; Esc closes it.
func TestOpenAddressDialog(t *testing.T) {
	srv := webtest.New(t)
	w := newTestWindow(t)
	press(w, ctrlShift(fyne.KeyU))
	d := w.addressing
	if d == nil || len(w.win.Canvas().Overlays().List()) != 1 {
		t.Fatal("Ctrl+Shift+U opened no dialog")
	}
	if w.win.Canvas().Focused() != d.addresses {
		t.Error("the address box does not have the keyboard")
	}
	d.onOpen()
	if !d.problem.Visible() || !strings.Contains(d.problem.Text, "at least one address") {
		t.Errorf("Open with no address: problem %q", d.problem.Text)
	}
	test.Type(d.addresses, srv.URL("/article.html"))
	d.since.SetText("last week")
	d.onOpen()
	if !strings.HasPrefix(d.problem.Text, "Since: ") || len(w.win.Canvas().Overlays().List()) != 1 {
		t.Errorf("a bad date: problem %q, %d overlays", d.problem.Text, len(w.win.Canvas().Overlays().List()))
	}
	d.since.SetText("")
	d.limit.SetText("-2")
	d.onOpen()
	if !strings.HasPrefix(d.problem.Text, "At most: ") {
		t.Errorf("a bad count: problem %q", d.problem.Text)
	}
	d.limit.SetText("")
	d.limit.OnSubmitted("") // Enter in a one-line field opens
	if got := w.session.Article(); got.Title != webtest.ArticleTitle || got.Source != srv.URL("/article.html") {
		t.Errorf("opened %q from %q, want the page's article", got.Title, got.Source)
	}
	if n := len(w.win.Canvas().Overlays().List()); n != 0 {
		t.Errorf("%d overlays after a clean import, want the footer's word only", n)
	}

	press(w, ctrlShift(fyne.KeyU))
	w.addressing.addresses.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if n := len(w.win.Canvas().Overlays().List()); n != 0 {
		t.Errorf("Esc left %d overlays", n)
	}
}

// A feed chosen as News feed imports its entries, reported one by one,
// newest at most as many as asked.
func TestOpenAddressDialogFeed(t *testing.T) {
	srv := webtest.New(t)
	w := newTestWindow(t)
	w.showAddressDialog()
	d := w.addressing
	d.addresses.SetText(strings.TrimPrefix(srv.URL("/feed.xml"), "http://")) // no scheme: https is assumed
	if got := d.addressList(); len(got) != 1 || !strings.HasPrefix(got[0], "https://127.0.0.1") {
		t.Errorf("address without a scheme read as %v", got)
	}
	d.addresses.SetText(srv.URL("/feed.xml"))
	d.readAs.SetSelected(readFeed)
	d.limit.SetText("2")
	d.onOpen()
	if n := len(w.session.Articles()); n != 3 {
		t.Errorf("%d articles, want the seed and the feed's 2 newest", n)
	}
	overlays := w.win.Canvas().Overlays().List()
	if len(overlays) != 1 {
		t.Fatalf("%d overlays, want the import report", len(overlays))
	}
	report := test.RenderObjectToMarkup(overlays[0])
	for _, want := range []string{webtest.StoryTitle(3), webtest.StoryTitle(2), "beyond the limit of 2 entries"} {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}

// A link dragged from a browser arrives from GLFW as a file URI under the
// working folder; the window fetches the address it was.
func TestDropLink(t *testing.T) {
	srv := webtest.New(t)
	w := newTestWindow(t)
	w.onDropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(srv.URL("/article.html"))})
	if got := w.session.Article(); got.Title != webtest.ArticleTitle {
		t.Errorf("opened %q after dropping a link", got.Title)
	}
	for path, want := range map[string]string{
		"/home/a/https:/example.org/news/1?x=1": "https://example.org/news/1?x=1",
		"/tmp/http:/127.0.0.1:8080/a.html":      "http://127.0.0.1:8080/a.html",
		"/home/a/notes.txt":                     "",
	} {
		if got, _ := droppedAddress(path); got != want {
			t.Errorf("droppedAddress(%q) = %q, want %q", path, got, want)
		}
	}
}
