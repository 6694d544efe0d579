package search

import (
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"
)

func TestQuoteMatches(t *testing.T) {
	for _, tc := range []struct {
		name, quote, speaker, query string
		want                        []int
	}{
		{"whole word", "Putin praised Trump", "", "trump", []int{14, 15, 16, 17, 18}},
		{"two words, overlapping marks merged", "Putin praised Trump", "", "praise praised", []int{6, 7, 8, 9, 10, 11, 12}},
		{"word only in the speaker", "the report was absurd", "Peskov", "peskov", nil},
		{"Arabic", "قال بيسكوف إن", "", "بيسكوف", []int{4, 5, 6, 7, 8, 9}},
		{"after an emoji", "😀 peskov", "", "PESKOV", []int{2, 3, 4, 5, 6, 7}},
		{"invalid byte and NUL count as one rune each", "a\x00b \xffpeskov", "", "peskov", []int{5, 6, 7, 8, 9, 10}},
		{"Kelvin sign folds", "\u212Aremlin", "", "kremlin", []int{0, 1, 2, 3, 4, 5, 6}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ix := NewIndex()
			ix.Put(Entry{ID: 1, Quote: tc.quote, Speaker: tc.speaker})
			rs := ix.Search(tc.query, 1)
			if len(rs) != 1 {
				t.Fatalf("Search(%q) found %d", tc.query, len(rs))
			}
			if got := rs[0].QuoteMatches; !reflect.DeepEqual(got, tc.want) {
				t.Errorf("QuoteMatches = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestScatteredMatchesComeFromFuzzyFind: a word matched only letter by
// letter is marked where fuzzy.Find puts it.
func TestScatteredMatchesComeFromFuzzyFind(t *testing.T) {
	quote := "Putin praised Trump at the summit"
	ix := NewIndex()
	ix.Put(Entry{ID: 1, Quote: quote})
	got := ix.Search("ptrmp", 1)[0].QuoteMatches
	if want := fuzzy.Find("ptrmp", []string{quote})[0].MatchedIndexes; !reflect.DeepEqual(got, want) {
		t.Errorf("QuoteMatches = %v, fuzzy.Find marks %v", got, want)
	}

	// In Cyrillic, bytes are not runes: the marks must be rune indexes.
	quote = "Песков сказал"
	ix.Put(Entry{ID: 1, Quote: quote})
	got = ix.Search("пск", 1)[0].QuoteMatches
	runes := []rune(quote)
	var marked []rune
	for _, i := range got {
		marked = append(marked, runes[i])
	}
	if string(marked) != "Пск" && string(marked) != "пск" {
		t.Errorf("QuoteMatches %v mark %q in %q", got, string(marked), quote)
	}
	if !utf8.ValidString(string(marked)) {
		t.Error("marks split a rune")
	}
}
