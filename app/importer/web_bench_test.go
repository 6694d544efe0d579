package importer

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"claimdesk/app/dataset"
	"claimdesk/app/web"
	"claimdesk/app/web/webtest"
	"claimdesk/storage"
)

// BenchmarkFetchAndReadPage: a page fetched from a local server and read
// by reader mode, without the store: what an address costs apart from the
// network.
func BenchmarkFetchAndReadPage(b *testing.B) {
	srv := webtest.New(b)
	address := srv.URL("/article.html")
	for b.Loop() {
		resp, err := web.Client{}.Fetch(context.Background(), address)
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := dataset.ParseWebPage(address, resp.Body, resp.Charset); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImportFeed: the local feed of three entries (two pages
// fetched, one from the feed's content) into a new store, committed.
func BenchmarkImportFeed(b *testing.B) {
	srv := webtest.New(b)
	dir := b.TempDir()
	n := 0
	for b.Loop() {
		b.StopTimer()
		n++
		store, err := storage.Open(filepath.Join(dir, "feed"+strconv.Itoa(n)+".db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		report, err := Import(store, []string{srv.URL("/feed.xml")}, Options{})
		if err != nil || len(report.Imported) != 3 {
			b.Fatalf("%v\n%s", err, report)
		}
		b.StopTimer()
		store.Close()
		b.StartTimer()
	}
}
