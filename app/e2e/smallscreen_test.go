package e2e

import (
	"fmt"
	"image"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestTwelveLabelsOnASmallScreen: with twelve labels (one with a long
// imported name) on a 1,024×700 screen, every chip shows, labelling and
// selecting claims never makes the window grow (a window that grows moves
// the text under the pointer), and the claim gets its colour.
func TestTwelveLabelsOnASmallScreen(t *testing.T) {
	bin, work, shots, db := setUp(t)
	cli(t, bin, db, "import", filepath.Join(repoRoot(t), "seeds", "000_f91aa925e747fcb2.txt"))
	for _, name := range []string{"speculation", "Name_Calling,Labeling_and_more", "threat", "appeal_to_fear",
		"whataboutism", "doubt", "flag_waving", "slogans", "loaded_language"} {
		cli(t, bin, db, "labels", "add", name)
	}
	labels := storeLabels(t, bin, db)
	if len(labels) != 9 { // keys 1–9; the last three labels have none
		t.Fatalf("%d labels with hotkeys: %v", len(labels), labels)
	}
	last := strings.Fields(cli(t, bin, db, "labels"))
	lastColour := ""
	for _, f := range last {
		if strings.HasPrefix(f, "#") {
			lastColour = f // the colour of the last label listed
		}
	}

	x := startXvfbSized(t, "1024x700")
	app := startApp(t, bin, db, work, x)
	win := x.window("Claimdesk")
	waitTitle(t, x, win, seedTitle)
	// It opens inside the screen, not at its usual 1280×800.
	if w, h := windowSize(t, x, win); w > 1024 || h > 700 {
		t.Errorf("the window opened at %d×%d on a 1024×700 screen", w, h)
	}
	x.xdotool("windowfocus", "--sync", win)
	// Then it is made the screen's size: ask until the window keeps it (on
	// a loaded machine a resize asked for may land before Fyne's own), so
	// that "grew" below is about what labelling does.
	for deadline := time.Now().Add(10 * time.Second); ; {
		x.xdotool("windowsize", "--sync", win, "1024", "700")
		time.Sleep(700 * time.Millisecond)
		if strings.Contains(x.xdotool("getwindowgeometry", win), "1024x700") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("10 s after its title the window still does not keep the size 1024×700")
		}
	}
	time.Sleep(800 * time.Millisecond)
	before := x.screenshot(shots, "small-1-opened")
	if n := hued(before, labelBarSmall, lastColour); n < 40 {
		t.Errorf("the twelfth label's chip (%s) is not in the label bar: %d pixels", lastColour, n)
	}

	// Double-click a word of the first paragraph, label it with the fifth
	// label, then click the claim to select it.
	y := bodyLineSmallY
	x.xdotool("mousemove", "--window", win, "330", itoa(y), "click", "--repeat", "2", "--delay", "80", "1")
	time.Sleep(400 * time.Millisecond)
	x.xdotool("key", "--window", win, labels[4].hotkey, "Escape")
	time.Sleep(500 * time.Millisecond)
	x.xdotool("mousemove", "--window", win, "330", itoa(y), "click", "1")
	time.Sleep(800 * time.Millisecond)
	after := x.screenshot(shots, "small-2-labelled")
	if gained := hued(after, image.Rect(210, 150, 760, 690), labels[4].colour) - hued(before, image.Rect(210, 150, 760, 690), labels[4].colour); gained < 100 {
		t.Errorf("after %s only %d more pixels in %s's colour", labels[4].hotkey, gained, labels[4].name)
	}
	if geometry := x.xdotool("getwindowgeometry", win); !strings.Contains(geometry, "1024x700") {
		t.Errorf("the window grew: %s", geometry)
	}
	x.quit(win)
	waitExit(t, app)
}

// Where things are at 1,024×700 with these twelve labels (measured from
// screenshots): the chips wrap into four rows, and the article's first
// paragraph has a line at y≈393.
var labelBarSmall = image.Rect(205, 30, 770, 200)

const bodyLineSmallY = 393

// windowSize is the window's size in pixels, as the X server has it.
func windowSize(t *testing.T, x *display, win string) (width, height int) {
	t.Helper()
	geometry := x.xdotool("getwindowgeometry", win)
	i := strings.Index(geometry, "Geometry: ")
	if i < 0 {
		t.Fatalf("no geometry in %q", geometry)
	}
	if _, err := fmt.Sscanf(geometry[i:], "Geometry: %dx%d", &width, &height); err != nil {
		t.Fatalf("geometry %q: %v", geometry, err)
	}
	return width, height
}
