package storage

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// BenchmarkFirstClaimOnHugeArticle is what the first claim on a 50 MiB
// article costs: the claim, and the article moving to "in progress".
// "status apart" is this schema (the status in its own bucket);
// "status in record" rewrites the article's record as schema 1 did, for
// comparison. written-B/op is what the process handed to write(2)
// (/proc/self/io wchar), so the 50 MiB rewrite shows whatever the disk.
func BenchmarkFirstClaimOnHugeArticle(b *testing.B) {
	text := strings.Repeat("Peskov denied that Russia was involved. ", 50<<20/40)
	for _, variant := range []string{"status apart", "status in record"} {
		b.Run(variant, func(b *testing.B) {
			s := openCheckedStore(b, filepath.Join(b.TempDir(), "huge.db"))
			art, _, err := s.AddArticle(Article{Text: text})
			if err != nil {
				b.Fatal(err)
			}
			before := wcharBytes(b)
			b.ResetTimer()
			for i := range b.N {
				if _, err := s.AddClaim(Claim{ArticleID: art.ID, Start: i % 1000, End: i%1000 + 6, Label: "denial", Annotator: "alice"}); err != nil {
					b.Fatal(err)
				}
				status := []Status{StatusInProgress, StatusNew}[i%2]
				if variant == "status apart" {
					err = s.SetAnnotatorStatus(art.ID, "alice", status)
				} else {
					err = s.update(func(tx *bolt.Tx) error {
						rec := art
						rec.Status = status
						raw, err := encodeArticle(rec, status)
						if err != nil {
							return err
						}
						return tx.Bucket(bucketArticles).Put(idKey(art.ID), raw)
					})
				}
				if err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			if variant != "status apart" {
				// Put the record back in this schema's form for the final Check.
				_ = s.update(func(tx *bolt.Tx) error { return putArticleRecord(tx.Bucket(bucketArticles), idKey(art.ID), art) })
			}
			if before >= 0 {
				b.ReportMetric(float64(wcharBytes(b)-before)/float64(b.N), "written-B/op")
			}
		})
	}
}

// wcharBytes is how many bytes this process has passed to write calls, or
// -1 where /proc/self/io cannot be read.
func wcharBytes(b *testing.B) int64 {
	f, err := os.Open("/proc/self/io")
	if err != nil {
		return -1
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "wchar: "); ok {
			n, err := strconv.ParseInt(v, 10, 64)
			if err == nil {
				return n
			}
		}
	}
	return -1
}
