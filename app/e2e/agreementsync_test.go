package e2e

import (
	"encoding/json"
	"image"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestAgreementFollowsATeamSync: with Team > Agreement… open, the sync set
// off by the analyst's own change (Ctrl+D, a few seconds before) brings a
// teammate's new claim, and the dialog measures again on its own: the mean
// exact F1 it shows goes from 0.667 (bob made one of ana's two claims) to
// 1.000 (both), what `claimdesk agree --json` says after.
func TestAgreementFollowsATeamSync(t *testing.T) {
	bin, work, shots, db := setUp(t)
	denial, accusation := [2]string{"Peskov denied the report", "denial"}, [2]string{"Lavrov", "accusation"}
	layer := func(who string, claims ...[2]string) string {
		path := filepath.Join(work, who+".jsonl")
		writeFile(t, path, adjudicationLayer(t, who, claims...)+"\n")
		return path
	}
	dir, bobDB := filepath.Join(work, "team"), filepath.Join(work, "bob.db")
	cli(t, bin, bobDB, "import", layer("bob", denial))
	cli(t, bin, bobDB, "team", "join", "--as", "bob", dir)
	cli(t, bin, bobDB, "team", "sync")
	cli(t, bin, db, "import", layer("ana", denial, accusation))
	cli(t, bin, db, "team", "join", "--as", "ana", dir)

	x := startXvfb(t)
	app := startApp(t, bin, db, homeDir(t, work, "ana"), x)
	win := x.window("Claimdesk")
	waitTitle(t, x, win, adjudicationTitle)
	x.xdotool("windowfocus", "--sync", win)
	// The sync at start brings bob's first claim: the claims panel counts 3.
	if !waitFor(func() bool { return strings.Contains(readText(t, x.grab(), claimsHeader), "3") }) {
		x.screenshot(shots, "agreement-sync-0-no-sync")
		t.Fatal("the sync at start did not bring bob's claim")
	}

	// Bob's second claim reaches the folder; ana's own change (done)
	// syncs a few seconds later, with the dialog open by then.
	cli(t, bin, bobDB, "import", layer("bob", denial, accusation))
	cli(t, bin, bobDB, "team", "sync")
	x.xdotool("key", "--window", win, "ctrl+d")
	shot := x.screenshot(shots, "agreement-sync-1-done")
	menu := menuItems(t, shot)
	at := menu["Agreement…"]
	x.xdotool("mousemove", "--window", win, itoa(at.X), itoa(menuBarY), "click", "1")
	time.Sleep(400 * time.Millisecond)
	x.xdotool("mousemove", "--window", win, itoa(at.X+40), itoa(at.Y), "click", "1")

	meanExact := func() string {
		shot := x.grab()
		if found := scoreText.FindAllString(readText(t, shot, agreementMeanLine), -1); len(found) > 0 {
			return found[0]
		}
		return ""
	}
	var first string
	if !waitFor(func() bool { first = meanExact(); return first != "" }) {
		x.screenshot(shots, "agreement-sync-2-no-report")
		t.Fatal("the agreement dialog never showed its report")
	}
	if first != "0.667" {
		t.Errorf("before the sync the dialog shows a mean exact F1 of %s, want 0.667 (the sync came first?)", first)
	}
	var then string
	if !waitFor(func() bool { then = meanExact(); return then == "1.000" }) {
		x.screenshot(shots, "agreement-sync-3-not-again")
		t.Fatalf("the dialog still shows a mean exact F1 of %s after the sync brought bob's second claim, want 1.000", then)
	}
	x.screenshot(shots, "agreement-sync-3-again")
	x.xdotool("key", "--window", win, "Escape")
	x.quit(win)
	waitExit(t, app)
	var r struct {
		Mean map[string]*float64 `json:"mean"`
	}
	if err := json.Unmarshal([]byte(cli(t, bin, db, "agree", "--json")), &r); err != nil || r.Mean["exact_f1"] == nil || *r.Mean["exact_f1"] != 1 {
		t.Errorf("agree --json after the sync: %v %v", err, r.Mean)
	}
}

// claimsHeader is the claims panel's title at 1280×800, "Claims · N".
var claimsHeader = image.Rect(976, 36, 1130, 62)
