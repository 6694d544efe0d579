package dataset

import (
	"bufio"
	"io"
	"slices"
	"strings"
	"testing"
)

func TestParseBratNote(t *testing.T) {
	tests := []struct {
		in, speaker, target, note string
	}{
		{"speaker: Dmitry Peskov | target: USA | note: official line", "Dmitry Peskov", "USA", "official line"},
		{"speaker: Peskov", "Peskov", "", ""},
		{"target: Clinton campaign | note: a | b | c", "", "Clinton campaign", "a | b | c"},
		{"note: speaker: not a key here", "", "", "speaker: not a key here"},
		{"Speaker: X; Target: Y; Note: Z", "X", "Y", "Z"},
		{"just a plain note", "", "", "just a plain note"},
		{"see speaker: X", "", "", "see speaker: X"},
		{"  ", "", "", ""},
	}
	for _, tt := range tests {
		s, tg, n := ParseBratNote(tt.in)
		if s != tt.speaker || tg != tt.target || n != tt.note {
			t.Errorf("ParseBratNote(%q) = %q, %q, %q; want %q, %q, %q", tt.in, s, tg, n, tt.speaker, tt.target, tt.note)
		}
	}
}

func TestCheckText(t *testing.T) {
	long := strings.Repeat("plain ASCII text. ", 20)
	tests := []struct {
		name    string
		data    string
		partial bool
		refused string
	}{
		{"utf-8 with Arabic and emoji", "قال 😀 said", false, ""},
		{"NUL byte", "abc\x00def", false, "NUL bytes"},
		{"latin-1", "d\xe9menti \xe0 Moscou", false, "not UTF-8 text: 2 of 2"},
		{"stray byte in long text", long + "\xff" + long, false, ""},
		{"stray byte in short text", "caf\xe9", false, "not UTF-8"},
		{"prefix cut inside a character", long + "\xd8", true, ""},
	}
	for _, tt := range tests {
		err := checkText([]byte(tt.data), tt.partial)
		switch {
		case tt.refused == "" && err != nil:
			t.Errorf("%s: refused: %v", tt.name, err)
		case tt.refused != "" && (err == nil || !strings.Contains(err.Error(), tt.refused)):
			t.Errorf("%s: err = %v, want one containing %q", tt.name, err, tt.refused)
		}
	}
}

func TestCheckSize(t *testing.T) {
	tests := []struct {
		f       format
		size    int64
		refused string
	}{
		{formatText, 0, "empty file"},
		{formatText, MaxArticleFileSize, ""},
		{formatHTML, MaxArticleFileSize + 1, "above the 50 MiB limit for HTML files"},
		{formatJSONL, MaxArticleFileSize + 1, ""},
		{formatJSON, MaxCorpusFileSize + 1, "above the 512 MiB limit for JSON files"},
	}
	for _, tt := range tests {
		err := checkSize(tt.f, tt.size)
		if (err == nil) != (tt.refused == "") || err != nil && !strings.Contains(err.Error(), tt.refused) {
			t.Errorf("checkSize(%s, %d) = %v, want %q", tt.f, tt.size, err, tt.refused)
		}
	}
}

func TestRemap(t *testing.T) {
	tests := []struct {
		raw        string
		start, end int
		want       [2]int
	}{
		{"a\r\nb\r\nc", 3, 4, [2]int{2, 3}},  // "b" after one CRLF
		{"a\r\nb\r\nc", 1, 4, [2]int{1, 3}},  // "\r\nb" becomes "\nb"
		{"a\r\nb\r\nc", 2, 4, [2]int{1, 3}},  // "\nb"
		{"\uFEFFab", 1, 3, [2]int{0, 2}},     // the mark goes
		{"\uFEFFab", 0, 2, [2]int{0, 1}},     // a span over the mark keeps the rest
		{"x\ry", 0, 3, [2]int{0, 3}},         // a lone CR is replaced, not removed
		{"😀\r\n\r\nقال", 5, 8, [2]int{3, 6}}, // code points, not bytes
	}
	for _, tt := range tests {
		m := newRemap(tt.raw)
		if got := [2]int{m.pos(tt.start), m.pos(tt.end)}; got != tt.want {
			t.Errorf("remap %q [%d,%d) = %v, want %v", tt.raw, tt.start, tt.end, got, tt.want)
		}
	}
}

