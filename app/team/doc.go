// Package team is several analysts labelling the same articles: their
// layers exchanged through a shared folder (sync.go, folder.go, layerfile.go,
// git.go) with no server of Claimdesk's own, and what is measured and built
// from those layers. It knows nothing of Fyne: the window calls it from a
// background goroutine, as the command line calls it directly.
package team
