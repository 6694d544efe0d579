package team

import (
	"maps"
	"slices"
	"time"

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
	return progressOf(snap, func(name string, id uint64) []storage.ClaimTally {
		counts := map[[2]string]int{}
		for _, c := range snap.Claims(name, id) {
			counts[[2]string{c.Label, c.Created.UTC().Format(time.DateOnly)}]++
		}
		tallies := make([]storage.ClaimTally, 0, len(counts))
		for k, n := range counts {
			tallies = append(tallies, storage.ClaimTally{Annotator: name, Label: k[0], Day: k[1], Claims: n})
		}
		return tallies
	})
}

// LoadProgress is ProgressOf of the store, counted from the articles'
// summaries (storage.Overview) without reading a single claim: what
// `claimdesk stats` prints within milliseconds of a million claims.
func LoadProgress(store *storage.Store) (Progress, error) {
	ov, err := store.Overview()
	if err != nil {
		return Progress{}, err
	}
	return ProgressOfOverview(ov), nil
}

// ProgressOfOverview is LoadProgress of a store whose Overview is read.
func ProgressOfOverview(ov storage.Overview) Progress {
	s := newSnapshot(ov.Summaries)
	// progressOf asks the snapshot's layers only who has claims at all:
	// they are named and hold nothing, the tallies say where. The maps are
	// sized for every article at once (growing them was a third of
	// `stats` at 10,000 articles).
	tallies := map[string]map[uint64][]storage.ClaimTally{}
	for id, ts := range ov.Tallies {
		if _, ok := s.articles[id]; !ok {
			continue
		}
		for _, t := range ts {
			byArticle := tallies[t.Annotator]
			if byArticle == nil {
				byArticle = make(map[uint64][]storage.ClaimTally, len(ov.Tallies))
				tallies[t.Annotator] = byArticle
				s.layers[t.Annotator] = nil
			}
			byArticle[id] = append(byArticle[id], t)
		}
	}
	s.setStatuses(ov.Statuses)
	return progressOf(s, func(name string, id uint64) []storage.ClaimTally { return tallies[name][id] })
}

// progressOf is ProgressOf with each annotator's claims in an article
// given as counts by label and day, however they were counted.
func progressOf(snap *Snapshot, tallies func(name string, articleID uint64) []storage.ClaimTally) Progress {
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
			ts := tallies(name, id)
			if len(ts) == 0 && !markedDone(a, name) {
				continue
			}
			ap.Articles++
			if statusFor(a, name) == storage.StatusDone {
				ap.Done++
			} else {
				ap.InProgress++
			}
			for _, t := range ts {
				ap.Claims += t.Claims
				ap.ClaimsByLabel[t.Label] += t.Claims
				ap.ClaimsByDay[t.Day] += t.Claims
				labels[t.Label], days[t.Day] = true, true
			}
		}
		p.Annotators = append(p.Annotators, ap)
	}
	p.Labels = slices.Sorted(maps.Keys(labels))
	p.Days = slices.Sorted(maps.Keys(days))
	return p
}
