package export

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
)

func tokenTexts(text string) []string {
	runes := []rune(text)
	var out []string
	for _, s := range tokenize(runes) {
		out = append(out, string(runes[s.start:s.end]))
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Peskov said: \"No.\"", []string{"Peskov", "said", ":", "\"", "No", ".", "\""}},
		{"Zoe\u0308 and nai\u0308ve", []string{"Zoe\u0308", "and", "nai\u0308ve"}},
		{"ok 👍🏽 👨\u200d👩\u200d👧 🇺🇦🇺🇦!", []string{"ok", "👍🏽", "👨\u200d👩\u200d👧", "🇺🇦", "🇺🇦", "!"}},
		{"❤\ufe0f it", []string{"❤\ufe0f", "it"}},
		{"克里姆林宫否认。", []string{"克", "里", "姆", "林", "宫", "否", "认", "。"}},
		{"カタカナとAI芯片", []string{"カ", "タ", "カ", "ナ", "と", "AI", "芯", "片"}},
		{"إقرأ هذا الخبر", []string{"إقرأ", "هذا", "الخبر"}},
		{"می\u200cخواهم", []string{"می\u200cخواهم"}},
		{"U.S. and e.g. 3.5% of 1,000", []string{"U.S.", "and", "e.g.", "3.5", "%", "of", "1,000"}},
		{"end. 2.", []string{"end", ".", "2", "."}},
		{"  \n\t ", nil},
		{"\u0301x", []string{"\u0301x"}},
	}
	for _, tc := range tests {
		if got := tokenTexts(tc.text); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("tokenize(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func sentenceTexts(text string) []string {
	runes := []rune(text)
	var out []string
	for _, s := range sentences(runes) {
		out = append(out, string(runes[s.start:s.end]))
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"One. Two! Three? Four", []string{"One.", "Two!", "Three?", "Four"}},
		{"Kremlin Denies Interfering in U.S. Election Campaign\n\nNext", []string{"Kremlin Denies Interfering in U.S. Election Campaign", "Next"}},
		{"Mr. Peskov said so. Dr. No agreed.", []string{"Mr. Peskov said so.", "Dr. No agreed."}},
		{"\"It is absurd.\" Peskov said.", []string{"\"It is absurd.\"", "Peskov said."}},
		{"It was 3.5 percent. then lower", []string{"It was 3.5 percent. then lower"}},
		{"克里姆林宫否认。美国大选！好", []string{"克里姆林宫否认。", "美国大选！", "好"}},
		{"هل هذا صحيح؟ نعم", []string{"هل هذا صحيح؟", "نعم"}},
		{"  leading and trailing  \n  ", []string{"leading and trailing"}},
		{"Wait… What?!", []string{"Wait…", "What?!"}},
		{"", nil},
	}
	for _, tc := range tests {
		if got := sentenceTexts(tc.text); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("sentences(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// FuzzSegment checks what CoNLL and the claims format rely on: tokens and
// sentences are in order, inside the text, never overlap, and tokens hold
// no white space and cover every other character.
func FuzzSegment(f *testing.F) {
	for _, s := range []string{"", "U.S. and e.g.", "👨\u200d👩\u200d👧 🇺🇦", "克里姆林宫。", "a\u200d", "\u200d\u200d x", ".\u0301 a", "3.", "Mr. a. B"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		runes := []rune(text)
		toks := tokenize(runes)
		covered := 0
		for i, tok := range toks {
			if tok.start >= tok.end || tok.start < 0 || tok.end > len(runes) || (i > 0 && toks[i-1].end > tok.start) {
				t.Fatalf("token %d %v out of order or range in %q", i, tok, text)
			}
			for _, r := range runes[tok.start:tok.end] {
				if unicode.IsSpace(r) {
					t.Fatalf("token %q holds white space", string(runes[tok.start:tok.end]))
				}
			}
			covered += tok.end - tok.start
		}
		spaces := 0
		for _, r := range runes {
			if unicode.IsSpace(r) {
				spaces++
			}
		}
		if covered+spaces != len(runes) {
			t.Fatalf("tokens cover %d of %d non-space characters of %q", covered, len(runes)-spaces, text)
		}
		sents := sentences(runes)
		for i, s := range sents {
			if s.start >= s.end || s.end > len(runes) || (i > 0 && sents[i-1].end > s.start) {
				t.Fatalf("sentence %d %v out of order or range in %q", i, s, text)
			}
		}
	})
}

// TestSegmentLongRuns guards against look-aheads that rescan a run from each
// of its characters: these inputs took minutes when that happened.
func TestSegmentLongRuns(t *testing.T) {
	for _, unit := range []string{".", "a.", ".\"", "。", "\u200d", "🇺", "\u0301", "1."} {
		runes := []rune(strings.Repeat(unit, 200_000) + "x")
		tokenize(runes)
		sentences(runes)
	}
}
