package articleview

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// The selected claim's ends are handles: dragged, the end moves to the
// word under the pointer and the other end stays; the owner is told which
// claim to move. Any other drag still selects text from where it began.
func TestDraggingAClaimsEnds(t *testing.T) {
	text := seedText(t)
	k := runeIndex(t, text, "Kremlin spokesman Dmitry Peskov")
	claim := Highlight{ID: 7, Start: k + 8, End: k + 17, Colour: color.NRGBA{0, 114, 178, 255}} // "spokesman"
	for _, tc := range []struct {
		name       string
		from, to   func(v *View) fyne.Position
		mods       fyne.KeyModifier
		start, end int
		dragged    bool
	}{
		{"end to a later word", func(v *View) fyne.Position { return edge(t, v, k+16, 1) },
			func(v *View) fyne.Position { return centre(t, v, k+20) }, 0, k + 8, k + 24, true},
		{"start to an earlier word", func(v *View) fyne.Position { return edge(t, v, k+8, 0) },
			func(v *View) fyne.Position { return centre(t, v, k+2) }, 0, k, k + 17, true},
		{"end back inside, by characters with Ctrl", func(v *View) fyne.Position { return edge(t, v, k+16, 1) },
			func(v *View) fyne.Position { return edge(t, v, k+12, 1) }, fyne.KeyModifierControl, k + 8, k + 13, true},
		{"start past the end swaps the ends", func(v *View) fyne.Position { return edge(t, v, k+8, 0) },
			func(v *View) fyne.Position { return centre(t, v, k+20) }, 0, k + 18, k + 24, true},
		{"from the middle: a new selection", func(v *View) fyne.Position { return centre(t, v, k+12) },
			func(v *View) fyne.Position { return centre(t, v, k+20) }, 0, k + 8, k + 24, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, _ := newTestView(t, seedTitle(text), text, pageSize)
			v.SetHighlights([]Highlight{claim})
			v.SetSelectedHighlight(claim.ID)
			var told []uint64
			v.OnClaimEndDragged = func(id uint64) { told = append(told, id) }
			mouseDrag(v, tc.from(v), tc.to(v), tc.mods)
			wantSelection(t, v, tc.start, tc.end)
			if tc.dragged && (len(told) != 1 || told[0] != claim.ID) {
				t.Errorf("OnClaimEndDragged calls = %v, want one for claim %d", told, claim.ID)
			}
			if !tc.dragged && len(told) != 0 {
				t.Errorf("a drag from inside the claim moved it: %v", told)
			}
		})
	}
}

// Only the selected claim has handles, and the pointer shows where they are.
func TestHandlesBelongToTheSelectedClaim(t *testing.T) {
	text := seedText(t)
	v, _ := newTestView(t, seedTitle(text), text, pageSize)
	k := runeIndex(t, text, "spokesman")
	v.SetHighlights([]Highlight{{ID: 7, Start: k, End: k + 9, Colour: color.NRGBA{0, 114, 178, 255}}})
	if _, end := v.handleAt(edge(t, v, k+8, 1)); end != noEnd {
		t.Error("a claim that is not selected has a handle")
	}
	v.SetSelectedHighlight(7)
	if _, end := v.handleAt(edge(t, v, k+8, 1)); end != finishEnd {
		t.Errorf("at the selected claim's end the handle is %v", end)
	}
	at := &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: edge(t, v, k, 0)}}
	v.MouseIn(at)
	v.MouseMoved(at)
	if v.Cursor() != desktop.HResizeCursor {
		t.Error("over the claim's start the pointer is not the resize cursor")
	}
}
