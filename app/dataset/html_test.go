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

// TestPageEncoding: valid UTF-8 is UTF-8 whatever is declared; otherwise a
// declaration anywhere in the head counts, a charset written in a script
// or after the head does not, and a page without one is read as
// windows-1252 with a word.
func TestPageEncoding(t *testing.T) {
	pad := "<head><title>t</title><style>" + strings.Repeat("p{margin:0}", 150) + "</style>"
	tests := []struct {
		name, page, want string
		note             bool
	}{
		{"UTF-8, nothing declared", "<p>LONDON — After", "utf-8", false},
		{"ASCII declared windows-1252", `<meta charset="windows-1252"><p>plain`, "utf-8", false},
		{"UTF-8 declared late", pad + `<meta charset="UTF-8"></head><p>—`, "utf-8", false},
		{"UTF-8 under a stale declaration", `<meta charset="iso-8859-1"><p>—`, "utf-8", true},
		{"windows-1252 declared late", pad + "<meta charset=\"windows-1252\"></head><p>\x97", "windows-1252", false},
		{"http-equiv", "<meta http-equiv=\"content-type\" content=\"text/html; charset=KOI8-R\"><p>\xf0\xd2\xc9", "koi8-r", false},
		{"Shift_JIS", "<meta charset=\"Shift_JIS\"><p>\x83\x4e\x83\x8c", "shift_jis", false},
		{"a charset in a script does not count", "<script>var s='<meta charset=\"koi8-r\">'</script><p>\x97", "windows-1252", true},
		{"a meta in the body, past HTML's prescan, does not count", pad + "</head><body><meta charset=\"koi8-r\"><p>\x97", "windows-1252", true},
		{"utf-16 declared in ASCII means UTF-8", "<meta charset=\"utf-16\"><p>\x97", "utf-8", false},
		{"unknown label", "<meta charset=\"x-klingon\"><p>\x97", "windows-1252", true},
		{"UTF-16 with its mark", "\xff\xfe<\x00p\x00>\x00", "utf-16le", false},
	}
	for _, tt := range tests {
		_, name, note := pageEncoding([]byte(tt.page))
		if name != tt.want || (note != "") != tt.note {
			t.Errorf("%s: %s (note %q), want %s with note %v", tt.name, name, note, tt.want, tt.note)
		}
	}
}
