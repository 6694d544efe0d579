package e2e

import (
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"claimdesk/app/web/webtest"
	"claimdesk/app/window"
)

// TestJourney drives every entry of the window's keyboard table and every
// gesture of its help sheet with real X events, and checks what each did:
// on screen, in the window title, and in the store once the app has quit.
// The steps are keyed by the table's titles and the sheet's gesture names,
// so a shortcut or gesture added to the window without a step here fails.
func TestJourney(t *testing.T) {
	skipUnlessE2E(t)
	steps := journeySteps()
	if !coversTable(t, steps) {
		t.FailNow()
	}
	j := newJourney(t)
	began := time.Now()
	for _, s := range steps {
		j.step = s.name
		t.Logf("%5.1fs  %s", time.Since(began).Seconds(), s.name)
		s.run(j)
	}
}

// journeyStep performs one entry of the keyboard table, or one gesture of
// the article view, in the real window and checks its effect.
type journeyStep struct {
	name string // the table's Title, or the gesture's name in the help sheet
	run  func(j *journey)
}

// menuOnlyExcused lists menu-only commands the journey does not click
// through the menu bar, each with the reason; the test prints them. Every
// menu-only command is clicked today.
var menuOnlyExcused = map[string]string{}

// coversTable reports whether every table entry and gesture has a step (or
// an excuse) and every step still names one.
func coversTable(t *testing.T, steps []journeyStep) bool {
	have := map[string]bool{}
	for _, s := range steps {
		have[s.name] = true
	}
	known := map[string]bool{}
	ok := true
	need := func(name, what string) {
		known[name] = true
		if reason, excused := menuOnlyExcused[name]; excused {
			t.Logf("not clicked through the menu bar: %q (%s)", name, reason)
			return
		}
		if !have[name] {
			t.Errorf("%s %q has no step in the journey: add one to journeySteps that performs it with real events and checks its effect", what, name)
			ok = false
		}
	}
	for _, c := range window.KeyCommands() {
		need(c.Title, "keyboard table entry")
	}
	for _, g := range window.Gestures() {
		need(g[0], "gesture")
	}
	for _, s := range steps {
		if !known[s.name] {
			t.Errorf("journey step %q is neither in the keyboard table nor among the gestures: renamed?", s.name)
			ok = false
		}
	}
	if steps[len(steps)-1].name != "Quit" {
		t.Error("the journey must end with Quit: the store is checked after it")
		ok = false
	}
	return ok
}

// journeySteps is the journey in the order it runs: each step leaves the
// window as the next expects it (articles and claims noted at each).
func journeySteps() []journeyStep {
	return []journeyStep{
		{"Keyboard shortcuts", (*journey).shortcutSheet},
		{"Annotator name…", (*journey).annotatorName},
		{"Drag", (*journey).drag},
		{"Rest the pointer on a highlight", (*journey).hoverTip},
		{"Drag an end of the selected claim", (*journey).dragClaimEnd},
		{"Esc", (*journey).escape},
		{"Double-click", (*journey).doubleClick},
		{"Shift+click", (*journey).shiftClick},
		{"Shift+← / →", (*journey).shiftArrows},
		{"Ctrl+Shift+← / →", (*journey).ctrlShiftArrows},
		{"Fit claim to selection", (*journey).fitClaim},
		{"1 / 2 / 3 …", (*journey).labelHotkeys},
		{"Click a highlight", (*journey).clickHighlight},
		{"Delete", (*journey).deleteClaim},
		{"Undo", (*journey).undo},
		{"Redo", (*journey).redo},
		{"Next claim", (*journey).nextClaim},
		{"Edit speaker", (*journey).editSpeaker},
		{"Previous claim", (*journey).previousClaim},
		{"Back to the text", (*journey).backToText},
		{"PageUp / PageDown", (*journey).pageKeys},
		{"Zoom in", (*journey).zoomIn},
		{"Zoom out", (*journey).zoomOut},
		{"Actual size", (*journey).actualSize},
		{"Next article", (*journey).nextArticle},
		{"Tab / Shift+Tab", (*journey).walkSuggestions},
		{"Enter", (*journey).enterSuggestedLabel},
		{"Mark as done", (*journey).markDone},
		{"Find claims…", (*journey).findClaims},
		{"Filter articles", (*journey).filterArticles},
		{"Mark as in progress", (*journey).markInProgress},
		{"Accept suggestions above a score…", (*journey).acceptAbove},
		{"How good are the suggestions?", (*journey).evaluation},
		{"Previous article", (*journey).previousArticle},
		{"Delete article…", (*journey).deleteArticle},
		{"Open article…", (*journey).openArticle},
		{"Import folder…", (*journey).importFolder},
		{"Labels…", (*journey).labelsDialog},
		{"Export dataset…", (*journey).exportDataset},
		{"Mark as new", (*journey).markNew},
		{"Join team folder…", (*journey).joinTeamFolder},
		{"Sync now", (*journey).syncNow},
		{"Adjudicate…", (*journey).adjudicate},
		{"Next disagreement", (*journey).nextDisagreement},
		{"Accept into gold", (*journey).acceptIntoGold},
		{"Previous disagreement", (*journey).previousDisagreement},
		{"Reject claim", (*journey).rejectClaim},
		{"Accept all agreed", (*journey).acceptAllAgreed},
		{"Agreement…", (*journey).agreement},
		{"Progress…", (*journey).progress},
		{"Open address…", (*journey).openAddress},
		{"Quit", (*journey).quit},
	}
}

