package segment

import (
	"slices"
	"testing"
	"unicode"
)

// pieces returns the text of each span.
func pieces(text []rune, spans []Span) []string {
	out := make([]string, len(spans))
	for i, s := range spans {
		out[i] = string(text[s.Start:s.End])
	}
	return out
}

func TestWords(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"apostrophes", "Trump's and Trump’s", []string{"Trump's", " ", "and", " ", "Trump’s"}},
		{"initialisms", "the U.S. and e.g. U.S.A.", []string{"the", " ", "U.S.", " ", "and", " ", "e.g.", " ", "U.S.A."}},
		{"initialism at the end of a sentence", "in the U.S.\n", []string{"in", " ", "the", " ", "U.S.", "\n"}},
		{"not an initialism", "U.Sx. ab.c.", []string{"U.Sx", ".", " ", "ab.c", "."}},
		{"numbers", "3.5% of 1,000 W460 3rd", []string{"3.5", "%", " ", "of", " ", "1,000", " ", "W460", " ", "3rd"}},
		{"numbers end a sentence", "end. 2.", []string{"end", ".", " ", "2", "."}},
		{"punctuation alone", "\"No...\" -- yes", []string{"\"", "No", ".", ".", ".", "\"", " ", "-", "-", " ", "yes"}},
		{"spaces together", "a  \tb", []string{"a", "  ", "\t", "b"}},
		{"line breaks", "a\r\n\nb", []string{"a", "\r\n", "\n", "b"}},
		{"emoji with skin tone", "ok👍🏽!", []string{"ok", "👍🏽", "!"}},
		{"emoji ZWJ sequence", "👨\u200d👩\u200d👧 x", []string{"👨\u200d👩\u200d👧", " ", "x"}},
		{"flags pair up", "🇺🇦🇺🇦🇺", []string{"🇺🇦", "🇺🇦", "🇺"}},
		{"variation selector", "❤\ufe0f it", []string{"❤\ufe0f", " ", "it"}},
		{"combining marks", "Zoe\u0308 nai\u0308ve", []string{"Zoe\u0308", " ", "nai\u0308ve"}},
		{"mark at the start stands alone", "\u0301x", []string{"\u0301", "x"}},
		{"arabic", "إقرأ هذا الخبر بالعربية", []string{"إقرأ", " ", "هذا", " ", "الخبر", " ", "بالعربية"}},
		{"arabic harakat", "بِسْمِ اللّٰهِ", []string{"بِسْمِ", " ", "اللّٰهِ"}},
		{"persian ZWNJ", "می\u200cخواهم", []string{"می\u200cخواهم"}},
		{"han", "克里姆林宫否认。", []string{"克", "里", "姆", "林", "宫", "否", "认", "。"}},
		{"kana and latin", "カタカナとAI芯片", []string{"カ", "タ", "カ", "ナ", "と", "AI", "芯", "片"}},
		{"thai", "ภาษาไทยง่าย", []string{"ภ", "า", "ษ", "า", "ไ", "ท", "ย", "ง่", "า", "ย"}},
		{"thai sara am stays with its consonant", "กำ", []string{"กำ"}},
		{"hangul", "한국어 단어", []string{"한국어", " ", "단어"}},
		{"underscore joins", "foo_bar", []string{"foo_bar"}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := []rune(tt.in)
			got := pieces(text, Words(text))
			if len(got) == 0 {
				got = nil
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
			}
			for i := range text {
				s := WordAt(text, i)
				if w := string(text[s.Start:s.End]); !slices.Contains(tt.want, w) || s.Start > i || s.End <= i {
					t.Errorf("WordAt(%q, %d) = %q %v", tt.in, i, w, s)
				}
			}
		})
	}
}

func TestWordAtClampsAndEmpty(t *testing.T) {
	text := []rune("ab cd")
	if s := WordAt(text, -4); s != (Span{0, 2}) {
		t.Errorf("WordAt(-4) = %v, want {0 2}", s)
	}
	if s := WordAt(text, 99); s != (Span{3, 5}) {
		t.Errorf("WordAt(99) = %v, want {3 5}", s)
	}
	if s := WordAt(nil, 3); s != (Span{}) {
		t.Errorf("WordAt(empty) = %v", s)
	}
}

func TestIsWordRune(t *testing.T) {
	for _, r := range "aZ9éßЖبש中カก\u0301\u0e31२" {
		if !IsWordRune(r) {
			t.Errorf("IsWordRune(%q) = false", r)
		}
	}
	for _, r := range " \t'’.,-_!?\"«»😀🏽\u200d\u200c\ufeff。" {
		if IsWordRune(r) && !unicode.IsMark(r) {
			t.Errorf("IsWordRune(%q) = true", r)
		}
	}
	// The ASCII table says what the general rule says.
	for r := rune(0); r < 0x80; r++ {
		if want := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r); IsWordRune(r) != want {
			t.Errorf("IsWordRune(%q) = %v, want %v", r, !want, want)
		}
	}
}

func TestIsUnspaced(t *testing.T) {
	for _, r := range "中カかกລកမ" {
		if !IsUnspaced(r) {
			t.Errorf("IsUnspaced(%q) = false", r)
		}
	}
	for _, r := range "aЖبש한 。1" {
		if IsUnspaced(r) {
			t.Errorf("IsUnspaced(%q) = true", r)
		}
	}
	for r := rune(0); r < 0xe00; r++ {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar) {
			t.Fatalf("IsUnspaced's fast path misses %U", r)
		}
	}
}
