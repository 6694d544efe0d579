package e2e

import (
	"encoding/json"
	"image"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"claimdesk/app/window"
)

// The adjudication test's article and its two annotators' layers: both
// made "Peskov denied the report"/denial; bob alone "Lavrov"/accusation,
// carol alone "praised"/praise — two disagreements.
const (
	adjudicationTitle = "Adjudication test"
	adjudicationBody  = "Peskov denied the report. Lavrov accused the West. The minister praised the talks."
)

// adjudicationLayer is a JSONL line of the adjudication article with
// who's claims, each a quote of it and its label.
func adjudicationLayer(t *testing.T, who string, claims ...[2]string) string {
	t.Helper()
	text := adjudicationTitle + "\n\n" + adjudicationBody + "\n"
	labels := [][]any{}
	for _, c := range claims {
		i := strings.Index(text, c[0])
		labels = append(labels, []any{i, i + len(c[0]), c[1]}) // ASCII: bytes are code points
	}
	line, err := json.Marshal(map[string]any{"text": text, "label": labels, "annotator": who})
	if err != nil {
		t.Fatal(err)
	}
	return string(line)
}

// Where the adjudication panel shows what is left, at 1,024×700 (measured
// from screenshots): its headline under the panel's title.
var adjudicationHeadline = image.Rect(0, 60, 330, 110)

// TestAdjudicateInTheWindow builds gold from bob's and carol's layers with
// real keys and clicks at 1,024×700: Team > Adjudicate… from the menu bar,
// Ctrl+N and Ctrl+Shift+A accept bob's Lavrov, Ctrl+N and Ctrl+Shift+X
// reject carol's praised, Team > Accept all agreed takes the claim both
// made; the headline counts down to none left, and the exported gold
// holds exactly the accepted claims.
func TestAdjudicateInTheWindow(t *testing.T) {
	bin, work, shots, db := setUp(t)
	lines := []string{
		adjudicationLayer(t, "bob", [2]string{"Peskov denied the report", "denial"}, [2]string{"Lavrov", "accusation"}),
		adjudicationLayer(t, "carol", [2]string{"Peskov denied the report", "denial"}, [2]string{"praised", "praise"}),
	}
	layers := filepath.Join(work, "layers.jsonl")
	writeFile(t, layers, strings.Join(lines, "\n")+"\n")
	cli(t, bin, db, "import", layers)

	x := startXvfbSized(t, "1024x700")
	app := startApp(t, bin, db, work, x)
	win := x.window("Claimdesk")
	waitTitle(t, x, win, adjudicationTitle)
	x.xdotool("windowfocus", "--sync", win)
	x.xdotool("windowsize", "--sync", win, "1024", "700")
	time.Sleep(1500 * time.Millisecond)
	opened := x.screenshot(shots, "adjudicate-1-opened")

	menu := menuItems(t, opened)
	click := func(title string) {
		at := menu[title]
		x.xdotool("mousemove", "--window", win, itoa(at.X), itoa(menuBarY), "click", "1")
		time.Sleep(400 * time.Millisecond)
		x.xdotool("mousemove", "--window", win, itoa(at.X+40), itoa(at.Y), "click", "1")
		time.Sleep(pause)
		x.xdotool("mousemove", "--window", win, "700", "690") // off the lists, so hovers differ not
	}
	headline := func(name, want string) {
		t.Helper()
		var read string
		if !waitFor(func() bool {
			read = readText(t, x.screenshot(shots, name), adjudicationHeadline)
			return strings.Contains(strings.ToLower(read), want)
		}) {
			t.Errorf("%s: the headline reads %q, want %q", name, read, want)
		}
	}
	key := func(keys string) {
		x.xdotool("key", "--window", win, keys)
		time.Sleep(pause)
	}

	click("Adjudicate…")
	headline("adjudicate-2-panel", "2 disagreements left")
	key(keyOf(t, "Next disagreement"))
	key(keyOf(t, "Accept into gold"))
	headline("adjudicate-3-accepted", "1 disagreement left")
	key(keyOf(t, "Next disagreement"))
	key(keyOf(t, "Reject claim"))
	headline("adjudicate-4-rejected", "no disagreements left")
	click("Accept all agreed")
	headline("adjudicate-5-all-agreed", "no disagreements left")
	x.screenshot(shots, "adjudicate-6-done")
	x.quit(win)
	waitExit(t, app)

	exported := cli(t, bin, db, "export", "--format", "csv", "--annotator", "gold")
	for _, want := range []string{"Lavrov", "Peskov denied the report"} {
		if !strings.Contains(exported, want) {
			t.Errorf("the exported gold lacks %q:\n%s", want, exported)
		}
	}
	if strings.Contains(exported, "praised") || strings.Count(exported, "\n") != 3 {
		t.Errorf("the exported gold holds other claims than the two accepted (header and two rows):\n%s", exported)
	}
}

