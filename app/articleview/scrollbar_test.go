package articleview

import (
	"testing"

	"fyne.io/fyne/v2"
)

func TestScrollBarDragAndPage(t *testing.T) {
	v, _ := longView(t)
	y, h, ok := v.thumb()
	if !ok || y != 0 || h < minThumb {
		t.Fatalf("thumb = %v %v %v", y, h, ok)
	}
	barX := v.Size().Width - scrollBarArea/2
	// Drag the thumb half-way down the track.
	from := fyne.NewPos(barX, h/2)
	to := fyne.NewPos(barX, h/2+(600-h)/2)
	mouseDrag(v, from, to, 0)
	want := (v.lay.height - 600) / 2
	if got := v.ScrollPosition(); got < want-1 || got > want+1 {
		t.Errorf("thumb drag scrolled to %v, want ~%v", got, want)
	}
	if _, _, sel := v.Selection(); sel {
		t.Error("dragging the scroll bar selected text")
	}
	// A press below the thumb pages down.
	before := v.ScrollPosition()
	click(v, fyne.NewPos(barX, 595), 0)
	if got := v.ScrollPosition(); got != before+v.page() {
		t.Errorf("track press scrolled to %v, want %v", got, before+v.page())
	}
}
