package dataset

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

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

func FuzzParseBrat(f *testing.F) {
	pairs, err := filepath.Glob(filepath.Join("testdata", "golden", "*.ann"))
	if err != nil {
		f.Fatal(err)
	}
	for _, ann := range pairs {
		text, err1 := os.ReadFile(siblingWithExt(ann, ".txt"))
		annData, err2 := os.ReadFile(ann)
		if err1 != nil || err2 != nil {
			f.Fatal(err1, err2)
		}
		f.Add(text, annData)
	}
	f.Add([]byte("ab\r\ncd"), []byte("T1\tx 0 2;4 6\tab cd\n#1\tAnnotatorNotes T1\tspeaker: s | note: n"))
	f.Add([]byte("abc"), []byte("T1\tx 3 1\nT2\ty -1 2\nA1\tSpeaker T2"))
	f.Fuzz(func(t *testing.T, text, ann []byte) {
		docs, problems, err := ParseBrat("fuzz.txt", "fuzz.ann", text, ann)
		checkParse(t, "fuzz.txt", docs, problems, err)
	})
}
