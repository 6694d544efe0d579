package e2e

import (
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Parts of the Agreement and Progress dialogs at 1280×800, measured from
// screenshots: the two lines of the agreement's summary, its first article
// row, the Layer select of the main window, and the progress dialog's
// summary line and three charts.
var (
	agreementMeanLine  = image.Rect(165, 231, 1120, 252)
	agreementMultiLine = image.Rect(165, 252, 1120, 274)
	firstArticleRow    = image.Pt(300, 562)
	layerSelect        = image.Rect(1030, 72, 1275, 104)
	firstLayerChoice   = image.Pt(1150, 126) // Mine, in the Layer select's open list
	progressSummary    = image.Rect(165, 150, 1120, 178)
	articlesChart      = image.Rect(174, 185, 634, 370)
	labelsChart        = image.Rect(646, 185, 1106, 370)
	daysChart          = image.Rect(174, 413, 1105, 598)
)

// firstAnnotatorColour is the line of the first annotator on the per-day
// chart (Okabe–Ito orange).
var firstAnnotatorColour = color.RGBA{0xE6, 0x9F, 0x00, 0xff}

var scoreText = regexp.MustCompile(`-?\d\.\d{3}`)

// agreementNumbers waits for the dialog to show its report and reads the
// mean of the pairs (exact F1, overlap F1, kappa) and the multi-annotator
// coefficients (α, Fleiss' κ) off the screen.
func (j *journey) agreementNumbers() (mean, multi []string) {
	j.t.Helper()
	var line string
	var shot image.Image
	if !waitFor(func() bool {
		shot = j.shot("report")
		line = readText(j.t, shot, agreementMeanLine)
		return strings.Contains(line, "exact F1")
	}) {
		j.errorf("the agreement dialog never showed its report: its summary reads %q", line)
		return nil, nil
	}
	return scoreText.FindAllString(line, -1), scoreText.FindAllString(readText(j.t, shot, agreementMultiLine), -1)
}

// agreement opens Team > Agreement… from the seed article with bob's
// layer synced in: the mean and coefficients it shows are those `claimdesk
// agree --json` prints; Esc closes it; clicking the one shared article
// opens it with every layer shown.
func (j *journey) agreement() {
	j.calm()
	// Mine first, so that the dialog must switch the layer to Everyone.
	j.click(layerSelect.Min.X+120, layerSelect.Min.Y+16)
	time.Sleep(pause)
	j.shot("layers")
	j.click(firstLayerChoice.X, firstLayerChoice.Y)
	j.park()
	time.Sleep(pause)
	if read := readText(j.t, j.shot("mine"), layerSelect); !strings.Contains(read, "Mine") {
		j.errorf("the Layer select shows %q after choosing Mine", read)
	}
	j.invoke("Previous article")
	waitTitle(j.t, j.x, j.win, seedTitle)
	j.park()
	time.Sleep(pause)
	before := j.shot("before")
	j.invoke("Agreement…")
	j.dialogOpened("the agreement dialog", before)
	mean, multi := j.agreementNumbers()
	if j.escapes("the agreement dialog", before) {
		j.invoke("Agreement…")
		j.agreementNumbers()
	}
	j.click(firstArticleRow.X, firstArticleRow.Y)
	waitTitle(j.t, j.x, j.win, secondTitle)
	j.park()
	time.Sleep(pause)
	if read := readText(j.t, j.shot("opened"), layerSelect); !strings.Contains(read, "Everyone") {
		j.errorf("the article opened from the agreement dialog shows the layer %q, want Everyone", read)
	}
	j.later(func(*storeState) {
		var r struct {
			Mean   map[string]*float64      `json:"mean"`
			Alpha  struct{ Value *float64 } `json:"krippendorff_alpha"`
			Fleiss struct{ Value *float64 } `json:"fleiss_kappa"`
		}
		out := cli(j.t, j.bin, j.db, "agree", "--json")
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			j.t.Fatalf("agree --json: %v\n%s", err, out)
		}
		three := func(v *float64) string {
			if v == nil {
				return "null"
			}
			return strconv.FormatFloat(*v, 'f', 3, 64)
		}
		wantMean := []string{three(r.Mean["exact_f1"]), three(r.Mean["overlap_f1"]), three(r.Mean["kappa"])}
		wantMulti := []string{three(r.Alpha.Value), three(r.Fleiss.Value)}
		if fmt.Sprint(mean) != fmt.Sprint(wantMean) || fmt.Sprint(multi) != fmt.Sprint(wantMulti) {
			j.errorf("the dialog showed mean %v and α, Fleiss' κ %v; agree --json says %v and %v:\n%s", mean, multi, wantMean, wantMulti, out)
		}
	})
}

// progress opens Team > Progress…: the charts are drawn (the articles in
// status colours, the claims in the labels' colours, the first
// annotator's line), the summary counts what `claimdesk stats` counts, and
// Esc closes it.
func (j *journey) progress() {
	j.calm()
	before := j.shot("before")
	j.invoke("Progress…")
	j.dialogOpened("the progress dialog", before)
	var shot image.Image
	if !waitFor(func() bool {
		shot = j.shot("charts")
		return hued(shot, labelsChart, j.denialColour()) > 300
	}) {
		j.errorf("the claims-per-label chart shows no bar in denial's colour %s", j.denialColour())
	}
	if n := differing(before, shot, articlesChart); n < 5000 {
		j.errorf("the articles chart is not drawn (%d pixels changed)", n)
	}
	if !hasColour(shot, daysChart, firstAnnotatorColour) {
		j.errorf("the claims-per-day chart has no line of the first annotator's colour")
	}
	summary := readText(j.t, shot, progressSummary)
	j.escapes("the progress dialog", before)
	j.later(func(*storeState) {
		var st struct {
			ByAnnotator struct {
				Annotators []struct{ Claims int } `json:"annotators"`
			} `json:"by_annotator"`
		}
		out := cli(j.t, j.bin, j.db, "stats", "--json")
		if err := json.Unmarshal([]byte(out), &st); err != nil {
			j.t.Fatalf("stats --json: %v\n%s", err, out)
		}
		claims := 0
		for _, a := range st.ByAnnotator.Annotators {
			claims += a.Claims
		}
		want := fmt.Sprintf("%d annotators %d claims", len(st.ByAnnotator.Annotators), claims)
		if !strings.HasPrefix(summary, want) {
			j.errorf("the progress dialog says %q, claimdesk stats counts %q", summary, want)
		}
	})
}
