package search

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"
)

// fuzzyMatches is the reference: does plain fuzzy.Find match word in text?
func fuzzyMatches(word, text string) bool {
	return len(fuzzy.Find(word, []string{text})) == 1
}

// fastMatches is this package's rule over the same text.
func fastMatches(word, text string) bool {
	w, _, ok := foldWord(word)
	folded := appendFolded(nil, text)
	return ok && subsequence(string(folded), w)
}

func TestFoldRuneKeepsFuzzyFindsEquivalence(t *testing.T) {
	// Same orbit ⇔ same fold: fold(r) is in r's orbit (fuzzy.Find matches
	// them), and every member of the orbit folds alike.
	for r := rune(1); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		f := foldRune(r)
		if g := foldRune(unicode.SimpleFold(r)); g != f {
			t.Fatalf("foldRune(%U) = %U but foldRune(SimpleFold) = %U", r, f, g)
		}
		if !fuzzyMatches(string(r), string(f)) {
			t.Fatalf("fuzzy.Find does not match %U with its fold %U", r, f)
		}
	}
}

func TestFoldRune(t *testing.T) {
	for _, tc := range []struct {
		in   []rune
		want rune
	}{
		{[]rune{'K', 'k', '\u212A'}, 'k'},      // Kelvin sign
		{[]rune{'S', 's', 'ſ'}, 's'},           // long s
		{[]rune{'Σ', 'σ', 'ς'}, foldRune('Σ')}, // final sigma
		{[]rune{'É', 'é'}, foldRune('é')},      // Latin-1
		{[]rune{'Ж', 'ж'}, foldRune('ж')},      // Cyrillic
		{[]rune{'ß', '\u1E9E'}, foldRune('ß')}, // capital sharp s
		{[]rune{'ب'}, 'ب'},                     // Arabic has no case
		{[]rune{'7'}, '7'},
	} {
		for _, r := range tc.in {
			if got := foldRune(r); got != tc.want {
				t.Errorf("foldRune(%q) = %q, want %q", r, got, tc.want)
			}
		}
	}
}

func TestSubsequenceAgreesWithFuzzyFind(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		text := sanitize(randomText(rng, rng.IntN(24)))
		word := randomText(rng, 1+rng.IntN(4))
		if got, want := fastMatches(word, text), fuzzyMatches(word, text); got != want {
			t.Fatalf("word %q in %q: fast %v, fuzzy.Find %v", word, text, got, want)
		}
	}
}

func FuzzSubsequenceAgreesWithFuzzyFind(f *testing.F) {
	f.Add("ptn", "Putin praised Trump")
	f.Add("kk", "\u212Aelvin k")
	f.Add("ab", "ba")
	f.Add("abb", "abxb")
	f.Add("a\x00", "a\x00a")
	f.Add("\xff", "x\xffy")
	f.Add("σς", "ΣΣ")
	f.Fuzz(func(t *testing.T, word, text string) {
		if word == "" {
			return
		}
		text = sanitize(text)
		if got, want := fastMatches(word, text), fuzzyMatches(word, text); got != want {
			t.Fatalf("word %q in %q: fast %v, fuzzy.Find %v", word, text, got, want)
		}
	})
}

func TestOccurrence(t *testing.T) {
	for _, tc := range []struct {
		text, word string
		tier       tier
		pos        int
	}{
		{"putin praised trump", "putin", tierWhole, 0},
		{"putin praised trump", "prais", tierPrefix, 6},
		{"putin praised trump", "raise", tierInside, 7},
		{"putin praised trump", "ptn", tierScattered, -1},
		{"outputs put", "put", tierWhole, 8},       // a later whole word beats an earlier fragment
		{"input putting", "put", tierPrefix, 6},    // a later prefix beats an earlier fragment
		{"peskov's claim", "peskov", tierWhole, 0}, // an apostrophe ends a word
		{"قال بيسكوف", "بيسكوف", tierWhole, len("قال ")},
		{"naïve", "na", tierPrefix, 0},
		{"x\ny", "x", tierWhole, 0}, // the field separator ends a word
	} {
		gotTier, gotPos := occurrence(tc.text, tc.word)
		if gotTier != tc.tier || gotPos != tc.pos {
			t.Errorf("occurrence(%q, %q) = %v, %d; want %v, %d", tc.text, tc.word, gotTier, gotPos, tc.tier, tc.pos)
		}
	}
}

// TestOneLetterTierFromMasks: the masks give a one-letter word the same
// tier and place as reading the text does.
func TestOneLetterTierFromMasks(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	letters := []rune("ab1 -\né")
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteRune(letters[rng.IntN(len(letters))])
		}
		r := textRecord(b.String())
		for _, w := range []string{"a", "b", "1"} {
			a, mk, ok := matchWord(&r, w, start)
			wantTier, _ := occurrence(r.hay, w)
			wantFirst := strings.Index(r.hay, w)
			wantPoints := wordPoints(wantTier, r.inQuote(wantFirst))
			if ok != (wantFirst >= 0) || ok && (a.points != wantPoints || int(mk.first) != wantFirst) {
				t.Fatalf("word %q in %q: ok %v, %d points at %d; want %d points at %d", w, r.hay, ok, a.points, mk.first, wantPoints, wantFirst)
			}
		}
	}
}

