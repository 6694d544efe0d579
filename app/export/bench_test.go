package export

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"claimdesk/storage"
)

var (
	benchOnce sync.Once
	benchData Dataset
)

// benchDataset is 1,000 articles of 100 sentences in several scripts, each
// sentence holding a claim, every tenth claim overlapping the one before:
// 100,000 claims.
func benchDataset() Dataset {
	benchOnce.Do(func() {
		benchData.Labels = storage.DefaultLabels()
		labels := []string{"denial", "accusation", "praise"}
		var id uint64
		for a := 1; a <= 1000; a++ {
			var text strings.Builder
			var claims []storage.Claim
			pos := 0
			for s := 0; s < 100; s++ {
				lead := fmt.Sprintf("Official %d of article %d said in 東京 that ", s, a)
				quote := fmt.Sprintf("the report on Zoe\u0308 and 👍🏽 number %d was \"absurd\" and false", s)
				tail := ", according to إقرأ هذا الخبر.\n"
				if s%5 != 4 {
					tail = ", they said. "
				}
				start := pos + storage.RuneLen(lead)
				id++
				c := storage.Claim{ID: id, Start: start, End: start + storage.RuneLen(quote),
					Label: labels[s%3], Speaker: "Official", Target: "the report", Annotator: "ana", Created: fixedTime}
				// Quotes are filled in below, from the finished text.
				if s%10 == 9 { // reach back into the previous claim
					c.Start = claims[len(claims)-1].End - 3
				}
				claims = append(claims, c)
				text.WriteString(lead + quote + tail)
				pos += storage.RuneLen(lead + quote + tail)
			}
			t := text.String()
			for i := range claims {
				claims[i].Quote = runeSlice(t, claims[i].Start, claims[i].End)
			}
			storage.SortInTextOrder(claims)
			art := storage.Article{ID: uint64(a), Title: fmt.Sprintf("Article %d", a), Text: t,
				SHA256: storage.HashText(t), Status: storage.StatusDone}
			benchData.Docs = append(benchData.Docs, Doc{Article: art, Claims: claims})
		}
	})
	return benchData
}

func runeSlice(text string, start, end int) string {
	s, ok := storage.Slice(text, start, end)
	if !ok {
		panic(fmt.Sprintf("bench: %d-%d outside the text", start, end))
	}
	return s
}

// BenchmarkWrite exports 100,000 claims over 1,000 articles in every
// format and option variant (doccano-utf16, conll-tsv); bytes/op is the article text, so MB/s is text exported per second.
func BenchmarkWrite(b *testing.B) {
	d := benchDataset()
	textBytes := 0
	for _, doc := range d.Docs {
		textBytes += len(doc.Article.Text)
	}
	for _, opts := range everyVariant() {
		f, _ := FormatByName(opts.Format)
		b.Run(variant(opts), func(b *testing.B) {
			dest := filepath.Join(b.TempDir(), "out"+f.Extension)
			b.SetBytes(int64(textBytes))
			b.ReportAllocs()
			for b.Loop() {
				res, err := Write(context.Background(), d, dest, opts)
				if err != nil {
					b.Fatal(err)
				}
				if res.Claims+res.Omitted != 100_000 {
					b.Fatalf("%d claims written, %d omitted", res.Claims, res.Omitted)
				}
			}
		})
	}
}
