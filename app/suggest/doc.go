// Package suggest is Claimdesk's offline assistant: it proposes the claims
// an article most likely holds (quoted and reported statements with their
// speaker and target), suggests the label of any selection, proposes a
// labelled quote again wherever it was syndicated, and measures how far
// these suggestions can be trusted. Everything is learned from the store's
// own claims, in the process, with nothing downloaded; before there are
// enough claims a cue lexicon (cues_en.json) gives the prior.
//
// It knows nothing of Fyne. The window holds an Engine: Candidates runs in
// a goroutine with a context it cancels when the article changes, Suggest
// answers a selection at once, and the Engine retrains in the background
// after every stored change and swaps the new model in atomically.
//
// Offsets follow the product's contract: code points into the article's
// text, end exclusive.
package suggest
