package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
)

// The team folder the journey joins, and bob, a teammate whose store of
// his own syncs through it: his layer holds claims on the second article.
func (j *journey) teamDir() string { return filepath.Join(filepath.Dir(j.db), "team") }

func (j *journey) bobDB() string { return filepath.Join(filepath.Dir(j.db), "bob.db") }

// bobLabels stores a claim of bob's over each span of the second article's
// text (code points), labelled denial, and syncs his layer to the folder.
func (j *journey) bobLabels(spans ...[2]int) {
	j.t.Helper()
	text := secondTitle + "\n\nOfficials denied that anything happened at the border.\n"
	var labels [][]any
	for _, s := range spans {
		labels = append(labels, []any{s[0], s[1], "denial"})
	}
	line, err := json.Marshal(map[string]any{"text": text, "label": labels, "annotator": "bob"})
	if err != nil {
		j.t.Fatal(err)
	}
	path := filepath.Join(filepath.Dir(j.db), "bob.jsonl")
	writeFile(j.t, path, string(line)+"\n")
	cli(j.t, j.bin, j.bobDB(), "import", path)
	cli(j.t, j.bin, j.bobDB(), "team", "sync")
}

// bobsClaims counts bob's claims on the second article in the store.
func (j *journey) bobsClaims(s *storeState) int {
	a, _ := s.article(secondTitle)
	n := 0
	for _, c := range a.Meta.Claims {
		if c.Annotator == "bob" {
			n++
		}
	}
	return n
}

func (j *journey) denialColour() string {
	for _, l := range j.labels {
		if l.name == "denial" {
			return l.colour
		}
	}
	j.t.Fatalf("the journey's store has no denial label: %v", j.labels)
	return ""
}

// joinTeamFolder joins the folder bob syncs to, through the dialog (Esc
// cancels it first): joining syncs, so Ana's layer lands in the folder and
// bob's claim shows on the second article.
func (j *journey) joinTeamFolder() {
	cli(j.t, j.bin, j.bobDB(), "team", "join", "--as", "bob", j.teamDir())
	j.bobLabels([2]int{16, 25}) // "Officials"
	j.calm()
	before := j.shot("before")
	j.invoke("Join team folder…")
	j.dialogOpened("the join dialog", before)
	if j.escapes("the join dialog", before) {
		j.invoke("Join team folder…")
	}
	j.typeText(j.teamDir())
	j.key("Return") // the name is the annotator's, Ana, already
	if !j.closed(before, "joined") {
		j.errorf("Enter did not join and close the dialog")
	}
	if !waitFor(func() bool { _, err := os.Stat(filepath.Join(j.teamDir(), "claims", "Ana.jsonl")); return err == nil }) {
		j.t.Fatalf("%s: no claims/Ana.jsonl in the team folder after joining", j.step)
	}
	j.key(j.keys["Next article"])
	waitTitle(j.t, j.x, j.win, secondTitle)
	j.park()
	if !waitFor(func() bool { return hued(j.shot("bobs-claim"), textArea, j.denialColour()) > 100 }) {
		j.errorf("bob's claim does not show on the second article after joining")
	}
	j.later(func(*storeState) {
		if status := cli(j.t, j.bin, j.db, "team", "status"); !strings.Contains(status, j.teamDir()) || !strings.Contains(status, "Ana") {
			j.errorf("the store is not joined as Ana to %s:\n%s", j.teamDir(), status)
		}
	})
}

// syncNow brings bob's next claim in: more of the article turns his
// label's colour, and the footer says what came.
func (j *journey) syncNow() {
	j.bobLabels([2]int{16, 25}, [2]int{0, 6}) // and "Second"
	before := j.shot("before")
	had := hued(before, textArea, j.denialColour())
	j.invoke("Sync now")
	j.park()
	if !waitFor(func() bool { return hued(j.shot("synced"), textArea, j.denialColour()) > had+50 }) {
		j.errorf("bob's second claim did not show after Sync now")
	}
	if n := differing(before, j.shot("footer"), footerArea); n < 100 {
		j.errorf("the footer did not tell of the sync (%d pixels changed)", n)
	}
	j.later(func(s *storeState) {
		if n := j.bobsClaims(s); n != 2 {
			j.errorf("%d claims of bob on the second article after Sync now, want 2", n)
		}
	})
}
