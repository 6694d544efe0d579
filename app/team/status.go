package team

import (
	"context"
	"os"
	"slices"
	"strings"
	"time"

	"claimdesk/storage"
)

// TeamStatus is where a store stands in its team: the folder, when it last
// synced, and every annotator's layer as the folder and the store hold it.
type TeamStatus struct {
	Folder     string            `json:"folder"`
	Annotator  string            `json:"annotator"`
	Git        bool              `json:"git"`
	Joined     time.Time         `json:"joined"`
	LastSync   time.Time         `json:"last_sync,omitzero"`
	Annotators []AnnotatorStatus `json:"annotators"`
	// Adjudicator: this member writes the gold layer.
	Adjudicator bool `json:"adjudicator"`
	// Conflicts are the conflict copies of layer files in the folder
	// (Syncthing's claims/NAME.sync-conflict-….jsonl): never read, listed
	// until someone compares and deletes them.
	Conflicts []string `json:"conflicts"`
}

// AnnotatorStatus is one annotator's layer: in the folder (articles they
// labelled or marked done, claims) and in this store.
type AnnotatorStatus struct {
	Name string `json:"name"`
	// You: a layer this store writes (its own, and gold where it
	// adjudicates).
	You bool `json:"you"`
	// InFolder: the folder holds a readable layer file; the counts below
	// are of it.
	InFolder bool `json:"in_folder"`
	Articles int  `json:"articles"`
	Done     int  `json:"articles_done"`
	Claims   int  `json:"claims"`
	// ClaimsHere counts the claims the store holds under the name.
	ClaimsHere int `json:"claims_here"`
	// Problem is why the folder's file cannot be read (file:line).
	Problem string `json:"problem,omitempty"`
}

// Status reads the team folder's layers and the store's, without writing.
func Status(ctx context.Context, store *storage.Store) (TeamStatus, error) {
	m, ok, err := store.TeamMembership()
	if err != nil {
		return TeamStatus{}, err
	}
	if !ok {
		return TeamStatus{}, ErrNotJoined
	}
	st := TeamStatus{Folder: m.Folder, Annotator: m.Annotator, Joined: m.Joined, LastSync: m.LastSync, Adjudicator: m.Adjudicator, Conflicts: []string{}}
	if _, err := os.Stat(m.Folder); err == nil {
		repo, err := openGit(ctx, m.Folder, m.Annotator)
		if err != nil {
			return st, err
		}
		st.Git = repo != nil
	}
	stats, err := store.Stats()
	if err != nil {
		return st, err
	}
	f := newFolder(m.Folder, m.Annotator)
	names, conflicts, err := f.layerFiles()
	if err != nil {
		return st, err
	}
	st.Conflicts = append(st.Conflicts, conflicts...)
	byName := map[string]*AnnotatorStatus{}
	add := func(name string) *AnnotatorStatus {
		if a, ok := byName[name]; ok {
			return a
		}
		a := &AnnotatorStatus{Name: name, You: name == m.Annotator || (m.Adjudicator && name == Gold), ClaimsHere: stats.Annotators[name]}
		byName[name] = a
		return a
	}
	add(m.Annotator)
	for _, name := range names {
		a := add(name)
		layer, _, err := f.readLayer(name)
		if err == nil && !byName[name].You {
			_, _, err = checkLayer(ctx, store, f, layer)
		}
		if err != nil {
			a.Problem = err.Error()
			continue
		}
		a.InFolder = true
		for _, art := range layer.Articles {
			if len(art.Claims) > 0 {
				a.Articles++
			}
			if art.Status == storage.StatusDone {
				a.Done++
			}
			a.Claims += len(art.Claims)
		}
	}
	for name := range stats.Annotators {
		if name != "" {
			add(name)
		}
	}
	for _, a := range byName {
		st.Annotators = append(st.Annotators, *a)
	}
	slices.SortFunc(st.Annotators, func(a, b AnnotatorStatus) int { return strings.Compare(a.Name, b.Name) })
	return st, nil
}
