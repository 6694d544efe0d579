package articleview

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"claimdesk/app/testkit"
)

// checkLines verifies that the lines cover the text in order, each
// paragraph's lines back to back, and that no line's text is wider than
// the column once measured exactly.
func checkLines(t *testing.T, v *View) {
	t.Helper()
	lines := v.lay.lines
	if len(lines) == 0 || lines[0].start != 0 || lines[len(lines)-1].end != len(v.text) {
		t.Fatalf("lines do not span the text: %d lines", len(lines))
	}
	for i, ln := range lines {
		if i > 0 {
			prev := lines[i-1]
			sameParagraph := prev.para == ln.para && ln.start == prev.end
			nextParagraph := prev.para+1 == ln.para && ln.start == prev.end+1 && v.text[prev.end] == '\n'
			if !sameParagraph && !nextParagraph {
				t.Fatalf("line %d %+v does not follow line %d %+v", i, ln, i-1, prev)
			}
			if ln.y < prev.y {
				t.Fatalf("line %d above line %d", i, i-1)
			}
		}
		var drawn strings.Builder
		vl := v.visualLine(i)
		var width float32
		for _, p := range vl.pieces {
			width += p.w
			drawn.WriteString(string(v.text[p.start:p.end]))
		}
		if width > v.lay.colW+0.5 {
			t.Errorf("line %d is %.1f px wide, column %.1f: %q", i, width, v.lay.colW, string(v.text[ln.start:ln.trim]))
		}
		if got := len([]rune(drawn.String())); got != ln.trim-ln.start {
			t.Errorf("line %d draws %d of %d characters", i, got, ln.trim-ln.start)
		}
	}
}

func TestWrapCoversTextAtManyWidths(t *testing.T) {
	text := seedText(t) + "\n\n" + intlText + "\n" + strings.Repeat("Supercalifragilistic", 12) + "\n"
	v, w := newTestView(t, seedTitle(text), text, pageSize)
	for _, width := range []float32{200, 260, 333, 480, 640, 900, 1400} {
		w.Resize(fyne.NewSize(width, 500))
		if v.lay == nil || v.lay.width != width {
			t.Fatalf("not laid out at width %v", width)
		}
		if v.lay.colX < sideMargin-0.01 || v.lay.colX+v.lay.colW > width-scrollBarArea {
			t.Errorf("width %v: column %v+%v outside the margins", width, v.lay.colX, v.lay.colW)
		}
		if v.lay.colW > maxColumnWidth {
			t.Errorf("width %v: column %v wider than the reading cap", width, v.lay.colW)
		}
		checkLines(t, v)
	}
}

func TestWrapGolden(t *testing.T) {
	text := seedText(t)
	v, _ := newTestView(t, seedTitle(text), text, fyne.NewSize(700, 500))
	var b strings.Builder
	fmt.Fprintf(&b, "column %.0f px\n", v.lay.colW)
	for _, ln := range v.lay.lines {
		if ln.trim > ln.start {
			fmt.Fprintf(&b, "%d|%s\n", ln.style, string(v.text[ln.start:ln.trim]))
		}
	}
	testkit.Golden(t, filepath.Join("testdata", "seed_wrap_700.golden"), []byte(b.String()))
}

func TestTitleLineIsTheSelectableHeading(t *testing.T) {
	text := seedText(t)
	v, _ := newTestView(t, seedTitle(text), text, pageSize)
	if v.headingPara != 0 || len(v.lay.header) != 0 || v.lay.lines[0].style != styleHeading {
		t.Fatalf("heading paragraph %d, %d header lines", v.headingPara, len(v.lay.header))
	}
	if off, ok := v.CharAt(centre(t, v, 3)); !ok || off != 3 {
		t.Errorf("heading not hit-testable: %d %v", off, ok)
	}
}

func TestSeparateTitleIsNotText(t *testing.T) {
	v, _ := newTestView(t, "A headline that is not in the text", "Body text only.", pageSize)
	if len(v.lay.header) != 1 || v.lay.header[0].text != "A headline that is not in the text" {
		t.Fatalf("header = %+v", v.lay.header)
	}
	above := fyne.NewPos(v.lay.colX+10, v.lay.header[0].y+5)
	if off, ok := v.OffsetAt(above); ok || off != 0 {
		t.Errorf("OffsetAt(title) = %d %v, want 0 false", off, ok)
	}
	first, _ := v.PositionOf(0)
	if first.Y <= v.lay.header[0].y+v.met.lineH[styleHeading] {
		t.Errorf("text at %v overlaps the title", first)
	}
}

func TestTinyWidthSkipsLayout(t *testing.T) {
	text := seedText(t)
	v, w := newTestView(t, seedTitle(text), text, fyne.NewSize(150, 400))
	if v.lay != nil {
		t.Fatal("laid out at 150 px")
	}
	if _, ok := v.OffsetAt(fyne.NewPos(20, 20)); ok {
		t.Error("OffsetAt answered without a layout")
	}
	if _, ok := v.PositionOf(5); ok {
		t.Error("PositionOf answered without a layout")
	}
	if n := len(test.WidgetRenderer(v).Objects()); n != 0 {
		t.Errorf("%d objects without a layout", n)
	}
	v.ScrollToOffset(len(v.text) - 1) // remembered until there is a layout
	w.Resize(fyne.NewSize(700, 400))
	if v.ScrollPosition() == 0 {
		t.Error("the pending ScrollToOffset was lost")
	}
}

