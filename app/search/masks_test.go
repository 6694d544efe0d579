package search

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzRecordReadsAsOneText: a record holds its quote and note, shares its
// label, speaker, target and annotator (fieldSet) and its article's title,
// and must read as the one text of all of them joined by fieldSeparator:
// the same fields, the same positions for every word at every start, the
// same masks (those of the shared parts worked out apart).
func FuzzRecordReadsAsOneText(f *testing.F) {
	for _, seed := range [][5]string{
		{"", "", "", "", ""}, {"a", "", "b", "", "c"}, {"Peskov denied it", "Kremlin", "Peskov", "noted", "Talks"},
		{"é à ß", "ü", "Ö", "", "É"}, {"日本語 テスト", "", "東京", "メモ", "ニュース"}, {"o'neill 2024 a.b", "a", "b", "c", "d"},
		{"مرحبا بالعالم", "خبر", "", "", "عنوان"}, {"two\nlines", "x", "y", "z\nw", "t"},
	} {
		f.Add(seed[0], seed[1], seed[2], seed[3], seed[4], "ab")
	}
	f.Fuzz(func(t *testing.T, quote, target, speaker, note, title, word string) {
		for _, s := range []string{quote, target, speaker, note, title, word} {
			if !utf8.ValidString(s) {
				t.Skip("a claim's text is valid UTF-8")
			}
		}
		e := Entry{Quote: quote, Label: "denial", Speaker: speaker, Target: target, Note: note, Annotator: "ana"}
		r := entryRecord(e, titled(1, title))
		fields := []string{quote, "denial", speaker, target, note, "ana", title}
		for i := range fields {
			fields[i] = foldText(fields[i])
			if got := r.field(field(i)); got != fields[i] {
				t.Fatalf("field %d reads %q, want %q", i, got, fields[i])
			}
		}
		whole := strings.Join(fields, string(fieldSeparator))
		var masks runeMasks
		masks.add(whole)
		// The separator is in the record's own text (between its quote and
		// note) as in the whole: the masks are the same.
		if r.runeMasks != masks {
			t.Fatalf("masks %+v, want those of %q: %+v", r.runeMasks, whole, masks)
		}
		// Folding the text as a whole gives the same text, and add's mask.
		raw := strings.Join([]string{quote, "denial", speaker, target, note, "ana", title}, string(fieldSeparator))
		if folded, mask := appendFoldedMask(nil, raw); string(folded) != whole || mask != masks.mask {
			t.Fatalf("appendFoldedMask of %q is %q with mask %x, want %q with add's mask %x", raw, folded, mask, whole, masks.mask)
		}
		w := foldText(word)
		if w == "" || strings.ContainsRune(w, fieldSeparator) {
			t.Skip("a query word is not empty and never holds the separator")
		}
		for from := 0; from <= len(whole); from++ {
			want := index(whole, w, from)
			if got := r.index(w, from); got != want {
				t.Fatalf("index of %q from %d in %q: %d, want %d", w, from, whole, got, want)
			}
			if want >= 0 {
				if text, at := r.at(want); !strings.HasPrefix(text[at:], w) {
					t.Fatalf("at(%d) in %q gives %q, not where %q is", want, whole, text[at:], w)
				}
			}
		}
		if want, got := strings.IndexByte(whole, w[0]), r.indexByte(w[0]); got != want {
			t.Fatalf("indexByte %q in %q: %d, want %d", w[0], whole, got, want)
		}
	})
}
