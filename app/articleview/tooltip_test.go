package articleview

import (
	"image/color"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

const (
	outerTip = "accusation · Vladimir Putin → USA · ana"
	innerTip = "denial · Dmitry Peskov → USA · ana"
)

// tipView shows the seed with a claim inside another, both with tips, and
// one without a tip over the inner one's first word.
func tipView(t *testing.T) (v *View, w fyne.Window, outer, inner int) {
	t.Helper()
	text := seedText(t)
	v, w = newTestView(t, seedTitle(text), text, pageSize)
	outer = runeIndex(t, text, "President Putin has repeatedly")
	inner = runeIndex(t, text, "Russia has never interfered")
	v.SetHighlights([]Highlight{
		{ID: 1, Start: outer, End: outer + len("President Putin has repeatedly said that Russia has never interfered"), Colour: blue, Tip: outerTip},
		{ID: 2, Start: inner, End: inner + len("Russia has never interfered"), Colour: vermilion, Tip: innerTip},
		{ID: 3, Start: inner, End: inner + len("Russia"), Colour: green},
	})
	return v, w, outer, inner
}

// drawnTip returns the texts of the tip layer and the colours of its
// swatches, as the renderer drew them.
func drawnTip(v *View) (texts []string, swatches []color.Color) {
	r := test.WidgetRenderer(v).(*renderer)
	for _, o := range r.layers[layerTip] {
		switch o := o.(type) {
		case *canvas.Text:
			texts = append(texts, o.Text)
		case *canvas.Rectangle:
			if o.StrokeWidth == 0 {
				swatches = append(swatches, o.FillColor)
			}
		}
	}
	return texts, swatches
}

func TestTipListsClaimsUnderPointerInnermostFirst(t *testing.T) {
	v, w, outer, inner := tipView(t)
	v.TipDelay = 0
	test.MoveMouse(w.Canvas(), centre(t, v, inner+1))
	if got, want := v.tipText(), []string{innerTip, outerTip}; !slices.Equal(got, want) {
		t.Fatalf("tip over the overlap = %q, want %q", got, want)
	}
	texts, swatches := drawnTip(v)
	if !slices.Equal(texts, []string{innerTip, outerTip}) || len(swatches) != 2 ||
		!sameColour(swatches[0], vermilion) || !sameColour(swatches[1], blue) {
		t.Errorf("drawn tip: texts %q, swatches %v", texts, swatches)
	}
	test.MoveMouse(w.Canvas(), centre(t, v, outer+1))
	if got := v.tipText(); !slices.Equal(got, []string{outerTip}) {
		t.Errorf("tip over the outer claim alone = %q", got)
	}
	test.MoveMouse(w.Canvas(), centre(t, v, outer-3))
	if got := v.tipText(); got != nil {
		t.Errorf("tip off the claims = %q", got)
	}
	if texts, _ := drawnTip(v); texts != nil {
		t.Errorf("tip still drawn off the claims: %q", texts)
	}
}

func TestTipHides(t *testing.T) {
	v, w, _, inner := tipView(t)
	v.TipDelay = 0
	at := centre(t, v, inner+1)
	for _, c := range []struct {
		name string
		do   func()
	}{
		{"mouse out", func() { test.MoveMouse(w.Canvas(), fyne.NewPos(-10, -10)) }},
		{"press", func() {
			v.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}, Button: desktop.MouseButtonPrimary})
		}},
		{"wheel", func() { test.Scroll(w.Canvas(), at, 0, -25) }},
		{"zoom", func() { v.SetZoom(1.5) }},
	} {
		v.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}, Button: desktop.MouseButtonPrimary})
		v.SetZoom(1)
		v.SetScrollPosition(0)
		test.MoveMouse(w.Canvas(), fyne.NewPos(1, 1))
		test.MoveMouse(w.Canvas(), at)
		if v.tipText() == nil {
			t.Fatalf("before %s: no tip", c.name)
		}
		c.do()
		if got := v.tipText(); got != nil {
			t.Errorf("after %s the tip shows %q", c.name, got)
		}
		if texts, _ := drawnTip(v); texts != nil {
			t.Errorf("after %s the tip is still drawn: %q", c.name, texts)
		}
	}
}

// TestTipWaitsForRest drives the tip's clock: the tip shows only when the
// wait begun by the last move ends, never for a wait an earlier move began.
func TestTipWaitsForRest(t *testing.T) {
	v, w, outer, inner := tipView(t)
	v.TipDelay = time.Second
	var waits []func()
	v.tip.schedule = func(d time.Duration, f func()) func() bool {
		if d != time.Second {
			t.Errorf("waits %v, want TipDelay", d)
		}
		waits = append(waits, f)
		return func() bool { return true }
	}
	test.MoveMouse(w.Canvas(), centre(t, v, inner+1))
	test.MoveMouse(w.Canvas(), centre(t, v, inner+2))
	if v.tipText() != nil || len(waits) != 2 {
		t.Fatalf("while moving: tip %q, %d waits", v.tipText(), len(waits))
	}
	waits[0]()
	if v.tipText() != nil {
		t.Fatal("the wait of an earlier move showed the tip")
	}
	waits[1]()
	if got := v.tipText(); !slices.Equal(got, []string{innerTip, outerTip}) {
		t.Fatalf("after a rest the tip = %q", got)
	}
	if texts, _ := drawnTip(v); len(texts) != 2 {
		t.Errorf("the rest showed the tip but did not draw it: %q", texts)
	}

	test.MoveMouse(w.Canvas(), centre(t, v, outer+1))
	test.MoveMouse(w.Canvas(), centre(t, v, outer-3))
	for _, f := range waits[2:] {
		f()
	}
	if got := v.tipText(); got != nil {
		t.Errorf("a wait begun on a claim showed %q after the pointer left it", got)
	}
}

// TestTipKeepsKeyboard types after the tip shows: the runes still reach
// the view, which a widget.PopUp, with its own focus manager, would take.
func TestTipKeepsKeyboard(t *testing.T) {
	v, w, outer, inner := tipView(t)
	v.TipDelay = 0
	var runes []rune
	v.OnTypedRune = func(r rune) { runes = append(runes, r) }
	click(v, centre(t, v, outer-3), 0)
	test.MoveMouse(w.Canvas(), centre(t, v, inner+1))
	if v.tipText() == nil {
		t.Fatal("no tip")
	}
	// As the GLFW driver delivers a rune: to what the canvas has focused.
	if f := w.Canvas().Focused(); f != nil {
		f.TypedRune('2')
	}
	if string(runes) != "2" {
		t.Errorf("with the tip up: focus on %v, view got runes %q", w.Canvas().Focused(), string(runes))
	}
	if v.tipText() == nil {
		t.Error("typing hid the tip")
	}
}

// TestTipFollowsNewTips: the window sets the highlights again after an
// edit; a tip that changed under the resting pointer is not left stale.
func TestTipFollowsNewTips(t *testing.T) {
	v, w, _, inner := tipView(t)
	v.TipDelay = 0
	test.MoveMouse(w.Canvas(), centre(t, v, inner+1))
	hs := slices.Clone(v.highlights.items)
	for i := range hs {
		if hs[i].ID == 2 {
			hs[i].Tip = "denial · Kremlin → USA · ana"
		}
	}
	v.SetHighlights(hs)
	if got := v.tipText(); !slices.Equal(got, []string{"denial · Kremlin → USA · ana", outerTip}) {
		t.Errorf("tip after new highlights = %q", got)
	}
}
