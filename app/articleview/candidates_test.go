package articleview

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
)

// rectsIn counts the rectangles of the view's drawing in colour c.
func rectsIn(v *View, c color.Color) int {
	n := 0
	r := v.CreateRenderer()
	r.Layout(v.Size())
	for _, o := range r.Objects() {
		if rc, ok := o.(*canvas.Rectangle); ok && rc.FillColor == c {
			n++
		}
	}
	return n
}

func TestCandidatesAreDashedOutlinesStrongerWhenCurrent(t *testing.T) {
	text := seedText(t)
	v, _ := newTestView(t, seedTitle(text), text, fyne.NewSize(700, 600))
	start := runeIndex(t, text, "President Putin has repeatedly")
	blue := color.NRGBA{R: 0, G: 0x72, B: 0xb2, A: 0xff}
	faint, strong := pastel(blue), withAlpha(blue, 0xff)
	v.SetCandidates([]Candidate{{Start: start, End: start + 60, Colour: blue}}, -1)
	dashes := rectsIn(v, faint)
	if dashes < 10 || rectsIn(v, strong) != 0 {
		t.Fatalf("a candidate drew %d faint and %d strong rectangles: want dashes, none strong", dashes, rectsIn(v, strong))
	}
	v.SetCandidates([]Candidate{{Start: start, End: start + 60, Colour: blue}}, 0)
	if rectsIn(v, strong) < 10 || rectsIn(v, faint) != 0 {
		t.Errorf("the current candidate is not drawn strong")
	}
	// No fill: the text under a candidate keeps the page's colour.
	if rectsIn(v, withAlpha(blue, 0x40)) != 0 {
		t.Error("a candidate is filled like a claim")
	}
}

func TestTabWalksCandidatesOnlyWhileThereAreSome(t *testing.T) {
	text := seedText(t)
	v, _ := newTestView(t, seedTitle(text), text, fyne.NewSize(700, 600))
	var steps []bool
	v.OnCandidateStep = func(forward bool) { steps = append(steps, forward) }
	if v.AcceptsTab() {
		t.Fatal("without candidates Tab must move the focus on")
	}
	v.SetCandidates([]Candidate{{Start: 0, End: 5}}, -1)
	if !v.AcceptsTab() {
		t.Fatal("with candidates Tab must reach the view")
	}
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
	v.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
	v.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	if len(steps) != 2 || !steps[0] || steps[1] {
		t.Errorf("Tab, Shift+Tab stepped %v", steps)
	}
	v.SetDocument("other", "another text")
	if v.AcceptsTab() {
		t.Error("another article keeps the last one's candidates")
	}
}
