package team

import (
	"maps"
	"slices"

	"claimdesk/storage"
)

// AnnotatorProgress is where one annotator stands.
type AnnotatorProgress struct {
	Annotator string `json:"annotator"`
	// Articles they worked on: a claim there, or marked done.
	Articles   int `json:"articles"`
	Done       int `json:"done"`
	InProgress int `json:"in_progress"`
	Claims     int `json:"claims"`
	// ClaimsByLabel and ClaimsByDay (YYYY-MM-DD, UTC, of when each claim
	// was made) count their claims.
	ClaimsByLabel map[string]int `json:"claims_by_label"`
	ClaimsByDay   map[string]int `json:"claims_by_day"`
}

// Progress is every annotator's progress, gold included (its claims are
// adjudicated work), by name; Labels and Days are the labels and days that
// occur, sorted, as the columns of a table or a chart.
type Progress struct {
	Annotators []AnnotatorProgress `json:"annotators"`
	Labels     []string            `json:"labels"`
	Days       []string            `json:"days"`
}

// ProgressOf counts each annotator's articles done and in progress and
// their claims per label and per day. An article an annotator worked on
// counts as done when they marked it done, else as in progress.
func ProgressOf(snap *Snapshot) Progress {
	var p Progress
	labels, days := map[string]bool{}, map[string]bool{}
	names := snap.Annotators()
	if _, ok := snap.layers[Gold]; ok {
		names = append(names, Gold)
	}
	for _, name := range names {
		ap := AnnotatorProgress{Annotator: name, ClaimsByLabel: map[string]int{}, ClaimsByDay: map[string]int{}}
		for _, id := range snap.ids {
			a := snap.articles[id]
			if !snap.takesPart(name, a) {
				continue
			}
			ap.Articles++
			if statusFor(a, name) == storage.StatusDone {
				ap.Done++
			} else {
				ap.InProgress++
			}
			for _, c := range snap.Claims(name, id) {
				day := c.Created.UTC().Format("2006-01-02")
				ap.Claims++
				ap.ClaimsByLabel[c.Label]++
				ap.ClaimsByDay[day]++
				labels[c.Label], days[day] = true, true
			}
		}
		p.Annotators = append(p.Annotators, ap)
	}
	p.Labels = slices.Sorted(maps.Keys(labels))
	p.Days = slices.Sorted(maps.Keys(days))
	return p
}
