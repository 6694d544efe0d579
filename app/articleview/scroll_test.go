package articleview

import "testing"

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
