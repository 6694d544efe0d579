package articleview

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

var pageSize = fyne.NewSize(900, 700)

// mouseDrag plays what the desktop driver sends for a drag: press, two
// drag steps, release, drag end (MouseUp comes before DragEnd there).
func mouseDrag(v *View, from, to fyne.Position, mods fyne.KeyModifier) {
	v.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary, Modifier: mods})
	mid := fyne.NewPos((from.X+to.X)/2, (from.Y+to.Y)/2)
	v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: mid}, Dragged: fyne.NewDelta(mid.X-from.X, mid.Y-from.Y)})
	v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-mid.X, to.Y-mid.Y)})
	v.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: to}, Button: desktop.MouseButtonPrimary, Modifier: mods})
	v.DragEnd()
}

// click plays a press and release without movement.
func click(v *View, at fyne.Position, mods fyne.KeyModifier) {
	ev := &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}, Button: desktop.MouseButtonPrimary, Modifier: mods}
	v.MouseDown(ev)
	v.MouseUp(ev)
}

// edge returns a point just inside the left (frac≈0) or right (frac≈1)
// side of the character at off.
func edge(t *testing.T, v *View, off int, frac float32) fyne.Position {
	t.Helper()
	pos, size, ok := v.CharBounds(off)
	if !ok || size.Width < 2 {
		t.Fatalf("offset %d: box %v %v %v", off, pos, size, ok)
	}
	return fyne.NewPos(pos.X+1+(size.Width-2)*frac, pos.Y+size.Height/2)
}

func wantSelection(t *testing.T, v *View, start, end int) {
	t.Helper()
	s, e, ok := v.Selection()
	if !ok || s != start || e != end {
		t.Fatalf("selection = %d..%d (%v) %q, want %d..%d %q", s, e, ok, v.SelectedText(), start, end, string(v.text[start:end]))
	}
}

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

	click(v, centre(t, v, inner+3), 0)
	v.Tapped(&fyne.PointEvent{Position: centre(t, v, inner+3)}) // the driver's late Tapped
	test.TapAt(v, centre(t, v, s+3))                            // a tap with no press first counts
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

func TestSetSelectionSnapsToClusters(t *testing.T) {
	test.NewTempApp(t)
	v := New()
	v.SetDocument("", "ae\u0301b 👨\u200d👩 c")
	v.SetSelection(2, 6) // starts inside é, ends inside the family
	wantSelection(t, v, 1, 8)
	v.SetSelection(99, -4)
	wantSelection(t, v, 0, 10)
	if v.SelectedText() != "ae\u0301b 👨\u200d👩 c" {
		t.Errorf("SelectedText = %q", v.SelectedText())
	}
	v.ClearSelection()
	if _, _, ok := v.Selection(); ok {
		t.Error("ClearSelection left a selection")
	}
}

func TestSetDocumentResets(t *testing.T) {
	text := seedText(t)
	v, _ := newTestView(t, seedTitle(text), text, fyne.NewSize(600, 300))
	v.SetSelection(5, 9)
	v.SetHighlights([]Highlight{{ID: 1, Start: 0, End: 4, Colour: blue}})
	v.SetSelectedHighlight(1)
	v.SetScrollPosition(200)
	v.SetDocument("Other", "Short text.")
	if _, _, ok := v.Selection(); ok || v.ScrollPosition() != 0 || len(v.highlights.items) != 0 || v.selectedID != 0 {
		t.Errorf("after SetDocument: selection %v, scroll %v, %d highlights, selected %d",
			ok, v.ScrollPosition(), len(v.highlights.items), v.selectedID)
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