// keyOf is a table command's keys in xdotool's spelling.
func keyOf(t *testing.T, title string) string {
	t.Helper()
	for _, c := range window.KeyCommands() {
		if c.Title == title && c.Keys != "" {
			return c.Keys
		}
	}
	t.Fatalf("%q has no keys in the table", title)
	return ""
}

// menuItems works out where each command's menu item is, as findMenus
// does for the journey: the x of its menu's title, the y of its row.
func menuItems(t *testing.T, shot image.Image) map[string]image.Point {
	t.Helper()
	titles := menuTitles(shot)
	at := map[string]image.Point{}
	menus, row := map[string]int{}, map[string]int{}
	for _, c := range window.KeyCommands() {
		if _, seen := menus[c.Menu]; !seen {
			menus[c.Menu] = len(menus)
		}
		if menus[c.Menu] >= len(titles) {
			t.Fatalf("found %d menu titles, the table has more menus", len(titles))
		}
		at[c.Title] = image.Pt(titles[menus[c.Menu]], menuFirstItemY+row[c.Menu]*menuItemStep)
		row[c.Menu]++
	}
	return at
}

// The journey's steps of adjudication, on the second article, where Ana
// and bob both have claims after the team folder's steps.

// adjudicate joins the team folder again as its adjudicator (the join
// dialog's I adjudicate, ticked with the keyboard: a member who does not
// adjudicate is refused), then opens Team > Adjudicate… from the menu bar:
// the articles' column becomes the adjudication panel, and the text shows
// gold.
func (j *journey) adjudicate() {
	j.calm()
	before := j.shot("before")
	j.invoke("Join team folder…")
	j.dialogOpened("the join dialog", before)
	j.key("Tab", "Tab", "space") // from the folder, past the name, to I adjudicate
	time.Sleep(pause)
	j.shot("ticked")
	j.key("shift+Tab", "Return")
	if !j.closed(before, "joined") {
		j.errorf("Enter did not join again and close the dialog")
	}
	j.later(func(*storeState) {
		if status := cli(j.t, j.bin, j.db, "team", "status"); !strings.Contains(status, "you adjudicate") {
			j.errorf("joining with I adjudicate ticked did not make Ana the adjudicator:\n%s", status)
		}
	})
	j.calm()
	before = j.shot("before-adjudicate")
	j.invoke("Adjudicate…")
	j.park()
	time.Sleep(pause)
	after := j.shot("panel")
	if n := differing(before, after, articleList); n < 5000 {
		j.errorf("the adjudication panel did not take the articles' place (%d pixels changed)", n)
	}
	if read := readText(j.t, after, image.Rect(0, 60, 440, 120)); !strings.Contains(read, "disagreement") {
		j.errorf("the panel's headline reads %q, want the disagreements left", read)
	}
}

// adjudicationKey presses a table command's keys and checks that the
// panel or the text changed.
func (j *journey) adjudicationKey(title string) image.Image {
	before := j.shot("before")
	j.invoke(title)
	j.park()
	time.Sleep(pause)
	after := j.shot("after")
	if n := differing(before, after, image.Rect(0, 60, 1280, 750)); n < 200 {
		j.errorf("%s changed nothing on screen (%d pixels)", title, n)
	}
	return after
}

func (j *journey) nextDisagreement() { j.adjudicationKey("Next disagreement") }

func (j *journey) previousDisagreement() { j.adjudicationKey("Previous disagreement") }

// acceptIntoGold accepts the chosen disagreement: gold holds a claim of
// the second article once the app has quit.
func (j *journey) acceptIntoGold() {
	j.adjudicationKey("Accept into gold")
	j.later(func(s *storeState) {
		a, _ := s.article(secondTitle)
		for _, c := range a.Meta.Claims {
			if c.Annotator == "gold" {
				return
			}
		}
		j.errorf("Accept into gold stored no gold claim on the second article: %+v", a.Meta.Claims)
	})
}

func (j *journey) rejectClaim() { j.adjudicationKey("Reject claim") }

// acceptAllAgreed clicks Team > Accept all agreed: the footer tells how
// many claims gold took. Then the panel's Done gives the column back to
// the articles, for the steps after.
func (j *journey) acceptAllAgreed() {
	before := j.shot("before")
	j.invoke("Accept all agreed")
	j.park()
	time.Sleep(pause)
	after := j.shot("after")
	if n := differing(before, after, footerArea); n < 100 {
		j.errorf("Accept all agreed told nothing in the footer (%d pixels changed)", n)
	}
	j.click(adjudicationDone.X, adjudicationDone.Y)
	j.park()
	time.Sleep(pause)
	if n := differing(after, j.shot("done"), articleList); n < 5000 {
		j.errorf("the panel's Done did not give the column back to the articles (%d pixels changed)", n)
	}
}

// adjudicationDone is the panel's Done button at 1,280×800, where the
// panel is 380 pixels wide (measured from screenshots).
var adjudicationDone = image.Pt(343, 49)
