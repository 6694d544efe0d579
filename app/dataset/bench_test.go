package dataset

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"claimdesk/storage"
)

// BenchmarkImport1000Articles imports a folder of 1,000 distinct articles
// (the seed article with a numbered line) into a new store each round.
func BenchmarkImport1000Articles(b *testing.B) {
	seed, err := os.ReadFile(filepath.Join("testdata", "golden", "seed.txt"))
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(b.TempDir(), "articles")
	if err := os.Mkdir(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	const n = 1000
	for i := range n {
		text := fmt.Sprintf("%sArticle number %d.\n", seed, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%04d.txt", i)), []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	round := 0
	for b.Loop() {
		round++
		store, err := storage.Open(filepath.Join(b.TempDir(), fmt.Sprintf("bench%d.db", round)))
		if err != nil {
			b.Fatal(err)
		}
		report, err := Import(store, []string{dir}, Options{})
		if err != nil || len(report.Imported) != n {
			b.Fatalf("err %v, %s", err, report.Summary())
		}
		store.Close()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
}

func BenchmarkParseSeedHTML(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "golden", "seed.html"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, _, err := ParseBytes("seed.html", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseJSONL parses a corpus of 1,000 records with three spans each.
func BenchmarkParseJSONL(b *testing.B) {
	var corpus strings.Builder
	for i := range 1000 {
		text := fmt.Sprintf("Record %d: Peskov 😀 said \"Russia never interfered\" and Obama disagreed.\r\n", i)
		line, err := json.Marshal(map[string]any{"text": text, "label": [][]any{{0, 6, "x"}, {20, 30, "denial"}, {50, 55, "praise"}}})
		if err != nil {
			b.Fatal(err)
		}
		corpus.Write(line)
		corpus.WriteByte('\n')
	}
	data := []byte(corpus.String())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		docs, _, err := ParseBytes("corpus.jsonl", data)
		if err != nil || len(docs) != 1000 {
			b.Fatal(err, len(docs))
		}
	}
}

// BenchmarkParseDoccanoMetaClaims parses one long article as the doccano
// export writes it: 5,000 triples, half of them on one span, each paired
// with its meta.claims entry.
func BenchmarkParseDoccanoMetaClaims(b *testing.B) {
	const n = 5000
	text := strings.Repeat("Peskov said Russia never interfered. ", n)
	labels := make([][3]any, n)
	claims := make([]Span, n)
	for i := range n {
		start := (i % 2) * 37 * (i / 2) // even claims pile up on the first sentence
		claims[i] = Span{Start: start, End: start + 35, Label: "denial", Speaker: fmt.Sprint("speaker ", i), Annotator: "ana"}
		labels[i] = [3]any{start, start + 35, "denial"}
	}
	line, err := json.Marshal(map[string]any{"text": text, "label": labels, "meta": map[string]any{"claims": spanMaps(claims)}})
	if err != nil {
		b.Fatal(err)
	}
	data := append(line, '\n')
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		docs, problems, err := ParseBytes("doccano.jsonl", data)
		if err != nil || len(problems) > 0 || len(docs) != 1 || len(docs[0].Spans) != n {
			b.Fatal(err, problems)
		}
	}
}