func TestBlankParagraphsTakeNoRoom(t *testing.T) {
	v, _ := newTestView(t, "", "First.\n\n\n  \nSecond.\nThird.", pageSize)
	first, _ := v.PositionOf(0)
	second, _ := v.PositionOf(runeIndex(t, "First.\n\n\n  \nSecond.", "Second."))
	third, _ := v.PositionOf(runeIndex(t, "First.\n\n\n  \nSecond.\nThird.", "Third."))
	if second.Y-first.Y != third.Y-second.Y {
		t.Errorf("blank lines add space: paragraphs at %v, %v, %v", first.Y, second.Y, third.Y)
	}
	blank, ok := v.OffsetAt(fyne.NewPos(first.X, second.Y+2))
	if !ok || blank != runeIndex(t, "First.\n\n\n  \nSecond.", "Second.") {
		t.Errorf("OffsetAt on the second paragraph = %d %v", blank, ok)
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

// topLine is the offset of the line at the top of the view.
func topLine(v *View) int {
	return v.lay.lines[max(v.lay.lineAtY(v.scrollY), 0)].start
}

// linesOnPage counts the lines that start inside the view.
func linesOnPage(v *View) int {
	return v.lay.lineAtY(v.scrollY+v.Size().Height) - v.lay.lineAtY(v.scrollY)
}

// drawnTextSizes returns the text sizes the renderer drew the article in.
func drawnTextSizes(v *View) map[float32]bool {
	sizes := map[float32]bool{}
	for _, o := range test.WidgetRenderer(v).(*renderer).layers[layerText] {
		sizes[o.(*canvas.Text).TextSize] = true
	}
	return sizes
}

func TestZoomScalesTextAndKeepsTopLine(t *testing.T) {
	v, _ := longView(t)
	v.ScrollToOffset(len(v.text) / 2)
	top := topLine(v)
	lineH, size, perPage := v.met.lineH[styleBody], v.met.size[styleBody], linesOnPage(v)
	_, box, _ := v.CharBounds(top)

	v.SetZoom(2)
	if v.Zoom() != 2 {
		t.Fatalf("Zoom() = %v after SetZoom(2)", v.Zoom())
	}
	if got := v.met.lineH[styleBody]; got < 1.8*lineH {
		t.Errorf("zoomed line height %v, want about twice %v", got, lineH)
	}
	if sizes := drawnTextSizes(v); !sizes[2*size] || sizes[size] {
		t.Errorf("zoomed text drawn in sizes %v, want %v", sizes, 2*size)
	}
	if got := linesOnPage(v); got >= perPage*2/3 {
		t.Errorf("zoomed, %d lines on a page, unzoomed %d", got, perPage)
	}
	pos, zoomedBox, ok := v.CharBounds(top)
	if !ok || pos.Y < 0 || pos.Y >= v.met.lineH[styleBody] {
		t.Errorf("the top line's first character went to y=%v", pos.Y)
	}
	if zoomedBox.Width < 1.8*box.Width {
		t.Errorf("a character %v wide at zoom 1 is %v wide zoomed: widths measured for another zoom", box.Width, zoomedBox.Width)
	}
	checkLines(t, v)
}

func TestZoomBackRestoresLayout(t *testing.T) {
	v, _ := longView(t)
	fresh, _ := newTestView(t, "", string(v.text), v.Size())
	v.ScrollToOffset(len(v.text) / 3)
	top := topLine(v)
	v.SetZoom(0.7)
	v.SetZoom(1.6)
	v.SetZoom(1)
	if !slices.Equal(v.lay.lines, fresh.lay.lines) || v.lay.height != fresh.lay.height ||
		v.lay.colX != fresh.lay.colX || v.lay.colW != fresh.lay.colW {
		t.Error("zoom back to 1 gives another layout than a fresh view")
	}
	if pos, _, _ := v.CharBounds(top); pos.Y < 0 || pos.Y >= v.met.lineH[styleBody] {
		t.Errorf("after zooming in and out the top line's first character is at y=%v", pos.Y)
	}
}

func TestZoomIsClamped(t *testing.T) {
	v, _ := longView(t)
	for _, c := range []struct{ set, want float32 }{
		{10, MaxZoom}, {0.1, MinZoom}, {-1, MinZoom}, {float32(math.NaN()), 1}, {1.25, 1.25},
	} {
		v.SetZoom(c.set)
		if v.Zoom() != c.want {
			t.Errorf("SetZoom(%v): Zoom() = %v, want %v", c.set, v.Zoom(), c.want)
		}
	}
}

func TestSplitParagraphs(t *testing.T) {
	got := splitParagraphs([]rune("a\n\nbc\n"))
	want := []paragraph{{0, 1}, {2, 2}, {3, 5}, {6, 6}}
	if !slices.Equal(got, want) {
		t.Errorf("splitParagraphs = %v, want %v", got, want)
	}
}

func TestHeadingParagraph(t *testing.T) {
	text := []rune("\n  Title here \nbody")
	paras := splitParagraphs(text)
	if got := headingParagraph(text, paras, "Title here"); got != 1 {
		t.Errorf("headingParagraph = %d, want 1", got)
	}
	if got := headingParagraph(text, paras, "Other"); got != -1 {
		t.Errorf("headingParagraph for another title = %d, want -1", got)
	}
}
