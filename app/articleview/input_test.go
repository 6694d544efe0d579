package articleview

import (
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

func TestDragSelectsWholeWords(t *testing.T) {
	text := seedText(t)
	v, w := newTestView(t, seedTitle(text), text, pageSize)
	var reported [][2]int
	v.OnSelectionChanged = func(s, e int) { reported = append(reported, [2]int{s, e}) }
	k := runeIndex(t, text, "Peskov")

	// test.Drag sends one step that ends at pos, from pos minus the delta.
	from, to := centre(t, v, k+1), centre(t, v, k+3)
	test.Drag(w.Canvas(), to, to.X-from.X, to.Y-from.Y)
	wantSelection(t, v, k, k+6)
	if len(reported) != 1 || reported[0] != [2]int{k, k + 6} {
		t.Errorf("OnSelectionChanged calls = %v", reported)
	}

	// Backwards across two words, ending in the middle of the first.
	d := runeIndex(t, text, "Dmitry Peskov")
	mouseDrag(v, centre(t, v, d+9), centre(t, v, d+2), 0)
	wantSelection(t, v, d, d+13)
}

func TestDragSelectsCharactersWithoutSnapping(t *testing.T) {
	text := seedText(t)
	v, _ := newTestView(t, seedTitle(text), text, pageSize)
	k := runeIndex(t, text, "Kremlin spokesman")

	v.SnapToWords = false
	mouseDrag(v, edge(t, v, k+2, 0), edge(t, v, k+4, 1), 0)
	wantSelection(t, v, k+2, k+5) // "eml"

	v.SnapToWords = true
	mouseDrag(v, edge(t, v, k+1, 0), edge(t, v, k+3, 1), fyne.KeyModifierAlt)
	wantSelection(t, v, k+1, k+4) // Alt: "rem", not the word

	// Alt pressed during the drag counts too.
	v.KeyDown(&fyne.KeyEvent{Name: desktop.KeyAltLeft})
	mouseDrag(v, edge(t, v, k+3, 0), edge(t, v, k+5, 1), 0)
	v.KeyUp(&fyne.KeyEvent{Name: desktop.KeyAltLeft})
	wantSelection(t, v, k+3, k+6)

	// Ctrl does the same, and is the one to teach (see snapping).
	mouseDrag(v, edge(t, v, k+1, 0), edge(t, v, k+3, 1), fyne.KeyModifierControl)
	wantSelection(t, v, k+1, k+4)
	v.KeyDown(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
	mouseDrag(v, edge(t, v, k+3, 0), edge(t, v, k+5, 1), 0)
	v.KeyUp(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
	wantSelection(t, v, k+3, k+6)
	mouseDrag(v, edge(t, v, k+1, 0), edge(t, v, k+3, 1), 0)
	wantSelection(t, v, k, k+7) // without it, the whole word again
}

func TestDoubleClickSelectsWord(t *testing.T) {
	text := seedText(t)
	v, _ := newTestView(t, seedTitle(text), text, pageSize)
	var reported [2]int
	v.OnSelectionChanged = func(s, e int) { reported = [2]int{s, e} }
	k := runeIndex(t, text, "Trump's positive")
	v.DoubleTapped(&fyne.PointEvent{Position: centre(t, v, k+2)})
	wantSelection(t, v, k, k+7) // the apostrophe stays inside the word
	if reported != [2]int{k, k + 7} {
		t.Errorf("OnSelectionChanged got %v", reported)
	}
	// On a space there is no word to select; the selection stays.
	v.DoubleTapped(&fyne.PointEvent{Position: centre(t, v, k+7)})
	wantSelection(t, v, k, k+7)
}

func TestShiftClickExtends(t *testing.T) {
	text := seedText(t)
	v, _ := newTestView(t, seedTitle(text), text, pageSize)
	k := runeIndex(t, text, "Kremlin on Wednesday")
	m := runeIndex(t, text, "Moscow was")
	v.DoubleTapped(&fyne.PointEvent{Position: centre(t, v, k+3)})
	wantSelection(t, v, k, k+7)

	var reported [2]int
	v.OnSelectionChanged = func(s, e int) { reported = [2]int{s, e} }
	click(v, centre(t, v, m+2), fyne.KeyModifierShift)
	wantSelection(t, v, k, m+6)
	if reported != [2]int{k, m + 6} {
		t.Errorf("OnSelectionChanged got %v", reported)
	}
	// Extending backwards keeps the anchor word.
	click(v, centre(t, v, k-3), fyne.KeyModifierShift)
	wantSelection(t, v, k-4, k+7)

	// After a plain click, Shift+click selects from the click.
	click(v, edge(t, v, m, 0), 0)
	if _, _, ok := v.Selection(); ok {
		t.Fatal("a click did not clear the selection")
	}
	v.SnapToWords = false
	click(v, edge(t, v, m+5, 1), fyne.KeyModifierShift)
	wantSelection(t, v, m, m+6)
}

// Shift+←/→ move the selection's free end a character, Ctrl+Shift+←/→ a
// word; brought back onto its start, the selection grows the other way.
func TestShiftArrowsExtendTheSelection(t *testing.T) {
	text := seedText(t)
	v, _ := newTestView(t, seedTitle(text), text, pageSize)
	k := runeIndex(t, text, "Kremlin on Wednesday")
	var reported [2]int
	v.OnSelectionChanged = func(s, e int) { reported = [2]int{s, e} }
	right := &desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	left := &desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}

	v.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if _, _, ok := v.Selection(); ok {
		t.Fatal("Shift+→ with nothing selected selected something")
	}
	v.DoubleTapped(&fyne.PointEvent{Position: centre(t, v, k+3)})
	wantSelection(t, v, k, k+7) // "Kremlin"
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	wantSelection(t, v, k, k+8)
	v.TypedShortcut(right)
	wantSelection(t, v, k, k+10) // "Kremlin on"
	v.TypedShortcut(right)
	wantSelection(t, v, k, k+20) // "Kremlin on Wednesday"
	if reported != [2]int{k, k + 20} {
		t.Errorf("OnSelectionChanged got %v", reported)
	}
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	wantSelection(t, v, k, k+19)
	for range 3 {
		v.TypedShortcut(left)
	}
	// Brought back onto its start, the selection keeps "Kremlin " and grows
	// to the left instead: now the start moves, to "The".
	wantSelection(t, v, k-4, k+8)
	v.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight}) // without Shift: no change
	wantSelection(t, v, k-4, k+8)

	// Right after a double-click, Ctrl+Shift+← takes in the word before.
	v.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	v.DoubleTapped(&fyne.PointEvent{Position: centre(t, v, k+3)})
	v.TypedShortcut(left)
	wantSelection(t, v, k-4, k+7) // "The Kremlin"
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

func TestEscClearsSelectionThenForwards(t *testing.T) {
	text := seedText(t)
	v, _ := newTestView(t, seedTitle(text), text, pageSize)
	v.SetSelection(10, 20)
	var reported [][2]int
	var forwarded []fyne.KeyName
	v.OnSelectionChanged = func(s, e int) { reported = append(reported, [2]int{s, e}) }
	v.OnTypedKey = func(ev *fyne.KeyEvent) { forwarded = append(forwarded, ev.Name) }

	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if _, _, ok := v.Selection(); ok {
		t.Error("Esc did not clear the selection")
	}
	if len(reported) != 1 || reported[0] != [2]int{0, 0} {
		t.Errorf("OnSelectionChanged calls = %v", reported)
	}
	if len(forwarded) != 0 {
		t.Errorf("Esc with a selection was forwarded")
	}
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if len(forwarded) != 2 || forwarded[0] != fyne.KeyEscape || forwarded[1] != fyne.KeyDelete {
		t.Errorf("forwarded = %v", forwarded)
	}
}

func TestClickOnHighlightPicksInnermost(t *testing.T) {
	text := seedText(t)
	v, _ := newTestView(t, seedTitle(text), text, pageSize)
	s := runeIndex(t, text, "President Putin has repeatedly")
	inner := runeIndex(t, text, "Russia has never")
	v.SetHighlights([]Highlight{
		{ID: 7, Start: s, End: s + 120, Colour: blue},
		{ID: 9, Start: inner, End: inner + 16, Colour: vermilion},
	})
	v.SetSelection(0, 5)
	var tapped []uint64
	v.OnHighlightTapped = func(id uint64) { tapped = append(tapped, id) }

	click(v, centre(t, v, inner+3), 0) // with the driver's late Tapped
	test.TapAt(v, centre(t, v, s+3))   // a tap with no press first counts
	click(v, centre(t, v, s-5), 0)
	want := []uint64{9, 7, 0}
	if len(tapped) != len(want) {
		t.Fatalf("tapped = %v, want %v", tapped, want)
	}
	for i := range want {
		if tapped[i] != want[i] {
			t.Fatalf("tapped = %v, want %v", tapped, want)
		}
	}
	if _, _, ok := v.Selection(); ok {
		t.Error("clicking did not clear the selection")
	}
}

func TestOtherButtonsDoNotSelect(t *testing.T) {
	text := seedText(t)
	v, _ := newTestView(t, seedTitle(text), text, pageSize)
	from, to := centre(t, v, 60), centre(t, v, 90)
	ev := &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonTertiary}
	v.MouseDown(ev)
	v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-from.X, to.Y-from.Y)})
	v.MouseUp(ev)
	v.DragEnd()
	if _, _, ok := v.Selection(); ok {
		t.Error("a middle-button drag selected text")
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

// TestWheelScrolls sends what Fyne's GLFW driver sends on Linux: 25 px
// for a wheel notch, a fraction of that for a touchpad's step.
func TestWheelScrolls(t *testing.T) {
	v, w := longView(t)
	lineH := v.met.lineH[styleBody]
	test.Scroll(w.Canvas(), fyne.NewPos(300, 300), 0, -25)
	if got, want := v.ScrollPosition(), 3*lineH; math.Abs(float64(got-want)) > 0.01 {
		t.Errorf("one notch scrolled to %v, want three lines, %v", got, want)
	}
	test.Scroll(w.Canvas(), fyne.NewPos(300, 300), 0, -2.5)
	if got, want := v.ScrollPosition(), 3.3*lineH; math.Abs(float64(got-want)) > 0.01 {
		t.Errorf("a tenth of a notch scrolled to %v, want %v", got, want)
	}
	v.SetZoom(2)
	before := v.ScrollPosition()
	test.Scroll(w.Canvas(), fyne.NewPos(300, 300), 0, -25)
	if got, want := v.ScrollPosition()-before, 3*v.met.lineH[styleBody]; math.Abs(float64(got-want)) > 0.01 {
		t.Errorf("zoomed, one notch scrolled %v, want three zoomed lines, %v", got, want)
	}
	test.Scroll(w.Canvas(), fyne.NewPos(300, 300), 0, 1000)
	if v.ScrollPosition() != 0 {
		t.Errorf("wheel up past the top scrolled to %v", v.ScrollPosition())
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
