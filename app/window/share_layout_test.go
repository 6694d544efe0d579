package window

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// labelShows is the text l draws, cut short or not.
func labelShows(l *widget.Label) string {
	shown := ""
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *canvas.Text:
			shown += o.Text
		case fyne.Widget:
			for _, child := range test.WidgetRenderer(o).Objects() {
				walk(child)
			}
		}
	}
	walk(l)
	return shown
}

// TestFooterCountsTakeTheRowNoHintUses: with no hint the open article's
// counts get the whole row, not half; a hint then takes what they leave,
// and when both are long each keeps half.
func TestFooterCountsTakeTheRowNoHintUses(t *testing.T) {
	w := newTestWindow(t)
	f := w.footer
	row := f.texts.Size().Width
	if row < 400 {
		t.Fatalf("the footer's texts have %v of the row", row)
	}
	long := "This article: 100 claims (37 denial, 36 accusation, 27 praise) · Store: 1,000 articles"
	f.show(f.counts, long)
	f.hint("")
	if got, need := f.counts.Size().Width, textWidth(f.counts); got < need || got <= row/2 {
		t.Errorf("with no hint the counts are %v wide of %v; their text needs %v", got, row, need)
	}
	if shown := labelShows(f.counts); shown != long {
		t.Errorf("with no hint the counts show %q", shown)
	}

	f.hint("Tab: next suggestion")
	if got, want := f.message.Size().Width, row-textWidth(f.counts); got != want || got < textWidth(f.message) {
		t.Errorf("the hint is %v wide, want the %v the counts leave", got, want)
	}

	f.hint(long + long)
	f.show(f.counts, long+long)
	if f.counts.Size().Width != row/2 || f.message.Size().Width != row/2 {
		t.Errorf("both long: %v and %v of %v", f.counts.Size().Width, f.message.Size().Width, row)
	}
	if f.message.Position().X != f.counts.Size().Width {
		t.Errorf("the hint starts at %v, the counts end at %v", f.message.Position().X, f.counts.Size().Width)
	}
}
