package window

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"claimdesk/storage"
)

// With twelve labels, long names among them, and a long claim selected,
// the window's content must still fit a 1,024×700 screen (a window whose
// content needs more grows itself off the screen under a real driver),
// and each column keeps a usable width.
func TestTwelveLabelsFitASmallScreen(t *testing.T) {
	w := newTestWindow(t)
	for i := 4; i <= 12; i++ {
		name := fmt.Sprintf("label_%d", i)
		if i == 5 {
			name = "Name_Calling,Labeling_and_other_long_names"
		}
		l := storage.Label{Name: name, Colour: storage.NextLabelColour(w.session.Labels()), Hotkey: storage.NextLabelHotkey(w.session.Labels())}
		if err := w.session.SaveLabel("", l); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(w.session.Labels()); n != 12 {
		t.Fatalf("%d labels", n)
	}
	dragOver(t, w, "President Putin has repeatedly said that Russia has never interfered and does not interfere in internal affairs, especially in the electoral processes of other countries")
	test.Type(w.view, "1")
	test.Type(w.details.speaker, strings.Repeat("Kremlin spokesman Dmitry Peskov ", 3))
	screen := fyne.NewSize(1024, 700)
	w.win.Resize(screen)
	content := w.win.Content()
	if min := content.MinSize(); min.Width > screen.Width || min.Height > screen.Height {
		t.Errorf("the content needs %v, more than a %v screen", min, screen)
	}
	if got := w.win.Canvas().Size(); got != screen {
		t.Errorf("the window is %v, not the %v it was given", got, screen)
	}
	for _, panel := range []struct {
		name  string
		o     fyne.CanvasObject
		least float32
	}{{"article list", w.articles.list, 170}, {"article", w.view, 400}, {"claims list", w.claimsUI.list, 230}, {"speaker field", w.details.speaker, 140}} {
		if width := panel.o.Size().Width; width < panel.least {
			t.Errorf("the %s is %.0f px wide, less than %.0f", panel.name, width, panel.least)
		}
	}
}
