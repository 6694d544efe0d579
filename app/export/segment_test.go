package export

import (
	"reflect"
	"strings"
	"testing"
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
		// UAX #29: a mark with nothing before it to carry it is a
		// character of its own (the old rule glued it to the next word).
		{"\u0301x", []string{"\u0301", "x"}},
		// The window snaps "Trump's" as one word; CoNLL agrees now.
		{"Trump's and It’s", []string{"Trump's", "and", "It’s"}},
		{"in the U.S.", []string{"in", "the", "U.S."}},
		{"ภาษาไทย", []string{"ภ", "า", "ษ", "า", "ไ", "ท", "ย"}},
		{"10\u202f000 a \u0301b", []string{"10", "000", "a", "\u0301", "b"}},
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
// no white space (as Python's str.split sees it too) and cover every other
// character.
func FuzzSegment(f *testing.F) {
	for _, s := range []string{"", "U.S. and e.g.", "👨\u200d👩\u200d👧 🇺🇦", "克里姆林宫。", "a\u200d", "\u200d\u200d x", ".\u0301 a", "3.", "Mr. a. B", "a\x1fb\x1c"} {
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
				if isColumnSpace(r) {
					t.Fatalf("token %q holds white space", string(runes[tok.start:tok.end]))
				}
			}
			covered += tok.end - tok.start
		}
		spaces := 0
		for _, r := range runes {
			if isColumnSpace(r) {
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

// TestSegmentLongRuns guards against look-aheads and look-backs that rescan
// a run from each of its characters: these inputs took minutes when that
// happened. Each gives tokens of known lengths, back to back.
func TestSegmentLongRuns(t *testing.T) {
	const n = 200_000
	type run struct{ length, count int } // count tokens of length code points
	tests := []struct {
		unit string
		want []run
	}{
		{".", []run{{1, n + 1}}},
		{"a.", []run{{2*n + 1, 1}}}, // letters joined by full stops are one word, as in "U.S"
		{".\"", []run{{1, 2*n + 1}}},
		{"。", []run{{1, n + 1}}},
		{"\u200d", []run{{n, 1}, {1, 1}}},
		{"🇺", []run{{2, n / 2}, {1, 1}}},
		{"\u0301", []run{{n, 1}, {1, 1}}},
		{"1.", []run{{2*n - 1, 1}, {1, 2}}}, // "1.1.…1", then "." and "x"
	}
	for _, tc := range tests {
		runes := []rune(strings.Repeat(tc.unit, n) + "x")
		toks := tokenize(runes)
		at, k := 0, 0
		for _, r := range tc.want {
			for range r.count {
				if k >= len(toks) || toks[k] != (span{at, at + r.length}) {
					t.Fatalf("%q ×%d: token %d is %v, want {%d %d} (%d tokens)", tc.unit, n, k, tokAt(toks, k), at, at+r.length, len(toks))
				}
				at, k = at+r.length, k+1
			}
		}
		if k != len(toks) || at != len(runes) {
			t.Errorf("%q ×%d: %d tokens covering %d, want %d covering %d", tc.unit, n, len(toks), at, k, len(runes))
		}
		if sents := sentences(runes); len(sents) == 0 || sents[len(sents)-1].end != len(runes) {
			t.Errorf("%q ×%d: sentences end at %v, want the text's end %d", tc.unit, n, sents, len(runes))
		}
	}
}

func tokAt(toks []span, k int) any {
	if k < len(toks) {
		return toks[k]
	}
	return "none"
}
