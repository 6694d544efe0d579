package articleview

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
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

// intlText mixes what must never be split: combining marks, emoji with
// modifiers and ZWJ, flags, CJK, Hangul jamo.
const intlText = "Cafe\u0301 na\u0308ive 👍🏽 ok 👨\u200d👩\u200d👧 fam 🇩🇪🇫🇷 flags 中文字符 and \u1100\u1161\u11a8 jamo ❤\ufe0f end"

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

func TestCJKSelectsByCharacter(t *testing.T) {
	v, _ := newTestView(t, "", intlText, fyne.NewSize(700, 300))
	k := runeIndex(t, intlText, "中文字符")
	v.DoubleTapped(&fyne.PointEvent{Position: centre(t, v, k+1)})
	wantSelection(t, v, k+1, k+2)
	mouseDrag(v, centre(t, v, k+1), centre(t, v, k+2), 0)
	wantSelection(t, v, k+1, k+3)
	if !strings.Contains(intlText, v.SelectedText()) {
		t.Error("selection is not text")
	}
}
