package articleview

import (
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// seedText is the seed article: English with an Arabic line.
func seedText(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// seedTitle is what storage.TitleFromText makes of the seed: its first line.
func seedTitle(text string) string {
	title, _, _ := strings.Cut(text, "\n")
	return strings.TrimSpace(title)
}

// intlText mixes what must never be split: combining marks, emoji with
// modifiers and ZWJ, flags, CJK, Hangul jamo.
const intlText = "Cafe\u0301 na\u0308ive 👍🏽 ok 👨\u200d👩\u200d👧 fam 🇩🇪🇫🇷 flags 中文字符 and \u1100\u1161\u11a8 jamo ❤\ufe0f end"

var pageSize = fyne.NewSize(900, 700)

// newTestView shows a view with text in an unpadded test window, so that
// widget and canvas coordinates coincide.
func newTestView(t testing.TB, title, text string, size fyne.Size) (*View, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	v := New()
	w := test.NewTempWindow(t, v)
	w.SetPadded(false)
	w.Resize(size)
	v.SetDocument(title, text)
	return v, w
}

// longView shows the seed twenty times over in a 600 px high view.
func longView(t *testing.T) (*View, fyne.Window) {
	text := strings.Repeat(seedText(t), 20)
	return newTestView(t, "", text, fyne.NewSize(800, 600))
}

// runeIndex returns the code-point offset of the first occurrence of sub.
func runeIndex(t testing.TB, text, sub string) int {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("%q not in text", sub)
	}
	return len([]rune(text[:i]))
}

// centre returns the middle of the character box at off.
func centre(t testing.TB, v *View, off int) fyne.Position {
	t.Helper()
	pos, size, ok := v.CharBounds(off)
	if !ok {
		t.Fatalf("offset %d not laid out", off)
	}
	return fyne.NewPos(pos.X+size.Width/2, pos.Y+size.Height/2)
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

// click plays what the desktop driver sends for a click: press, release,
// and the Tapped that follows them.
func click(v *View, at fyne.Position, mods fyne.KeyModifier) {
	ev := &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}, Button: desktop.MouseButtonPrimary, Modifier: mods}
	v.MouseDown(ev)
	v.MouseUp(ev)
	v.Tapped(&fyne.PointEvent{Position: at})
}

func wantSelection(t *testing.T, v *View, start, end int) {
	t.Helper()
	s, e, ok := v.Selection()
	if !ok || s != start || e != end {
		t.Fatalf("selection = %d..%d (%v) %q, want %d..%d %q", s, e, ok, v.SelectedText(), start, end, string(v.text[start:end]))
	}
}

// saveCapture writes the window's pixels to $ARTICLEVIEW_CAPTURE_DIR, for
// looking at the view while working on it.
func saveCapture(t testing.TB, w fyne.Window, name string) {
	dir := os.Getenv("ARTICLEVIEW_CAPTURE_DIR")
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}

// Okabe–Ito label colours, as the store's defaults.
var (
	blue      = color.NRGBA{R: 0x00, G: 0x72, B: 0xb2, A: 0xff}
	vermilion = color.NRGBA{R: 0xd5, G: 0x5e, B: 0x00, A: 0xff}
	green     = color.NRGBA{R: 0x00, G: 0x9e, B: 0x73, A: 0xff}
)

// variantTheme pins a theme to one variant, to look at light and dark.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}
