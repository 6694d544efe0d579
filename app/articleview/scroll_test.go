package articleview

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// longView shows the seed twenty times over in a 600 px high view.
func longView(t *testing.T) (*View, fyne.Window) {
	text := strings.Repeat(seedText(t), 20)
	return newTestView(t, "", text, fyne.NewSize(800, 600))
}

func TestKeysScroll(t *testing.T) {
	v, _ := longView(t)
	var scrolled []float32
	v.OnScrolled = func(y float32) { scrolled = append(scrolled, y) }
	lineH := v.met.lineH[styleBody]
	maxY := v.lay.height - 600
	steps := []struct {
		key  fyne.KeyName
		want float32
	}{
		{fyne.KeyDown, lineH},
		{fyne.KeyPageDown, lineH + 600 - lineH},
		{fyne.KeyUp, 600 - lineH},
		{fyne.KeyPageUp, 0},
		{fyne.KeyUp, 0},
		{fyne.KeyEnd, maxY},
		{fyne.KeyPageDown, maxY},
		{fyne.KeyHome, 0},
	}
	for _, s := range steps {
		v.TypedKey(&fyne.KeyEvent{Name: s.key})
		if got := v.ScrollPosition(); got != s.want {
			t.Fatalf("after %s scroll = %v, want %v", s.key, got, s.want)
		}
	}
	if len(scrolled) != 6 { // Up at the top and PageDown at the end do not move
		t.Errorf("OnScrolled called %d times: %v", len(scrolled), scrolled)
	}
}

func TestWheelScrolls(t *testing.T) {
	v, w := longView(t)
	test.Scroll(w.Canvas(), fyne.NewPos(300, 300), 0, -120)
	if v.ScrollPosition() != 120 {
		t.Errorf("wheel down scrolled to %v, want 120", v.ScrollPosition())
	}
	test.Scroll(w.Canvas(), fyne.NewPos(300, 300), 0, 1000)
	if v.ScrollPosition() != 0 {
		t.Errorf("wheel up past the top scrolled to %v", v.ScrollPosition())
	}
}

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

func TestResizeKeepsReadingPosition(t *testing.T) {
	v, w := longView(t)
	target := len(v.text) / 3
	v.ScrollToOffset(target)
	top, _ := v.OffsetAt(fyne.NewPos(v.lay.colX, 1))
	w.Resize(fyne.NewSize(500, 600))
	after, _ := v.OffsetAt(fyne.NewPos(v.lay.colX, 1))
	if after-top > 200 || top-after > 200 {
		t.Errorf("top of view went from offset %d to %d", top, after)
	}
}

func TestDragBeyondEdgeAutoScrolls(t *testing.T) {
	v, _ := longView(t)
	from := centre(t, v, 10)
	mouseDrag(v, from, fyne.NewPos(from.X, 650), 0)
	if v.ScrollPosition() == 0 {
		t.Error("dragging below the view did not scroll")
	}
	if s, e, ok := v.Selection(); !ok || s != 8 || e < 1000 { // from "Denies" on
		t.Errorf("selection %d..%d %v", s, e, ok)
	}
}

func TestRunesAndShortcuts(t *testing.T) {
	text := seedText(t)
	v, w := newTestView(t, seedTitle(text), text, pageSize)
	var runes []rune
	v.OnTypedRune = func(r rune) { runes = append(runes, r) }
	test.Type(v, "12")
	if string(runes) != "12" {
		t.Errorf("typed runes = %q", string(runes))
	}

	k := runeIndex(t, text, "Peskov")
	v.SetSelection(k, k+6)
	clip := fyne.CurrentApp().Clipboard()
	v.TypedShortcut(&fyne.ShortcutCopy{Clipboard: clip})
	if got := clip.Content(); got != "Peskov" {
		t.Errorf("copied %q", got)
	}

	var undo int
	w.Canvas().AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { undo++ })
	search := &desktop.CustomShortcut{KeyName: fyne.KeyK, Modifier: fyne.KeyModifierShortcutDefault}
	var searched int
	w.Canvas().AddShortcut(search, func(fyne.Shortcut) { searched++ })
	v.TypedShortcut(&fyne.ShortcutUndo{})
	v.TypedShortcut(search)
	if undo != 1 || searched != 1 {
		t.Errorf("shortcuts reaching the window: undo %d, search %d", undo, searched)
	}
}

func TestPressFocusesView(t *testing.T) {
	text := seedText(t)
	v, w := newTestView(t, seedTitle(text), text, pageSize)
	click(v, centre(t, v, 40), 0)
	if w.Canvas().Focused() != v {
		t.Error("a press did not focus the view")
	}
	v.KeyDown(&fyne.KeyEvent{Name: desktop.KeyAltLeft})
	v.FocusLost()
	if v.keys != 0 {
		t.Error("modifiers stay held after focus loss")
	}
}
