// Package team is several analysts labelling the same articles: their
// layers exchanged through a shared folder (sync.go, folder.go, layerfile.go,
// git.go) with no server of Claimdesk's own; their agreement by the
// definitions in README (agreement.go), read from one Snapshot of the store;
// the adjudicated gold layer (adjudicate.go); and where each annotator
// stands (progress.go). It knows nothing of Fyne: the window calls it from a
// background goroutine, as the command line calls it directly.
package team
