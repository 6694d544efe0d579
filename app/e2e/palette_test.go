package e2e

import (
	"image"
	"image/color"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPaletteAndFooterRead checks what the window says, read off the
// screen: the footer's counts name their scope, and the search palette
// shows each claim beside its label's colour, marking letters of the quote
// only where the query matched the quote.
func TestPaletteAndFooterRead(t *testing.T) {
	bin, work, shots, db := setUp(t)
	corpus := filepath.Join(work, "labelled.jsonl")
	writeLabelledSeed(t, corpus)
	cli(t, bin, db, "import", corpus)
	x := startXvfb(t)
	app := startApp(t, bin, db, homeDir(t, work, "analyst"), x)
	win := x.window("Claimdesk")
	waitTitle(t, x, win, seedTitle)
	x.xdotool("windowfocus", "--sync", win)
	time.Sleep(time.Second)
	x.xdotool("mousemove", "--window", win, "640", "795")
	time.Sleep(500 * time.Millisecond)

	shot := x.screenshot(shots, "read-1-footer")
	if got, want := readText(t, shot, footerCounts), "This article: 4 claims (1 denial, 1 accusation, 2 praise) Store: 1 article"; got != want {
		t.Errorf("the footer reads %q, want %q", got, want)
	}

	find := func(query, name string) image.Image {
		t.Helper()
		closed := x.screenshot(shots, name+"-before")
		x.xdotool("key", "--window", win, "ctrl+k")
		waitChange(t, x, closed, paletteQuery, "the palette to open")
		x.xdotool("type", "--window", win, "--delay", "40", query)
		time.Sleep(800 * time.Millisecond)
		shot := x.screenshot(shots, name)
		if got := strings.Trim(readText(t, shot, paletteQuery), "| "); got != query {
			t.Errorf("typed %q into the palette, it shows %q", query, got)
		}
		x.xdotool("key", "--window", win, "Escape")
		time.Sleep(400 * time.Millisecond)
		return shot
	}
	// The match is in the speaker: the row names Peskov, beside the denial
	// colour, and no letter of the quote is marked.
	shot = find("peskov", "read-2-palette-speaker")
	if !hasColour(shot, firstRowBar, denialColour) {
		t.Error("the denial found by its speaker is not beside the denial colour")
	}
	// tesseract reads the arrow as ">" or "->".
	if got := readText(t, shot, firstRowMeta); !strings.HasPrefix(got, "Dmitry Peskov") || !strings.Contains(got, "Russia Kremlin Denies") {
		t.Errorf("the first result's second line reads %q, want Dmitry Peskov → Russia · Kremlin Denies…", got)
	}
	if hasColour(shot, firstRowQuote, primaryColour) {
		t.Error("found by its speaker, the quote has letters marked as matched")
	}
	// The match is in the quote: there it is marked.
	shot = find("hack", "read-3-palette-quote")
	if !hasColour(shot, firstRowBar, accusationColour) {
		t.Error("the accusation found by its quote is not beside the accusation colour")
	}
	if !hasColour(shot, firstRowQuote, primaryColour) {
		t.Error("found by its quote, the quote has no letters marked as matched")
	}
	// Closed, the palette leaves the window idle: its box, told it lost
	// the focus, stops its cursor's animation, which otherwise redrew the
	// window a dozen times a second for good (a fifth of a core under
	// Xvfb's software renderer; an idle window uses some 2%).
	pid := app.Process.Pid
	before := processCPU(t, pid)
	time.Sleep(2 * time.Second)
	if used := processCPU(t, pid) - before; used > 200*time.Millisecond {
		t.Errorf("with the palette closed the window used %v of processor in 2 s: something still redraws it", used)
	}
	// Typed at once and Enter straight after, before the answer can have
	// been drawn: the claim opened is the query's first result.
	closed := x.screenshot(shots, "read-4-before-enter")
	x.xdotool("key", "--window", win, "ctrl+k")
	waitChange(t, x, closed, paletteQuery, "the palette to open")
	x.xdotool("type", "--window", win, "--delay", "0", "hack")
	x.xdotool("key", "--window", win, "Return")
	time.Sleep(800 * time.Millisecond)
	shot = x.screenshot(shots, "read-4-entered")
	if got := readText(t, shot, selectedQuote); !strings.Contains(got, "Russians hack our systems") {
		t.Errorf("Enter typed straight after 'hack' selected a claim whose editor reads %q", got)
	}
	x.quit(win)
	waitExit(t, app)
}

// The palette's parts over the 1280×800 window, and the colours the seed
// labels and the theme's primary colour draw with.
var (
	paletteQuery  = image.Rect(215, 125, 1065, 158)
	firstRowBar   = image.Rect(213, 206, 218, 270)
	firstRowQuote = image.Rect(225, 208, 1060, 232)
	firstRowMeta  = image.Rect(225, 246, 1060, 272)
	selectedQuote = image.Rect(976, 470, 1280, 500) // the selected claim's quote, above its editor

	denialColour     = color.RGBA{0x00, 0x72, 0xB2, 0xff}
	accusationColour = color.RGBA{0xD5, 0x5E, 0x00, 0xff}
	primaryColour    = color.RGBA{41, 111, 246, 0xff}
)

// waitChange waits until r of the screen differs from before, for what.
func waitChange(t *testing.T, x *display, before image.Image, r image.Rectangle, what string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if differing(before, x.grab(), r) > 0 {
			return
		}
	}
	t.Fatalf("waited 10 s for %s", what)
}
