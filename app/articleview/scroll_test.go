package articleview

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestScrollToOffset(t *testing.T) {
	v, _ := longView(t)
	target := len(v.text) / 2
	v.ScrollToOffset(target)
	pos, ok := v.PositionOf(target)
	if !ok || pos.Y < 0 || pos.Y > 600/2 {
		t.Fatalf("offset %d at %v after ScrollToOffset", target, pos)
	}
	// Already well in view: no jump.
	before := v.ScrollPosition()
	v.ScrollToOffset(target + 20)
	if v.ScrollPosition() != before {
		t.Errorf("ScrollToOffset moved a visible line from %v to %v", before, v.ScrollPosition())
	}
	v.SetScrollPosition(1e9)
	if v.ScrollPosition() != v.lay.height-600 {
		t.Errorf("SetScrollPosition is not clipped: %v", v.ScrollPosition())
	}
}

// TopPlace and ScrollToPlace bring a reader back to the same pixel, also
// into a view that has no size yet, as a window restoring its place has:
// at a line's top, inside a line, and in the gap after a paragraph, where
// a wheel notch often stops.
func TestTopPlaceRoundTrip(t *testing.T) {
	text := seedText(t)
	v, _ := newTestView(t, seedTitle(text), text, pageSize)
	if got := v.TopPlace(); got != (Place{}) {
		t.Fatalf("at the top TopPlace = %+v", got)
	}
	k := runeIndex(t, text, "Moscow has carefully")
	v.ScrollToPlace(Place{Offset: k})
	if top := v.TopPlace(); top.Offset > k || k-top.Offset > 120 || top.Below != 0 {
		t.Fatalf("ScrollToPlace(%d) put %+v on top", k, top)
	}
	lineTop := v.ScrollPosition()
	for _, past := range []float32{0, 7, 40} { // 40: past a line of text, in the paragraph's gap
		v.SetScrollPosition(lineTop + past)
		left := v.TopPlace()
		fresh := New()
		fresh.SetDocument(seedTitle(text), text)
		fresh.ScrollToPlace(left) // before it has a size
		w := test.NewTempWindow(t, fresh)
		w.Resize(pageSize)
		fresh.Refresh()
		if got := fresh.ScrollPosition(); got != v.ScrollPosition() {
			t.Errorf("%v px past a line: a new view restored %+v to %v px, want %v", past, left, got, v.ScrollPosition())
		}
		if got := fresh.TopPlace(); got != left {
			t.Errorf("%v px past a line: the new view's place is %+v, want %+v", past, got, left)
		}
	}
}
