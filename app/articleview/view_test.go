package articleview

import (
	"fmt"
	"image"
	"image/color"
	"strings"
	"testing"

	"claimdesk/app/testkit"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// renderedText is the seed's title and first two paragraphs. The seed's
// Arabic line is left out: Latin text is drawn with the theme's embedded
// font, Arabic with whatever system font has the glyphs, which would make
// the goldens depend on the machine.
func renderedText(t *testing.T) string {
	t.Helper()
	paras := strings.Split(seedText(t), "\n\n")
	return strings.Join([]string{paras[0], paras[2], paras[3]}, "\n\n")
}

// TestRendersClaims checks what the renderer draws against goldens in
// testdata/view/, the way Fyne's own widget tests do: the canvas objects
// as markup and the painted pixels. Two overlapping claims, the inner one
// selected, a third on the title and a text selection bring out every
// layer: fills, selection, stacked underlines, text, the outline and the
// scroll bar. A change that is meant is taken by copying the files that
// a failure writes to testdata/failed/ over the goldens.
func TestRendersClaims(t *testing.T) {
	test.NewTempApp(t)
	test.ApplyTheme(t, test.Theme())
	text := renderedText(t)
	v := New()
	w := test.NewTempWindow(t, v)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(560, 360))
	v.SetDocument(seedTitle(text), text)
	outer := runeIndex(t, text, "President Putin has repeatedly")
	inner := runeIndex(t, text, "Russia has never interfered")
	title := runeIndex(t, text, "Denies")
	v.SetHighlights([]Highlight{
		{ID: 1, Start: outer, End: outer + len("President Putin has repeatedly said that Russia has never interfered"), Colour: blue},
		{ID: 2, Start: inner, End: inner + len("Russia has never interfered"), Colour: vermilion},
		{ID: 3, Start: title, End: title + len("Denies"), Colour: green},
	})
	v.SetSelectedHighlight(2)
	sel := runeIndex(t, text, "refused to rule out")
	v.SetSelection(sel, sel+len("refused to rule out"))
	if _, _, ok := v.thumb(); !ok {
		t.Fatal("the text fits: no scroll bar to draw")
	}

	test.AssertRendersToMarkup(t, "view/claims.xml", w.Canvas())
	test.AssertImageMatches(t, "view/claims.png", w.Canvas().Capture())

	// Scrolled down, the header goes and the scroll bar's thumb moves.
	v.SetScrollPosition(120)
	test.AssertRendersToMarkup(t, "view/claims_scrolled.xml", w.Canvas())
}

func near(a color.Color, b color.NRGBA) bool {
	n := color.NRGBAModel.Convert(a).(color.NRGBA)
	d := func(x, y uint8) bool { return int(x)-int(y) <= 6 && int(y)-int(x) <= 6 }
	return d(n.R, b.R) && d(n.G, b.G) && d(n.B, b.B)
}

// share returns the fraction of pixels of rect that have colour c.
func share(img image.Image, r image.Rectangle, c color.NRGBA) float64 {
	n, hits := 0, 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			n++
			if near(img.At(x, y), c) {
				hits++
			}
		}
	}
	return float64(hits) / float64(max(n, 1))
}

// fillRect is the area of the character at off that a claim fill covers.
func fillRect(t *testing.T, v *View, off int) image.Rectangle {
	pos, size, ok := v.CharBounds(off)
	if !ok {
		t.Fatalf("offset %d not laid out", off)
	}
	top := int(pos.Y) + 2
	return image.Rect(int(pos.X)+1, top, int(pos.X+size.Width)-1, top+int(v.met.baseline[styleBody])-2)
}

