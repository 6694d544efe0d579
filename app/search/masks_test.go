package search

import (
	"testing"
	"unicode/utf8"
)

// FuzzRuneMasksAddApart: a record's masks are its fields' and its article
// title's added apart (the title's worked out once per article), which
// must be the masks of the whole text, the title after a separator: the
// separator ends words.
func FuzzRuneMasksAddApart(f *testing.F) {
	for _, seed := range [][2]string{
		{"", ""}, {"a", "b"}, {"peskov denied it\ndenial", "kremlin talks"}, {"x", ""}, {"", "y"},
		{"é à ß", "ü"}, {"日本語 テスト", "ニュース"}, {"o'neill 2024 a.b", "a"}, {"مرحبا بالعالم", "خبر"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, hay, title string) {
		if !utf8.ValidString(hay) || !utf8.ValidString(title) {
			t.Skip("folded text is valid UTF-8")
		}
		var whole runeMasks
		whole.add(hay + string(fieldSeparator) + title)
		r := record{of: titled(1, title)}
		r.setText(hay)
		if r.of.title != title {
			t.Skip("the title folds to another text")
		}
		// The separator is not in the record's mask (it is in no query),
		// nor whatever shares its bit.
		separator := runeBit(fieldSeparator)
		r.mask &^= separator
		whole.mask &^= separator
		if r.runeMasks != whole {
			t.Fatalf("masks of %q and title %q added apart: %+v; of the whole text: %+v", hay, title, r.runeMasks, whole)
		}
	})
}