// TestExtendWordAgreesWithMatchWord: resuming a grown word from the shorter
// word's mark gives what matching the grown word afresh gives. Words are
// drawn from the fields' letters, so they are often scattered over one
// field, and grow out of it into a later one.
func TestExtendWordAgreesWithMatchWord(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	letters := []rune("ptué -")
	text := func(n int) string {
		var b strings.Builder
		for range rng.IntN(n + 1) {
			b.WriteRune(letters[rng.IntN(len(letters))])
		}
		return b.String()
	}
	moved, alone := 0, 0
	for range 30000 {
		e := Entry{Quote: text(10), Label: text(10), Speaker: text(10), Note: text(10)}
		r := entryRecord(e, titled(e.ArticleID, text(10)))
		w := []rune(foldText(text(6)))
		if len(w) < 2 {
			continue
		}
		old := string(w[:1+rng.IntN(len(w)-1)])
		_, mk, ok := matchWord(&r, old, start)
		if !ok {
			continue
		}
		gotAcc, gotMark, gotOK := extendWord(&r, old, string(w), start, mk)
		wantAcc, wantMark, wantOK := matchWord(&r, string(w), start)
		// Alone is what is known: a grown word inherits it where a fresh
		// match stops at a whole occurrence. It must be true, though.
		if gotMark.alone && r.index(string(w), int(gotMark.first)+1) >= 0 {
			t.Fatalf("%q grown from %q in %q: marked alone at %d, but occurs again", string(w), old, r.hay, gotMark.first)
		}
		if gotMark.alone {
			alone++
		}
		gotMark.alone, wantMark.alone = false, false
		if gotOK != wantOK || gotOK && (gotAcc != wantAcc || gotMark != wantMark) {
			t.Fatalf("%q grown from %q in %q: extend gives %v %+v %+v, match gives %v %+v %+v",
				string(w), old, r.hay, gotOK, gotAcc, gotMark, wantOK, wantAcc, wantMark)
		}
		if mk.first < 0 && wantOK && wantMark.first < 0 && wantMark.field > mk.field {
			moved++
		}
	}
	if moved < 10 {
		t.Errorf("only %d words grew into a later field; the test needs more", moved)
	}
	if alone < 10 {
		t.Errorf("only %d grown words were known to occur once; the test needs more", alone)
	}
}

func TestIndexAgreesWithStringsIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(400) {
			b.WriteByte("ab"[rng.IntN(2)])
		}
		text := b.String()
		w := strings.Repeat("a", 1+rng.IntN(3)) + "b" + strings.Repeat("a", rng.IntN(40))
		from := rng.IntN(len(text) + 1)
		want := strings.Index(text[from:], w)
		if want >= 0 {
			want += from
		}
		if got := index(text, w, from); got != want {
			t.Fatalf("index(%q, %q, %d) = %d, want %d", text, w, from, got, want)
		}
	}
}

func TestRunesMaskCoversText(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		text := randomText(rng, 20)
		folded, mask := appendFoldedMask(nil, text)
		if slow, slowMask := appendFoldedRunes(nil, text, 0); string(folded) != string(slow) || mask != slowMask {
			t.Fatalf("%q folds to %q (mask %x) a byte at a time, %q (mask %x) a rune at a time", text, folded, mask, slow, slowMask)
		}
		r := textRecord(text)
		for _, c := range string(folded) {
			if r.mask&runeBit(c) == 0 || runeBit(c) != otherRuneBit(c) {
				t.Fatalf("mask of %q lacks %q", text, c)
			}
		}
	}
}

func TestQuoteMatches(t *testing.T) {
	for _, tc := range []struct {
		name, quote, speaker, query string
		want                        []int
	}{
		{"whole word", "Putin praised Trump", "", "trump", []int{14, 15, 16, 17, 18}},
		{"two words, overlapping marks merged", "Putin praised Trump", "", "praise praised", []int{6, 7, 8, 9, 10, 11, 12}},
		{"word only in the speaker", "the report was absurd", "Peskov", "peskov", nil},
		{"word whole in the speaker, scattered in the quote", "plans emerged since the Kremlin kept on voting", "Peskov", "peskov", nil},
		{"Arabic", "قال بيسكوف إن", "", "بيسكوف", []int{4, 5, 6, 7, 8, 9}},
		{"after an emoji", "😀 peskov", "", "PESKOV", []int{2, 3, 4, 5, 6, 7}},
		{"invalid byte and NUL count as one rune each", "a\x00b \xffpeskov", "", "peskov", []int{5, 6, 7, 8, 9, 10}},
		{"Kelvin sign folds", "\u212Aremlin", "", "kremlin", []int{0, 1, 2, 3, 4, 5, 6}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ix := NewIndex()
			ix.Put(Entry{ID: 1, Quote: tc.quote, Speaker: tc.speaker})
			rs := results(t, ix, tc.query, 1)
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
	got := results(t, ix, "ptrmp", 1)[0].QuoteMatches
	if want := fuzzy.Find("ptrmp", []string{quote})[0].MatchedIndexes; !reflect.DeepEqual(got, want) {
		t.Errorf("QuoteMatches = %v, fuzzy.Find marks %v", got, want)
	}

	// In Cyrillic, bytes are not runes: the marks must be rune indexes.
	quote = "Песков сказал"
	ix.Put(Entry{ID: 1, Quote: quote})
	got = results(t, ix, "пск", 1)[0].QuoteMatches
	runes := []rune(quote)
	var marked []rune
	for _, i := range got {
		marked = append(marked, runes[i])
	}
	if string(marked) != "Пск" && string(marked) != "пск" {
		t.Errorf("QuoteMatches %v mark %q in %q", got, string(marked), quote)
	}
	// fuzzy.Find reports byte offsets: the marks are the same characters,
	// counted in runes.
	var want []int
	for _, b := range fuzzy.Find("пск", []string{quote})[0].MatchedIndexes {
		want = append(want, utf8.RuneCountInString(quote[:b]))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("QuoteMatches = %v, fuzzy.Find marks runes %v", got, want)
	}
}
