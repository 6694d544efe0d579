package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"claimdesk/app/web/webtest"
)

// TestImportWebCommand: an address, a feed with --since and --limit, an
// address list with --urls, and the flags' usage errors, through the
// command line.
func TestImportWebCommand(t *testing.T) {
	srv := webtest.New(t)
	db := filepath.Join(t.TempDir(), "c.db")
	r := claimdesk(t, db, "import", srv.URL("/article.html"))
	if r.code != ExitOK || !strings.Contains(r.stderr, `imported  `+srv.URL("/article.html")+`: "`+webtest.ArticleTitle+`"`) {
		t.Fatalf("address: %d %s", r.code, r.stderr)
	}
	r = claimdesk(t, db, "import", "--feed", srv.URL("/feed.xml"), "--since", "2026-03-02", "--limit", "1")
	if r.code != ExitOK || !strings.Contains(r.stderr, "1 imported (0 claims), 2 skipped, 0 failed") {
		t.Fatalf("feed: %d %s", r.code, r.stderr)
	}
	list := filepath.Join(t.TempDir(), "urls.txt")
	if err := os.WriteFile(list, []byte(srv.StoryAddress(1)+"\n"+srv.URL("/gone.html")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = claimdesk(t, db, "import", "--urls", list, "--timeout", "5s")
	if r.code != ExitFailure || !strings.Contains(r.stderr, srv.URL("/gone.html")+": the server answered 404 Not Found") ||
		!strings.Contains(r.stderr, "1 imported (0 claims), 0 skipped, 1 failed") {
		t.Fatalf("--urls: %d %s", r.code, r.stderr)
	}
	for _, bad := range [][]string{{"--since", "yesterday"}, {"--limit", "-1"}, {"--timeout", "0s"}} {
		r = claimdesk(t, db, append([]string{"import", srv.URL("/article.html")}, bad...)...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, bad[0]) {
			t.Errorf("%v: %d %s", bad, r.code, r.stderr)
		}
	}
}
