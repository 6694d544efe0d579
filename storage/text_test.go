package storage

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
		norm           Normalization
		says           string
	}{
		{"clean text is kept", "Peskov denied it.\n", "Peskov denied it.\n", Normalization{}, ""},
		{"BOM", "\uFEFFKremlin", "Kremlin", Normalization{RemovedBOM: true}, "byte-order mark removed"},
		{"two BOMs", "\uFEFF\uFEFFKremlin", "Kremlin", Normalization{RemovedBOM: true}, "byte-order mark removed"},
		{"BOM inside is text", "a\uFEFFb", "a\uFEFFb", Normalization{}, ""},
		{"CRLF", "one\r\ntwo\r\n", "one\ntwo\n", Normalization{ConvertedCRLF: 2}, "2 CR/CRLF line ends turned into LF"},
		{"lone CR", "one\rtwo", "one\ntwo", Normalization{ConvertedCRLF: 1}, "1 CR/CRLF line end turned into LF"},
		{"CR CRLF", "a\r\r\nb", "a\n\nb", Normalization{ConvertedCRLF: 2}, "2 CR/CRLF"},
		{"invalid byte", "a\xffb", "a\uFFFDb", Normalization{InvalidUTF8: 1}, "1 invalid UTF-8 sequence replaced by U+FFFD"},
		{"cut multi-byte character", "a\xe2\x82", "a\uFFFD\uFFFD", Normalization{InvalidUTF8: 2}, "2 invalid UTF-8 sequences"},
		{"encoded surrogate", "\xed\xa0\x80", "\uFFFD\uFFFD\uFFFD", Normalization{InvalidUTF8: 3}, "3 invalid"},
		{"U+FFFD itself is valid", "a\uFFFDb", "a\uFFFDb", Normalization{}, ""},
		{
			"combined", "\uFEFFtitle\r\nbody \xc3\r\nend\r", "title\nbody \uFFFD\nend\n",
			Normalization{RemovedBOM: true, ConvertedCRLF: 3, InvalidUTF8: 1},
			"byte-order mark removed, 3 CR/CRLF line ends turned into LF, 1 invalid UTF-8 sequence replaced by U+FFFD",
		},
		{"empty", "", "", Normalization{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, norm := Normalize(tt.in)
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if norm != tt.norm {
				t.Errorf("Normalization = %+v, want %+v", norm, tt.norm)
			}
			if norm.Changed() != (tt.norm != Normalization{}) {
				t.Errorf("Changed() = %v for %+v", norm.Changed(), norm)
			}
			if s := norm.String(); (tt.says == "") != (s == "") || !strings.Contains(s, tt.says) {
				t.Errorf("String() = %q, want it to say %q", s, tt.says)
			}
		})
	}
}

func TestPlural(t *testing.T) {
	for n, want := range map[int]string{0: "0 claims", 1: "1 claim", 2: "2 claims", 999: "999 claims",
		1000: "1,000 claims", 100000: "100,000 claims", 1000000: "1,000,000 claims", -1500: "-1,500 claims"} {
		if got := Plural(n, "claim"); got != want {
			t.Errorf("Plural(%d, claim) = %q, want %q", n, got, want)
		}
	}
}

// The texts of TestSlice, each with what Python's text[start:end] gives.
const (
	emojiText    = "ok 👍🏽 👨‍👩‍👧 🇺🇦!"        // thumbs up + skin tone; a family joined by ZWJ; a flag of two regional indicators
	combiningTxt = "cafe\u0301 nai\u0308ve" // e + COMBINING ACUTE, i + COMBINING DIAERESIS
	cjkText      = "日本語のテキスト"
	arabicText   = "إقرأ هذا الخبر بالعربية"
)

