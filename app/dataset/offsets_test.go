package dataset

import (
	"strings"
	"testing"

	"claimdesk/storage"
)

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

// FuzzRemap checks that a span of a raw text, moved to the normalised
// text, covers what normalising the span's own text gives.
func FuzzRemap(f *testing.F) {
	f.Add("\uFEFFab\r\ncd\re\r\n", 0, 5)
	f.Add("x\r\n\r\ny", 1, 6)
	f.Add("😀\r\n😀", 0, 4)
	f.Fuzz(func(t *testing.T, raw string, start, end int) {
		n := storage.RuneLen(raw)
		if start < 0 || end <= start || end > n {
			return
		}
		piece, _ := storage.Slice(raw, start, end)
		if strings.HasSuffix(piece, "\r") && strings.HasPrefix(string([]rune(raw)[end:]), "\n") {
			return // a span ending between CR and LF loses the line end
		}
		want, _ := storage.Normalize(piece)
		if start > 0 && strings.HasPrefix(piece, "\uFEFF") {
			want = "\uFEFF" + strings.TrimPrefix(want, "\uFEFF") // only the text's first mark goes
		}
		norm, _ := storage.Normalize(raw)
		m := newRemap(raw)
		got, ok := storage.Slice(norm, m.pos(start), m.pos(end))
		if !ok || got != want {
			t.Errorf("raw %q [%d,%d) = %q: normalised %q, remapped %q", raw, start, end, piece, want, got)
		}
	})
}
