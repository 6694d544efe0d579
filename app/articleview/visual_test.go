package articleview

import (
	"math"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// The seed's Arabic line, "إقرأ هذا الخبر بالعربية W460", is a
// right-to-left paragraph (its first strong letter is Arabic): read from the
// right, with the Latin "W460" at its left end.
func arabicWords(t *testing.T, text string) (a int, words [][2]int) {
	t.Helper()
	a = runeIndex(t, text, "إقرأ")
	return a, [][2]int{{a, a + 4}, {a + 5, a + 8}, {a + 9, a + 14}, {a + 15, a + 23}, {a + 24, a + 28}}
}

func TestArabicLineIsDrawnRightToLeft(t *testing.T) {
	text := seedText(t)
	v, _ := newTestView(t, seedTitle(text), text, pageSize)
	_, words := arabicWords(t, text)
	for i := 1; i < len(words); i++ {
		prev, cur := centre(t, v, words[i-1][0]), centre(t, v, words[i][0])
		if cur.X >= prev.X || cur.Y != prev.Y {
			t.Errorf("word %d at %v is not left of word %d at %v", i, cur, i-1, prev)
		}
	}
	first := words[0][0]
	if centre(t, v, first+1).X >= centre(t, v, first).X {
		t.Error("letters of an Arabic word do not run right to left")
	}
	if centre(t, v, words[4][0]+1).X <= centre(t, v, words[4][0]).X {
		t.Error("W460 does not run left to right")
	}
	// The paragraph is right-aligned in the column.
	end, size, _ := v.CharBounds(first)
	if right := end.X + size.Width; right < v.lay.colX+v.lay.colW-1 {
		t.Errorf("right edge %v, column ends at %v", right, v.lay.colX+v.lay.colW)
	}
}

func TestArabicVisualDragGivesLogicalOffsets(t *testing.T) {
	text := seedText(t)
	v, _ := newTestView(t, seedTitle(text), text, pageSize)
	a, words := arabicWords(t, text)

	// Visually adjacent words, dragged left to right on screen.
	mouseDrag(v, centre(t, v, words[2][0]+2), centre(t, v, words[1][0]+1), 0)
	wantSelection(t, v, words[1][0], words[2][1]) // "هذا الخبر"

	// Across the direction change: "W460" is drawn just left of "بالعربية".
	mouseDrag(v, centre(t, v, words[4][0]+1), centre(t, v, words[3][0]+4), 0)
	wantSelection(t, v, words[3][0], words[4][1])

	// Character precision inside right-to-left text: a character's right
	// side is its logical start.
	v.SnapToWords = false
	k := words[1][0] // "ه"
	mouseDrag(v, edge(t, v, k, 1), edge(t, v, k+1, 0), 0)
	wantSelection(t, v, k, k+2) // "هذ", exactly the two glyphs swept
	mouseDrag(v, edge(t, v, a+2, 0), edge(t, v, a, 1), 0)
	wantSelection(t, v, a, a+3)
}

func TestArabicHitTesting(t *testing.T) {
	text := seedText(t)
	v, _ := newTestView(t, seedTitle(text), text, pageSize)
	a, words := arabicWords(t, text)
	for k := a; k < words[4][1]; k++ {
		if text := []rune(text); text[k] == ' ' {
			continue
		}
		if got, ok := v.CharAt(centre(t, v, k)); !ok || got != k {
			t.Errorf("CharAt(centre of %d) = %d %v", k, got, ok)
		}
		if got, _ := v.OffsetAt(edge(t, v, k, 0.9)); k < words[4][0] && got != k {
			t.Errorf("OffsetAt(right side of %d) = %d, want %d", k, got, k)
		}
		if got, _ := v.OffsetAt(edge(t, v, k, 0.1)); k < words[4][0] && got != k+1 {
			t.Errorf("OffsetAt(left side of %d) = %d, want %d", k, got, k+1)
		}
	}
}

func TestClustersAreNeverSplit(t *testing.T) {
	v, _ := newTestView(t, "", intlText, fyne.NewSize(700, 300))
	v.SnapToWords = false
	text := []rune(intlText)
	pos, _ := v.PositionOf(0)
	endPos, endSize, _ := v.CharBounds(len(text) - 1)
	y := pos.Y + endSize.Height/2
	if endPos.Y != pos.Y {
		t.Fatalf("test text wrapped: %v vs %v", pos, endPos)
	}
	prev := -1
	for x := pos.X - 5; x < endPos.X+endSize.Width+5; x += 0.5 {
		off, ok := v.OffsetAt(fyne.NewPos(x, y))
		if !ok || !isBoundary(text, off) {
			t.Fatalf("OffsetAt(%v) = %d %v: not a cluster boundary", x, off, ok)
		}
		if off < prev {
			t.Fatalf("OffsetAt went back from %d to %d at x=%v", prev, off, x)
		}
		prev = off
		if c, ok := v.CharAt(fyne.NewPos(x, y)); ok && !isBoundary(text, c) {
			t.Fatalf("CharAt(%v) = %d inside a cluster", x, c)
		}
	}
	for _, sub := range []string{"e\u0301", "👍🏽", "👨\u200d👩\u200d👧", "🇫🇷", "字", "\u1100\u1161\u11a8", "❤\ufe0f"} {
		k := runeIndex(t, intlText, sub)
		n := len([]rune(sub))
		mouseDrag(v, edge(t, v, k, 0), edge(t, v, k, 1), 0)
		wantSelection(t, v, k, k+n)
		if got := v.SelectedText(); got != sub {
			t.Errorf("selected %q, want %q", got, sub)
		}
	}
}

func TestAppendRTLPieces(t *testing.T) {
	text := []rune("אב, גד")
	var got []string
	for _, p := range appendRTLPieces(nil, text, 0, len(text)) {
		got = append(got, string(text[p.start:p.end]))
	}
	want := []string{"גד", ", ", "אב"} // visual order: right to left reversed
	if !slices.Equal(got, want) {
		t.Errorf("pieces = %q, want %q", got, want)
	}
}

// fuzzRunes is the alphabet fuzzed texts are made of: Latin, marks, both
// directions, numbers of both kinds, CJK, emoji parts, flags, Devanagari,
// controls and separators.
var fuzzRunes = []rune("ab W1.-( )\n\t\u00ad\u200b\u200f\ufffdé\u0301\u0308אבإقر٣ﷺ中文。👍🏽\u200d👩🇩🇪❤\ufe0fकि\u1100\u1161")

func fuzzText(data []byte) string {
	if len(data) > 240 {
		data = data[:240]
	}
	out := make([]rune, len(data))
	for i, b := range data {
		out[i] = fuzzRunes[int(b)%len(fuzzRunes)]
	}
	return string(out)
}

func FuzzHitTest(f *testing.F) {
	f.Add([]byte("hello world"), float32(40), float32(30), uint16(300))
	f.Add([]byte{13, 14, 15, 3, 16, 17, 3, 18, 5, 4}, float32(500), float32(45), uint16(500))
	f.Add([]byte{24, 25, 26, 27, 28, 0, 29, 30, 29, 31, 32, 33, 34, 35, 36}, float32(60), float32(50), uint16(0))
	f.Add([]byte{}, float32(-5), float32(-5), uint16(10))
	f.Add([]byte("\x07\x07\x07\x0b\x0b"), float32(math.NaN()), float32(math.Inf(1)), uint16(799))
	test.NewTempApp(f)
	v := New()
	w := test.NewTempWindow(f, v)
	w.SetPadded(false)
	f.Fuzz(func(t *testing.T, data []byte, x, y float32, width uint16) {
		w.Resize(fyne.NewSize(minLayoutWidth+float32(width%800), 300))
		v.SetDocument("", fuzzText(data))
		checkHitTest(t, v, fyne.NewPos(x, y))
		checkBoxesHitBack(t, v)
		v.SnapToWords = width%2 == 0
		mouseDrag(v, fyne.NewPos(x, y), fyne.NewPos(y, x), 0)
		if s, e, ok := v.Selection(); ok && (!isBoundary(v.text, s) || !isBoundary(v.text, e) || e > len(v.text)) {
			t.Fatalf("drag selected %d..%d, splitting a cluster of %q", s, e, string(v.text))
		}
	})
}

// checkHitTest: any point gives an offset in range on a cluster boundary.
func checkHitTest(t *testing.T, v *View, pos fyne.Position) {
	off, _ := v.OffsetAt(pos)
	if off < 0 || off > len(v.text) || !isBoundary(v.text, off) {
		t.Fatalf("OffsetAt(%v) = %d in %q", pos, off, string(v.text))
	}
	if c, ok := v.CharAt(pos); ok && (c < 0 || c >= len(v.text) || !isBoundary(v.text, c)) {
		t.Fatalf("CharAt(%v) = %d in %q", pos, c, string(v.text))
	}
}

// checkBoxesHitBack: the centre of every drawn character's box hits that
// character, so what PositionOf reports and what OffsetAt reads agree.
func checkBoxesHitBack(t *testing.T, v *View) {
	for k := 0; k < len(v.text); k = clusterEnd(v.text, k) {
		pos, size, ok := v.CharBounds(k)
		if !ok {
			t.Fatalf("CharBounds(%d) not laid out in %q", k, string(v.text))
		}
		if size.Width < 1 {
			continue // marks on their own, hanging spaces, newlines
		}
		centre := fyne.NewPos(pos.X+size.Width/2, pos.Y+size.Height/2)
		if c, ok := v.CharAt(centre); !ok || c != k {
			t.Fatalf("centre of %d (%q) at %v hits %d %v in %q", k, string(v.text[k:clusterEnd(v.text, k)]), centre, c, ok, string(v.text))
		}
		if pos2, ok := v.PositionOf(k); !ok || pos2 != pos {
			t.Fatalf("PositionOf(%d) = %v, CharBounds %v", k, pos2, pos)
		}
	}
}
