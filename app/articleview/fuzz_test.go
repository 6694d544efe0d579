package articleview

import (
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

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
