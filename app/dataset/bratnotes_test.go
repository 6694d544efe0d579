package dataset

import (
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