func TestHighlightPixels(t *testing.T) {
	text := seedText(t)
	v, w := newTestView(t, seedTitle(text), text, pageSize)
	outer := runeIndex(t, text, "President Putin has repeatedly")
	inner := runeIndex(t, text, "Russia has never")
	sel := runeIndex(t, text, "Kremlin spokesman")
	v.SetHighlights([]Highlight{
		{ID: 1, Start: outer, End: outer + 60, Colour: blue},
		{ID: 2, Start: inner, End: inner + 6, Colour: vermilion},
	})
	v.SetSelectedHighlight(2)
	v.SetSelection(sel, sel+7)
	img := w.Canvas().Capture()
	saveCapture(t, w, "pixels")

	bg := theme.Color(theme.ColorNameBackground)
	p := v.palette()
	outerFill := testkit.Over(p.fill(blue, false), bg)
	innerFill := testkit.Over(p.fill(vermilion, true), outerFill)
	selection := testkit.Over(theme.Color(theme.ColorNameSelection), bg)

	checks := []struct {
		name string
		off  int
		c    color.NRGBA
		want bool
	}{
		{"claim fill", outer + 1, outerFill, true},
		{"overlap blends both fills", inner + 2, innerFill, true},
		{"outer fill gives way inside the overlap", inner + 2, outerFill, false},
		{"no fill after the claim", outer + 70, outerFill, false},
		{"selection colour", sel + 2, selection, true},
		{"no selection outside it", sel + 10, selection, false},
	}
	for _, c := range checks {
		got := share(img, fillRect(t, v, c.off), c.c)
		if c.want && got < 0.3 || !c.want && got > 0.02 {
			t.Errorf("%s: %.0f%% of the pixels at offset %d have %v", c.name, got*100, c.off, c.c)
		}
	}

	// Underlines: the outer claim in the first row, the one inside it in the
	// second, both in their solid colours.
	pos, size, _ := v.CharBounds(inner + 2)
	x := int(pos.X + size.Width/2)
	fillBottom := pos.Y + 1 + v.met.baseline[styleBody] + 3
	row0 := int(fillBottom + 2 + underlineH/2)
	row1 := row0 + underlineStep
	if !near(img.At(x, row0), blue) || !near(img.At(x, row1), vermilion) {
		t.Errorf("underline rows have %v and %v", img.At(x, row0), img.At(x, row1))
	}
	// The selected claim is outlined in its colour.
	left, _, _ := v.CharBounds(inner)
	if c := img.At(int(left.X)-2, int(pos.Y+size.Height/2)); !near(c, vermilion) {
		t.Errorf("outline pixel is %v", c)
	}
}

func TestFillsKeepTextReadable(t *testing.T) {
	for _, variant := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		text := seedText(t)
		v, w := newTestView(t, seedTitle(text), text, pageSize)
		fyne.CurrentApp().Settings().SetTheme(variantTheme{theme.DefaultTheme(), variant})
		k := runeIndex(t, text, "The Kremlin on Wednesday")
		v.SetHighlights([]Highlight{
			{ID: 1, Start: k + 4, End: k + 60, Colour: blue},
			{ID: 2, Start: k + 20, End: k + 40, Colour: vermilion},
			{ID: 3, Start: k + 80, End: k + 140, Colour: green},
		})
		v.SetSelectedHighlight(2)
		v.SetSelection(k+150, k+180)
		saveCapture(t, w, fmt.Sprintf("theme_%d", variant))

		p := v.palette()
		bg := theme.DefaultTheme().Color(theme.ColorNameBackground, variant)
		for _, c := range []color.NRGBA{blue, vermilion, green} {
			for _, selected := range []bool{false, true} {
				page := testkit.Over(p.fill(c, selected), bg)
				if r := testkit.Contrast(p.text, page); r < 4.5 {
					t.Errorf("variant %d, colour %v (selected %v): text contrast %.2f < 4.5", variant, c, selected, r)
				}
				if r := testkit.Contrast(bg, page); r < 1.25 {
					t.Errorf("variant %d, colour %v: fill barely differs from the page (%.2f)", variant, c, r)
				}
			}
		}
	}
}

func TestOnlyVisibleLinesBecomeObjects(t *testing.T) {
	text := strings.Repeat(seedText(t), 40)
	v, _ := newTestView(t, "", text, fyne.NewSize(800, 600))
	objs := test.WidgetRenderer(v).Objects()
	lines := int(600/v.met.lineH[styleBody]) + 2
	if len(objs) > lines+3 || len(objs) < lines/2 {
		t.Errorf("%d canvas objects for ~%d visible lines (%d laid out)", len(objs), lines, len(v.lay.lines))
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
