package export

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"claimdesk/storage"
)

// BenchmarkExportFromStore exports the 100,000 claims of benchDataset from
// a real store, as `claimdesk export` does (Collect, then Write), and
// reports the peak of live heap during the export: with the texts read
// one article at a time, it is the claims plus one article, not the store.
func BenchmarkExportFromStore(b *testing.B) {
	store, err := storage.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	var items []storage.ImportItem
	for _, doc := range benchDataset().Docs {
		claims := make([]storage.Claim, len(doc.Claims))
		for i, c := range doc.Claims {
			c.ID = 0
			claims[i] = c
		}
		items = append(items, storage.ImportItem{Article: storage.Article{Title: doc.Article.Title, Text: doc.Article.Text}, Claims: claims})
		if len(items) == 100 {
			if _, err := store.ImportArticles(items); err != nil {
				b.Fatal(err)
			}
			items = items[:0]
		}
	}
	for _, format := range []string{"doccano", "conll"} {
		peakOfExports(b, format, func() (Dataset, error) { return Collect(store, Filter{}) })
	}
}

// peakOfExports runs, as a sub-benchmark named for format, an export of
// the dataset dataset reads, and reports the peak of live heap during it.
func peakOfExports(b *testing.B, format string, dataset func() (Dataset, error)) {
	b.Run(format, func(b *testing.B) {
		f, _ := FormatByName(format)
		dest := filepath.Join(b.TempDir(), "out"+f.Extension)
		var peak uint64
		for b.Loop() {
			runtime.GC()
			stop := watchHeap(&peak)
			d, err := dataset()
			if err != nil {
				b.Fatal(err)
			}
			if _, err := Write(context.Background(), d, dest, Options{Format: format}); err != nil {
				b.Fatal(err)
			}
			stop()
		}
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	})
}

// watchHeap samples the live heap every millisecond into peak until the
// returned function is called.
func watchHeap(peak *uint64) (stop func()) {
	var done atomic.Bool
	finished := make(chan struct{})
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	go func() {
		defer close(finished)
		for !done.Load() {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > *peak {
				*peak = v
			}
			time.Sleep(time.Millisecond)
		}
	}()
	return func() { done.Store(true); <-finished }
}

// BenchmarkExportHugeArticle writes one 50 MiB article with 10,000 claims
// as CoNLL and spans, and reports the peak heap: CoNLL tags the article a
// stretch at a time (conllChunks), so its tokens and tags never exist for
// the whole text at once.
func BenchmarkExportHugeArticle(b *testing.B) {
	var text strings.Builder
	var claims []storage.Claim
	pos := 0
	for text.Len() < 50<<20 {
		para := fmt.Sprintf("Official %d said in 東京 that the report on Zoe\u0308 was \"absurd\", they said. ", len(claims))
		para = strings.Repeat(para, 20) + "\n"
		if len(claims) < 10_000 {
			claims = append(claims, storage.Claim{ID: uint64(len(claims) + 1), ArticleID: 1, Start: pos + 30, End: pos + 60, Label: "denial"})
		}
		text.WriteString(para)
		pos += storage.RuneLen(para)
	}
	article := storage.Article{ID: 1, Title: "Huge", Text: text.String()}
	for i := range claims {
		claims[i].Quote, _ = storage.Slice(article.Text, claims[i].Start, claims[i].End)
	}
	d := Dataset{Docs: []Doc{{Article: article, Claims: claims}}, Labels: storage.DefaultLabels()}
	for _, format := range []string{"conll", "spans"} {
		peakOfExports(b, format, func() (Dataset, error) { return d, nil })
	}
}
