package storage

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzNormalize(f *testing.F) {
	for _, seed := range []string{
		"", "plain", "\uFEFF\uFEFFa\r\nb\rc", "a\xffb\xe2\x82", "\xed\xa0\x80\r", "\r\r\n\n", "\uFEFF", emojiText, arabicText,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		out, norm := Normalize(raw)
		if !utf8.ValidString(out) {
			t.Fatalf("Normalize(%q) = %q is not valid UTF-8", raw, out)
		}
		if strings.ContainsRune(out, '\r') {
			t.Fatalf("Normalize(%q) = %q keeps a CR", raw, out)
		}
		if strings.HasPrefix(out, "\uFEFF") {
			t.Fatalf("Normalize(%q) = %q starts with a BOM", raw, out)
		}
		again, norm2 := Normalize(out)
		if again != out || norm2.Changed() {
			t.Fatalf("Normalize is not idempotent: %q -> %q -> %q (%s)", raw, out, again, norm2)
		}
		if norm.Changed() != (out != raw) {
			t.Fatalf("Changed() = %v, but %q -> %q", norm.Changed(), raw, out)
		}
		if strings.Count(raw, "\r") != norm.ConvertedCRLF {
			t.Fatalf("ConvertedCRLF = %d for %d CRs", norm.ConvertedCRLF, strings.Count(raw, "\r"))
		}
	})
}

func FuzzSlice(f *testing.F) {
	f.Add(emojiText, 3, 5)
	f.Add(combiningTxt, 4, 5)
	f.Add(cjkText, 0, 8)
	f.Add(arabicText, 15, 23)
	f.Add("abc", -1, 2)
	f.Add("abc", 2, 1)
	f.Add("", 0, 0)
	f.Fuzz(func(t *testing.T, raw string, start, end int) {
		text, _ := Normalize(raw)
		runes := []rune(text)
		got, ok := Slice(text, start, end)
		fits := 0 <= start && start <= end && end <= len(runes)
		if ok != fits {
			t.Fatalf("Slice(%q, %d, %d) ok = %v, want %v", text, start, end, ok, fits)
		}
		if !fits {
			return
		}
		if want := string(runes[start:end]); got != want {
			t.Fatalf("Slice(%q, %d, %d) = %q, want %q", text, start, end, got, want)
		}
		from, _ := ByteOffset(text, start)
		if RuneOffset(text, from) != start || !strings.HasPrefix(text[from:], got) {
			t.Fatalf("ByteOffset(%d) = %d does not round-trip through RuneOffset", start, from)
		}
	})
}
