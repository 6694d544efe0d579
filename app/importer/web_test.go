package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"claimdesk/app/testkit"
	"claimdesk/app/web"
	"claimdesk/app/web/webtest"
	"claimdesk/storage"
	"claimdesk/storage/storetest"
)

// stable replaces the test server's random address in a report, so it can
// be compared with a golden file.
func stable(srv *webtest.Server, report Report) []byte {
	return []byte(strings.ReplaceAll(report.String(), srv.URL(""), "http://SERVER"))
}

func importWeb(t *testing.T, store *storage.Store, paths []string, opts WebOptions) Report {
	t.Helper()
	report, err := Import(store, paths, Options{Web: opts})
	if err != nil {
		t.Fatal(err)
	}
	return report
}

// TestImportWebPage: a page becomes an article with reader mode's main
// text and title, its source the address; a redirected one notes where it
// ended.
func TestImportWebPage(t *testing.T) {
	srv := webtest.New(t)
	store := storetest.Open(t)
	report := importWeb(t, store, []string{srv.URL("/redirect/5")}, WebOptions{})
	if len(report.Imported) != 1 || report.HasFailures() {
		t.Fatalf("report:\n%s", report)
	}
	a, err := store.Article(report.Imported[0].ArticleID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != webtest.ArticleTitle || a.Source != srv.URL("/redirect/5") {
		t.Errorf("title %q source %q", a.Title, a.Source)
	}
	if got := a.Meta["final_url"]; string(got) != `"`+srv.URL("/article.html")+`"` {
		t.Errorf("meta final_url %s", got)
	}
	testkit.Golden(t, filepath.Join("testdata", "web", "article.golden"), []byte(a.Text))
	// The same page again is the same text: skipped as stored.
	again := importWeb(t, store, []string{srv.URL("/article.html")}, WebOptions{})
	if len(again.Skipped) != 1 || len(again.Imported) != 0 {
		t.Errorf("second import:\n%s", again)
	}
}

// TestImportWebFailures: each failure is a line of the report naming the
// address; the good address among them still lands.
func TestImportWebFailures(t *testing.T) {
	srv := webtest.New(t)
	store := storetest.Open(t)
	paths := []string{srv.URL("/gone.html"), srv.URL("/redirect/6"), srv.URL("/report.pdf"), srv.URL("/slow"),
		srv.URL("/huge-declared"), srv.URL("/unavailable"), "gopher://example.org/", srv.URL("/article.html")}
	report := importWeb(t, store, paths, WebOptions{Client: web.Client{Timeout: 200 * time.Millisecond}})
	testkit.Golden(t, filepath.Join("testdata", "web", "failures.golden"), stable(srv, report))
	if len(report.Imported) != 1 || len(report.Failed) != 7 {
		t.Errorf("report:\n%s", report)
	}
}

// TestImportWebCharsetFromHeader: the server's charset wins over the
// page's wrong <meta charset>.
func TestImportWebCharsetFromHeader(t *testing.T) {
	srv := webtest.New(t)
	store := storetest.Open(t)
	report := importWeb(t, store, []string{srv.URL("/latin1.html")}, WebOptions{})
	if len(report.Imported) != 1 {
		t.Fatalf("report:\n%s", report)
	}
	a, _ := store.Article(report.Imported[0].ArticleID)
	if a.Title != webtest.Latin1Title || !strings.Contains(a.Text, "the owners of Café Sonne") || strings.ContainsRune(a.Text, '\uFFFD') {
		t.Errorf("title %q text %q", a.Title, a.Text)
	}
}

// TestImportFeed: a feed of three entries, one stored already by its
// address: the other two land, one from its page and one from the content
// the feed carries, and each entry has its line in the report. The same
// feed again stores nothing.
func TestImportFeed(t *testing.T) {
	srv := webtest.New(t)
	store := storetest.Open(t)
	importWeb(t, store, []string{srv.StoryAddress(1)}, WebOptions{})
	var progress [][2]int
	report, err := Import(store, []string{srv.URL("/feed.xml")}, Options{
		Progress: func(done, total int, _ string) { progress = append(progress, [2]int{done, total}) }})
	if err != nil {
		t.Fatal(err)
	}
	testkit.Golden(t, filepath.Join("testdata", "web", "feed.golden"), stable(srv, report))
	if last := progress[len(progress)-1]; last != [2]int{4, 4} {
		t.Errorf("progress ended at %v, want the feed and its 3 entries: [4 4]", last)
	}
	byTitle := map[string]storage.Article{}
	_ = store.ForEachArticle(func(a storage.Article) error { byTitle[a.Title] = a; return nil })
	fromContent := byTitle[webtest.StoryTitle(2)]
	if !strings.HasSuffix(fromContent.Text, "Reported for the feed.") || fromContent.Source != srv.StoryAddress(2) {
		t.Errorf("entry 2, from the feed's content: source %q text %q", fromContent.Source, fromContent.Text)
	}
	fromPage := byTitle[webtest.StoryTitle(3)]
	if string(fromPage.Meta["feed_title"]) != `"Harbour Gazette"` || !strings.HasPrefix(string(fromPage.Meta["published"]), `"2026-03-03`) {
		t.Errorf("entry 3's meta %v", fromPage.Meta)
	}
	again := importWeb(t, store, []string{srv.URL("/feed.xml")}, WebOptions{})
	if len(again.Imported) != 0 || len(again.Skipped) != 3 {
		t.Errorf("the feed again:\n%s", again)
	}
}

// TestImportFeedSkipsStoredText: an entry whose page is stored under
// another address is skipped by its text.
func TestImportFeedSkipsStoredText(t *testing.T) {
	srv := webtest.New(t)
	store := storetest.Open(t)
	importWeb(t, store, []string{srv.StoryAddress(3) + "?utm_source=mail"}, WebOptions{})
	report := importWeb(t, store, []string{srv.URL("/feed.xml")}, WebOptions{})
	if len(report.Imported) != 2 || len(report.Skipped) != 1 || !strings.Contains(report.Skipped[0].Reason, "same text as article 1") {
		t.Errorf("report:\n%s", report)
	}
}

// TestImportFeedSinceLimit: --since and --limit leave entries out, each
// reported.
func TestImportFeedSinceLimit(t *testing.T) {
	srv := webtest.New(t)
	store := storetest.Open(t)
	sel := web.Selection{Since: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Limit: 1}
	report := importWeb(t, store, []string{srv.URL("/feed.xml")}, WebOptions{Feed: true, Entries: sel})
	testkit.Golden(t, filepath.Join("testdata", "web", "feed-since-limit.golden"), stable(srv, report))
	if len(report.Imported) != 1 || report.Imported[0].Title != webtest.StoryTitle(3) {
		t.Errorf("report:\n%s", report)
	}
}

// TestImportFeedFlagOnPage: --feed on a web page says what it is.
func TestImportFeedFlagOnPage(t *testing.T) {
	srv := webtest.New(t)
	report := importWeb(t, storetest.Open(t), []string{srv.URL("/article.html")}, WebOptions{Feed: true})
	if len(report.Failed) != 1 || !strings.Contains(report.Failed[0].Message, "a web page, not a news feed") {
		t.Errorf("report:\n%s", report)
	}
}

// TestImportAddressListAndLinkFile: --urls reads a list of addresses, a
// line that is none is named by its line; a .url file named on its own is
// fetched, one in a folder is not.
func TestImportAddressListAndLinkFile(t *testing.T) {
	srv := webtest.New(t)
	dir := t.TempDir()
	t.Chdir(dir)
	list := "# today\n" + srv.StoryAddress(1) + "\nnot an address\n" + srv.StoryAddress(2) + "\n"
	if err := os.WriteFile("urls.txt", []byte(list), 0o644); err != nil {
		t.Fatal(err)
	}
	store := storetest.Open(t)
	report := importWeb(t, store, []string{"urls.txt"}, WebOptions{AddressLists: true})
	if len(report.Imported) != 2 || len(report.Failed) != 1 || report.Failed[0].String() != `urls.txt:3: "not an address" is not a web address (want one http:// or https:// address a line)` {
		t.Errorf("address list:\n%s", report)
	}
	if err := os.MkdirAll("links", 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join("links", "story.url")
	if err := os.WriteFile(link, []byte("[InternetShortcut]\r\nURL="+srv.StoryAddress(3)+"\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	inFolder := importWeb(t, store, []string{"links"}, WebOptions{})
	if len(inFolder.Imported) != 0 || len(inFolder.Skipped) != 1 || !strings.Contains(inFolder.Skipped[0].Reason, "nothing is fetched from a folder") {
		t.Errorf("a link file in a folder:\n%s", inFolder)
	}
	named := importWeb(t, store, []string{link}, WebOptions{})
	if len(named.Imported) != 1 || named.Imported[0].Title != webtest.StoryTitle(3) {
		t.Errorf("a link file named:\n%s", named)
	}
}
