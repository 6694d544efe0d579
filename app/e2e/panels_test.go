package e2e

import (
	"encoding/json"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPanelsUnderRealEvents drives what the keyboard table does not hold,
// on the seed article labelled with speakers and targets: a label chip's
// meaning on hover, the claims filter, one wheel notch, completions that
// share the people of speaker and target, and a window size kept per store.
func TestPanelsUnderRealEvents(t *testing.T) {
	bin, work, shots, db := setUp(t)
	corpus := filepath.Join(work, "labelled.jsonl")
	writeLabelledSeed(t, corpus)
	cli(t, bin, db, "import", corpus)
	x := startXvfb(t)
	home := homeDir(t, work, "analyst")
	app := startApp(t, bin, db, home, x)
	win := x.window("Claimdesk")
	waitTitle(t, x, win, seedTitle)
	x.xdotool("windowfocus", "--sync", win)
	time.Sleep(time.Second)
	park := func() { x.xdotool("mousemove", "--window", win, "640", "795") }
	settle := func() { park(); time.Sleep(600 * time.Millisecond) }
	settle()
	before := x.screenshot(shots, "panels-1-opened")

	// A label chip shows its meaning in the footer while the pointer rests on it.
	x.xdotool("mousemove", "--window", win, "320", "49")
	time.Sleep(600 * time.Millisecond)
	if n := differing(before, x.screenshot(shots, "panels-2-chip-hover"), footerArea); n < 300 {
		t.Errorf("resting on the denial chip showed nothing in the footer (%d pixels changed)", n)
	}
	settle()

	// The claims filter narrows the list.
	x.xdotool("mousemove", "--window", win, "1120", "87", "click", "1")
	x.xdotool("type", "--window", win, "--delay", "30", "label:praise")
	settle()
	if n := differing(before, x.screenshot(shots, "panels-3-claims-filter"), claimsList); n < 2000 {
		t.Errorf("filtering the claims by label:praise changed the list by %d pixels", n)
	}
	x.xdotool("key", "--window", win, "ctrl+a", "BackSpace")
	x.xdotool("mousemove", "--window", win, "600", "400", "click", "1") // back to the text
	settle()

	// The article filter says how many of how many it shows, and the status
	// filter hides the articles of other statuses.
	x.xdotool("key", "--window", win, "ctrl+f")
	x.xdotool("type", "--window", win, "--delay", "30", "zzzz")
	settle()
	if n := differing(before, x.screenshot(shots, "panels-3b-filter-count"), articleCount); n < 60 {
		t.Errorf("the article filter's count did not change (%d pixels)", n)
	}
	x.xdotool("key", "--window", win, "ctrl+a", "BackSpace")
	x.xdotool("mousemove", "--window", win, "190", "49", "click", "1") // the status filter
	time.Sleep(500 * time.Millisecond)
	x.xdotool("mousemove", "--window", win, "190", "200", "click", "1") // its last choice: done
	settle()
	if n := differing(before, x.screenshot(shots, "panels-3c-status-filter"), articleRows); n < 1500 {
		t.Errorf("showing only done articles left the list as it was (%d pixels changed)", n)
	}
	x.xdotool("mousemove", "--window", win, "190", "49", "click", "1")
	time.Sleep(500 * time.Millisecond)
	x.xdotool("mousemove", "--window", win, "190", "80", "click", "1") // its first choice: all
	x.xdotool("mousemove", "--window", win, "600", "400", "click", "1")
	settle()

	// One wheel notch scrolls three lines of the article.
	top := x.screenshot(shots, "panels-4-before-wheel")
	x.xdotool("mousemove", "--window", win, "600", "400", "click", "5")
	settle()
	dy := shift(top, x.screenshot(shots, "panels-5-after-wheel"), textArea)
	t.Logf("one wheel notch scrolled %d px", dy)
	if dy < 80 || dy > 112 {
		t.Errorf("one wheel notch scrolled %d px, want about three 32 px lines", dy)
	}

	// Speaker completes from the people named as targets: "Rus" offers Russia.
	x.xdotool("key", "--window", win, "ctrl+j", "ctrl+g", "ctrl+a", "BackSpace")
	settle()
	typed := x.screenshot(shots, "panels-6-speaker-empty")
	x.xdotool("type", "--window", win, "--delay", "40", "Rus")
	time.Sleep(700 * time.Millisecond)
	if n := differing(typed, x.screenshot(shots, "panels-7-completion"), completionArea); n < 1500 {
		t.Errorf("typing Rus in the speaker offered no completion (%d pixels changed)", n)
	}
	x.xdotool("key", "--window", win, "Escape", "ctrl+z")

	// The window's size belongs to the store: reopened, it is back.
	x.xdotool("windowsize", "--sync", win, "1100", "720")
	time.Sleep(500 * time.Millisecond)
	x.quit(win)
	waitExit(t, app)
	app = startApp(t, bin, db, home, x)
	win = x.window("Claimdesk")
	waitTitle(t, x, win, seedTitle)
	time.Sleep(time.Second)
	if geometry := x.xdotool("getwindowgeometry", win); !strings.Contains(geometry, "1100x720") {
		t.Errorf("reopened at %s, not the 1100x720 it was left at", geometry)
	}
	x.quit(win)
	waitExit(t, app)
}

var (
	footerArea     = image.Rect(250, 762, 1000, 795)
	footerCounts   = image.Rect(0, 762, 760, 796)
	claimsList     = image.Rect(976, 105, 1280, 420)
	completionArea = image.Rect(1050, 590, 1280, 760) // below the speaker field
	articleCount   = image.Rect(80, 38, 128, 62)      // "1", or "N of M" while filtering
	articleRows    = image.Rect(0, 105, 258, 190)
)

// shift finds how far the content of r moved up between a and b: the
// vertical offset at which b's rows best match a's.
func shift(a, b image.Image, r image.Rectangle) int {
	best, bestSame := 0, -1
	for dy := 0; dy < 200; dy++ {
		same := 0
		for y := r.Min.Y; y+dy < r.Max.Y; y += 3 {
			for x := r.Min.X; x < r.Max.X; x += 3 {
				if a.At(x, y+dy) == b.At(x, y) {
					same++
				}
			}
		}
		// Normalise by the rows compared, so small shifts do not win by
		// comparing more rows.
		score := same * 1000 / max(1, (r.Dy()-dy)/3)
		if score > bestSame {
			best, bestSame = dy, score
		}
	}
	return best
}

// writeLabelledSeed writes the seed article as a doccano line with claims
// whose speakers and targets name people, as an analyst would label it.
func writeLabelledSeed(t *testing.T, path string) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(repoRoot(t), "seeds", "000_f91aa925e747fcb2.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	type claim struct {
		Start   int    `json:"start"`
		End     int    `json:"end"`
		Label   string `json:"label"`
		Speaker string `json:"speaker"`
		Target  string `json:"target"`
	}
	var spans [][3]any
	var claims []claim
	for _, c := range []struct{ quote, label, speaker, target string }{
		{"denied Russia was involved in a hack of Democratic National Committee emails", "denial", "Dmitry Peskov", "Russia"},
		{"the Russians hack our systems", "accusation", "Barack Obama", "Russia"},
		{"a very striking man, unquestionably talented", "praise", "Vladimir Putin", "Donald Trump"},
		{"strong leader, a powerful leader", "praise", "Donald Trump", "Vladimir Putin"},
	} {
		at := strings.Index(text, c.quote)
		if at < 0 {
			t.Fatalf("%q is not in the seed", c.quote)
		}
		start := len([]rune(text[:at]))
		end := start + len([]rune(c.quote))
		spans = append(spans, [3]any{start, end, c.label})
		claims = append(claims, claim{start, end, c.label, c.speaker, c.target})
	}
	line, err := json.Marshal(map[string]any{"text": text, "label": spans, "meta": map[string]any{"claims": claims}})
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, string(line)+"\n")
}
