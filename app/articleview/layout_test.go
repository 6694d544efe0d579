package articleview

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

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
	golden := filepath.Join("testdata", "seed_wrap_700.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if b.String() != string(want) {
		t.Errorf("seed wraps differently from %s (go test -update rewrites it):\n%s", golden, b.String())
	}
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

func TestOnlyVisibleLinesBecomeObjects(t *testing.T) {
	text := strings.Repeat(seedText(t), 40)
	v, _ := newTestView(t, "", text, fyne.NewSize(800, 600))
	objs := test.WidgetRenderer(v).Objects()
	lines := int(600/v.met.lineH[styleBody]) + 2
	if len(objs) > lines+3 || len(objs) < lines/2 {
		t.Errorf("%d canvas objects for ~%d visible lines (%d laid out)", len(objs), lines, len(v.lay.lines))
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