func TestOffsetConversions(t *testing.T) {
	text := "a😀bقc"
	utf16 := []struct{ units, runes int }{{0, 0}, {1, 1}, {3, 2}, {4, 3}, {5, 4}, {6, 5}}
	for _, c := range utf16 {
		if got, ok := runeOffsetFromUTF16(text, c.units); !ok || got != c.runes {
			t.Errorf("UTF-16 %d = %d, %v; want %d", c.units, got, ok, c.runes)
		}
	}
	if _, ok := runeOffsetFromUTF16(text, 2); ok {
		t.Error("an offset inside a surrogate pair converted")
	}
	if _, ok := runeOffsetFromUTF16(text, 7); ok {
		t.Error("an offset past the end converted")
	}
	if got, ok := runeOffsetFromBytes(text, 5); !ok || got != 2 {
		t.Errorf("byte 5 = %d, %v; want 2", got, ok)
	}
	if _, ok := runeOffsetFromBytes(text, 2); ok {
		t.Error("a byte offset inside a character converted")
	}
}

func TestSupportedExtensions(t *testing.T) {
	exts := SupportedExtensions()
	if !slices.IsSorted(exts) {
		t.Errorf("not sorted: %v", exts)
	}
	for _, want := range []string{".ann", ".htm", ".html", ".json", ".jsonl", ".md", ".txt"} {
		if !slices.Contains(exts, want) {
			t.Errorf("%s missing from %v", want, exts)
		}
	}
}

func TestParseBytesRefuses(t *testing.T) {
	tests := map[string]string{
		"doc.ann":   "use ParseBrat",
		"photo.png": "unsupported format .png",
		"README":    "no file extension",
	}
	for name, want := range tests {
		_, _, err := ParseBytes(name, []byte("x"))
		if err == nil || !strings.Contains(err.Error(), want) || !strings.HasPrefix(err.Error(), name+": ") {
			t.Errorf("ParseBytes(%s) err = %v, want %q", name, err, want)
		}
	}
}

// TestParseFilePairsBrat: the .txt of a brat pair is read with its .ann,
// whichever of the two is named.
func TestParseFilePairsBrat(t *testing.T) {
	fromTxt, _, err1 := ParseFile("testdata/golden/brat.txt")
	fromAnn, _, err2 := ParseFile("testdata/golden/brat.ann")
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if len(fromTxt) != 1 || len(fromTxt[0].Spans) == 0 || !slices.Equal(fromTxt[0].Spans, fromAnn[0].Spans) {
		t.Errorf("the .txt of a brat pair did not parse as the pair")
	}
}

func TestBratNoteRoundTrip(t *testing.T) {
	tests := []struct{ speaker, target, note, text string }{
		{"Dmitry Peskov", "United States", "official line", "speaker: Dmitry Peskov | target: United States | note: official line"},
		{"", "Russia", "", "target: Russia"},
		{"Putin", "", "a | b\nc", "speaker: Putin | note: a | b c"},
		{"", "", "", ""},
	}
	for _, tt := range tests {
		text := BratNote(tt.speaker, tt.target, tt.note)
		if text != tt.text {
			t.Errorf("BratNote = %q, want %q", text, tt.text)
		}
		s, tg, n := ParseBratNote(text)
		if s != tt.speaker || tg != tt.target || n != strings.Join(strings.Fields(tt.note), " ") {
			t.Errorf("ParseBratNote(%q) = %q, %q, %q", text, s, tg, n)
		}
	}
}

func TestLineReader(t *testing.T) {
	in := "short\r\n" + strings.Repeat("x", 25) + "\n\nlast without end"
	lr := lineReader{r: bufio.NewReaderSize(strings.NewReader(in), 16), max: 10}
	want := []struct {
		line    string
		tooLong bool
	}{{"short", false}, {"", true}, {"", false}, {"", true}}
	for i, w := range want {
		line, tooLong, err := lr.next()
		if err != nil || string(line) != w.line || tooLong != w.tooLong {
			t.Errorf("line %d = %q, %v, %v; want %q, %v", i+1, line, tooLong, err, w.line, w.tooLong)
		}
	}
	if _, _, err := lr.next(); err != io.EOF {
		t.Errorf("after the last line: %v, want EOF", err)
	}
}

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