func TestSlice(t *testing.T) {
	tests := []struct {
		name       string
		text       string
		start, end int
		want       string
		ok         bool
	}{
		{"emoji with skin tone is two code points", emojiText, 3, 5, "👍🏽", true},
		{"skin tone modifier alone", emojiText, 4, 5, "🏽", true},
		{"ZWJ family is five code points", emojiText, 6, 11, "👨‍👩‍👧", true},
		{"flag is two code points", emojiText, 12, 14, "🇺🇦", true},
		{"to the end", emojiText, 14, 15, "!", true},
		{"combining mark follows its letter", combiningTxt, 3, 5, "e\u0301", true},
		{"combining mark alone", combiningTxt, 4, 5, "\u0301", true},
		{"second word", combiningTxt, 6, 12, "nai\u0308ve", true},
		{"CJK", cjkText, 3, 8, "のテキスト", true},
		{"Arabic word", arabicText, 0, 4, "إقرأ", true},
		{"Arabic last word", arabicText, 15, 23, "بالعربية", true},
		{"empty span at the end", cjkText, 8, 8, "", true},
		{"whole text", cjkText, 0, 8, cjkText, true},
		{"end past the text", cjkText, 3, 9, "", false},
		{"start past the text", cjkText, 9, 10, "", false},
		{"negative start", cjkText, -1, 2, "", false},
		{"reversed", cjkText, 3, 2, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Slice(tt.text, tt.start, tt.end)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Slice(%d, %d) = %q, %v; want %q, %v", tt.start, tt.end, got, ok, tt.want, tt.ok)
			}
			if !ok {
				return
			}
			from, _ := ByteOffset(tt.text, tt.start)
			to, _ := ByteOffset(tt.text, tt.end)
			if tt.text[from:to] != tt.want {
				t.Errorf("ByteOffset gives %q, want %q", tt.text[from:to], tt.want)
			}
			if RuneOffset(tt.text, from) != tt.start || RuneOffset(tt.text, to) != tt.end {
				t.Errorf("RuneOffset(%d), RuneOffset(%d) = %d, %d; want %d, %d",
					from, to, RuneOffset(tt.text, from), RuneOffset(tt.text, to), tt.start, tt.end)
			}
		})
	}
}

func TestByteOffset(t *testing.T) {
	tests := []struct {
		text  string
		runes int
		want  int
		ok    bool
	}{
		{"👍🏽x", 0, 0, true},
		{"👍🏽x", 1, 4, true},
		{"👍🏽x", 2, 8, true},
		{"👍🏽x", 3, 9, true},
		{"👍🏽x", 4, 0, false},
		{"日本", 1, 3, true},
		{"إقرأ", 2, 4, true},
		{"e\u0301", 1, 1, true},
		{"abc", -1, 0, false},
		{"", 0, 0, true},
	}
	for _, tt := range tests {
		got, ok := ByteOffset(tt.text, tt.runes)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ByteOffset(%q, %d) = %d, %v; want %d, %v", tt.text, tt.runes, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRuneOffset(t *testing.T) {
	tests := []struct {
		name string
		text string
		at   int
		want int
	}{
		{"on a boundary", "日本語", 3, 1},
		{"inside a CJK character rounds down", "日本語", 4, 1},
		{"inside an emoji rounds down", "a👍b", 3, 1},
		{"last byte of an emoji", "a👍b", 4, 1},
		{"after an emoji", "a👍b", 5, 2},
		{"end", "a👍b", 6, 3},
		{"past the end is clamped", "a👍b", 99, 3},
		{"negative is clamped", "a👍b", -5, 0},
	}
	for _, tt := range tests {
		if got := RuneOffset(tt.text, tt.at); got != tt.want {
			t.Errorf("%s: RuneOffset(%q, %d) = %d, want %d", tt.name, tt.text, tt.at, got, tt.want)
		}
	}
	if n := RuneLen(emojiText); n != 15 || n != utf8.RuneCountInString(emojiText) {
		t.Errorf("RuneLen(emoji text) = %d, want 15", n)
	}
}

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

// A TextIndex answers every span as Slice does, in texts of one script,
// mixed widths, combining marks and emoji, across its marks.
func TestTextIndexSlicesAsSliceDoes(t *testing.T) {
	texts := []string{
		"",
		"ascii only, no marks at all",
		strings.Repeat("Кремль отверг обвинения. ", 5),
		strings.Repeat("東京e\u0301 a👍🏽b 👨\u200d👩 ", 9),
		strings.Repeat("x", 31) + "é" + strings.Repeat("y", 33),
	}
	for _, text := range texts {
		ix := NewTextIndex(text)
		n := RuneLen(text)
		if ix.Len() != n || ix.Text() != text {
			t.Fatalf("%q: Len %d, want %d", text, ix.Len(), n)
		}
		for start := -1; start <= n+1; start++ {
			for end := start - 1; end <= n+1; end++ {
				got, gotOK := ix.Slice(start, end)
				want, wantOK := Slice(text, start, end)
				if got != want || gotOK != wantOK {
					t.Fatalf("%q [%d, %d): %q %v, want %q %v", text, start, end, got, gotOK, want, wantOK)
				}
			}
		}
	}
}
