package dataset

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHTMLTooLargeForReaderMode: a page past maxHTMLElements still gives
// its text, with a warning that reader mode was skipped.
func TestHTMLTooLargeForReaderMode(t *testing.T) {
	var b strings.Builder
	b.WriteString("<html><head><title>Big page</title></head><body><p>")
	for range maxHTMLElements {
		b.WriteString("<b>w</b> ")
	}
	b.WriteString("</p></body></html>")
	docs, problems, err := ParseBytes("big.html", []byte(b.String()))
	if err != nil || len(docs) != 1 {
		t.Fatalf("err %v, %d docs", err, len(docs))
	}
	if len(problems) != 1 || !strings.Contains(problems[0].Message, "whole text of the page") {
		t.Errorf("problems %v, want the reader-mode fallback warning", problems)
	}
	if !strings.HasPrefix(docs[0].Text, "Big page\n\nw w w") {
		t.Errorf("text starts %q", docs[0].Text[:30])
	}
}

func FuzzParseHTML(f *testing.F) {
	addSeeds(f, []string{".html"}, "<p>x", `<meta charset="utf-16"><p>y`, "\xfe\xff\x00<\x00p", "<html><body></body></html>")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "fuzz.html", data) })
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