// The articles of the journey's store.
const (
	secondTitle = "Second article"
	thirdTitle  = "Third article about fishing quotas"
	fourthTitle = "Fourth article to delete"
	fifthTitle  = "Fifth article from the file dialog"
	sixthTitle  = "Sixth article from a folder"
)

// journey is the running app and what the steps leave for the checks
// made on the store after Quit.
type journey struct {
	t         *testing.T
	x         *display
	bin, db   string
	home      string
	app       *exec.Cmd
	win       string
	shots     string
	shotN     int
	step      string
	keys      map[string]string // table title → keys, "" for menu only
	menuAt    map[string]image.Point
	labels    []label
	checks    []func(*storeState)
	statusNew image.Image     // the status select showing "new"
	unzoomed  image.Image     // the article at its actual size
	details1  image.Image     // the editor showing the first claim
	details2  image.Image     // the editor showing the second claim
	site      *webtest.Server // the local site Open address… fetches from
}

func newJourney(t *testing.T) *journey {
	work := t.TempDir()
	j := &journey{t: t, bin: binary(t), db: filepath.Join(work, "claims.db"), home: filepath.Join(work, "home"),
		keys: map[string]string{}, shots: os.Getenv("CLAIMDESK_SHOTS")}
	if j.shots == "" {
		j.shots = work
	}
	articles := map[string]string{
		"second.txt": secondTitle + "\n\nOfficials denied that anything happened at the border.\n",
		"third.txt":  thirdTitle + "\n\nThe minister praised the fishermen for their patience during the long talks.\n",
		"fourth.txt": fourthTitle + "\n\nNothing here is worth keeping.\n",
	}
	paths := []string{filepath.Join(repoRoot(t), "seeds", "000_f91aa925e747fcb2.txt")}
	for _, name := range []string{"second.txt", "third.txt", "fourth.txt"} {
		paths = append(paths, filepath.Join(work, name))
		writeFile(t, paths[len(paths)-1], articles[name])
	}
	cli(t, j.bin, j.db, append([]string{"import"}, paths...)...)
	// Home holds only what the dialogs are to pick: the folder dialog
	// finds batch/ at a known place in its grid.
	if err := os.MkdirAll(filepath.Join(j.home, "batch"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(j.home, "fifth.txt"), fifthTitle+"\n\nA spokesman praised the quick response.\n")
	writeFile(t, filepath.Join(j.home, "batch", "sixth.txt"), sixthTitle+"\n\nThe mayor denied every report.\n")
	j.labels = storeLabels(t, j.bin, j.db)
	if len(j.labels) < 3 {
		t.Fatalf("the journey needs three labels with hotkeys, the store has %v", j.labels)
	}
	for _, c := range window.KeyCommands() {
		j.keys[c.Title] = c.Keys
	}

	j.x = startXvfb(t)
	j.app = startApp(t, j.bin, j.db, j.home, j.x)
	j.win = j.x.window("Claimdesk")
	waitTitle(t, j.x, j.win, seedTitle)
	j.x.xdotool("windowfocus", "--sync", j.win)
	time.Sleep(time.Second)
	first := j.shot("opened")
	j.statusNew = first
	j.findMenus(first)
	return j
}

// findMenus works out where each menu-only command's item is: Fyne draws
// the menu bar itself, its menus in the order the table first names them,
// and each menu lists the table's entries first, one row apart.
func (j *journey) findMenus(img image.Image) {
	titles := menuTitles(img)
	var menus []string
	row := map[string]int{}
	j.menuAt = map[string]image.Point{}
	for _, c := range window.KeyCommands() {
		if _, seen := row[c.Menu]; !seen {
			menus = append(menus, c.Menu)
		}
		if c.Keys == "" {
			j.menuAt[c.Title] = image.Pt(len(menus)-1, row[c.Menu])
		}
		row[c.Menu]++
	}
	if len(titles) != len(menus) {
		j.t.Fatalf("found %d titles in the menu bar at x %v, the table has %d menus %v", len(titles), titles, len(menus), menus)
	}
	for title, at := range j.menuAt {
		j.menuAt[title] = image.Pt(titles[at.X], menuFirstItemY+at.Y*menuItemStep)
	}
}

// Where a menu's items are under its title (measured from screenshots).
const (
	menuBarY       = 14
	menuFirstItemY = 45
	menuItemStep   = 39
)

// invoke runs a table command the way the analyst would: its keys, or its
// menu item clicked with the mouse when it has none.
func (j *journey) invoke(title string) {
	j.t.Helper()
	if keys := j.keys[title]; keys != "" {
		j.key(keys)
		time.Sleep(pause)
		return
	}
	at, ok := j.menuAt[title]
	if !ok {
		j.t.Fatalf("%q is in no menu", title)
	}
	j.click(at.X, menuBarY)
	time.Sleep(400 * time.Millisecond)
	j.shot("menu-" + title)
	j.click(at.X+40, at.Y)
	time.Sleep(pause)
}

// pause lets the window draw what an event changed; the X server and
// Fyne's frame loop need a few frames, not a deadline.
const pause = 400 * time.Millisecond

func (j *journey) key(keys ...string) {
	j.t.Helper()
	j.x.xdotool(append([]string{"key", "--window", j.win}, keys...)...)
}

func (j *journey) typeText(text string) {
	j.t.Helper()
	j.x.xdotool("type", "--window", j.win, "--delay", "30", text)
}

func (j *journey) click(x, y int) {
	j.t.Helper()
	j.x.xdotool("mousemove", "--window", j.win, itoa(x), itoa(y), "click", "1")
}

func (j *journey) doubleClickAt(x, y int) {
	j.t.Helper()
	j.x.xdotool("mousemove", "--window", j.win, itoa(x), itoa(y), "click", "--repeat", "2", "--delay", "80", "1")
	time.Sleep(300 * time.Millisecond)
}

// park moves the pointer over the footer, where nothing changes on hover,
// so that what is under it does not differ between screenshots.
func (j *journey) park() {
	j.t.Helper()
	j.x.xdotool("mousemove", "--window", j.win, "640", "790")
}

func (j *journey) shot(name string) image.Image {
	j.t.Helper()
	j.shotN++
	clean := strings.NewReplacer(" / ", "-", " ", "-", "…", "", "+", "-", "←", "left", "→", "right").Replace(strings.ToLower(j.step + "-" + name))
	return j.x.screenshot(j.shots, "journey-"+pad2(j.shotN)+"-"+clean)
}

func pad2(n int) string {
	if n < 10 {
		return "0" + itoa(n)
	}
	return itoa(n)
}

func (j *journey) errorf(format string, args ...any) {
	j.t.Helper()
	j.t.Errorf("%s: "+format, append([]any{j.step}, args...)...)
}

// later checks the store after Quit, when the app no longer holds it.
func (j *journey) later(check func(s *storeState)) {
	step := j.step
	j.checks = append(j.checks, func(s *storeState) {
		j.step = step
		check(s)
	})
}

// calm clears the text selection and then the selected claim (Esc twice),
// so a step starts from the plain article.
func (j *journey) calm() {
	j.key("Escape", "Escape")
	j.park()
	time.Sleep(pause)
}

// dialogOpened fails the step unless a dialog now covers the window.
func (j *journey) dialogOpened(what string, before image.Image) image.Image {
	j.t.Helper()
	j.park()
	now := j.shot(what + "-open")
	if n := differing(before, now, dialogArea); n < 20000 {
		j.errorf("%s did not appear: %d pixels of the dialog area changed", what, n)
	}
	return now
}

// closed reports whether the dialog is gone: its area looks as before it
// opened, up to a caret blinking or a hover.
func (j *journey) closed(before image.Image, name string) bool {
	j.park()
	time.Sleep(pause)
	return differing(before, j.shot(name), dialogArea) < 3000
}

// escapes presses Esc on an open dialog and reports whether it closed;
// staying open fails the step, as the window promises Esc closes (or
// cancels) every dialog.
func (j *journey) escapes(what string, before image.Image) bool {
	j.key("Escape")
	if j.closed(before, what+"-after-esc") {
		return true
	}
	j.errorf("Esc did not close %s", what)
	return false
}

// clickAway closes a dialog with its button at p, failing the step if it
// stays.
func (j *journey) clickAway(what string, before image.Image, p image.Point) {
	j.click(p.X, p.Y)
	if !j.closed(before, what+"-closed") {
		j.errorf("%s did not close with its button at %v", what, p)
	}
}

// goAhead clicks the dialog's primary button (Open, Save, Yes, Export).
func (j *journey) goAhead(what string) {
	j.t.Helper()
	j.park()
	time.Sleep(200 * time.Millisecond)
	p, ok := primaryButton(j.shot(what+"-ready"), dialogArea)
	if !ok {
		j.t.Fatalf("%s: %s has no primary button to click", j.step, what)
	}
	j.click(p.X, p.Y)
	time.Sleep(pause)
}

// waitFor polls until cond holds, for at most ten seconds.
func waitFor(cond func() bool) bool {
	for range 50 {
		if cond() {
			return true
		}
		time.Sleep(200 * time.Millisecond)
	}
	return false
}

func (j *journey) title() string { return j.x.xdotool("getwindowname", j.win) }

// label is one of the store's labels as `claimdesk labels` lists it.
type label struct{ name, colour, hotkey string }

var labelLine = regexp.MustCompile(`^(\S+)\s+(#[0-9A-Fa-f]{6})\s+key (\S+)`)

func storeLabels(t *testing.T, bin, db string) []label {
	var out []label
	for _, line := range strings.Split(cli(t, bin, db, "labels"), "\n") {
		if m := labelLine.FindStringSubmatch(line); m != nil && m[3] != "-" {
			out = append(out, label{m[1], m[2], m[3]})
		}
	}
	return out
}
