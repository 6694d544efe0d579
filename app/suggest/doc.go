// Package suggest is Claimdesk's offline assistant: it proposes the claims
// an article most likely holds (quoted and reported statements with their
// speaker and target), suggests the label of any selection, proposes a
// labelled quote again wherever it was syndicated, and measures how far
// these suggestions can be trusted. Everything is learned from the store's
// own claims, in the process, with nothing downloaded; before there are
// enough claims a cue lexicon (cues_en.json) gives the prior.
//
// It knows nothing of Fyne. How the window uses it:
//
//   - At start: rejected := NewRejectedSpans() filled from the window's own
//     state (json.Unmarshal of what it saved; RejectedSpans marshals to a
//     JSON list), engine := NewEngine(store, rejected, English),
//     store.OnChange(engine.Observe), engine.OnModel(fn) where fn asks, via
//     fyne.Do, for the open article's candidates again, and go engine.Run(ctx)
//     (reads every claim, trains, then reads and trains again after each
//     batch of changes and swaps the model in atomically; reads never wait
//     for it).
//   - Opening an article: cancel the previous search's context, then in a
//     goroutine engine.Candidates(ctx, id, text, claims) and hand the result
//     to the view with fyne.Do (dashed outlines; Tab / Shift+Tab walk them).
//   - Enter on a candidate: store.AddClaim with its Start, End, Label,
//     Speaker and Target and Origin storage.OriginSuggested (through the
//     session, so it is one undo step); a label hotkey does the same with
//     that label. Backspace: rejected.Reject(id, start, end), save the
//     memory, drop the outline; undo calls Forget. "Accept all above S":
//     Above(cands, S), all added in one AddClaims through the session.
//   - A selection: engine.Suggest(text, start, end)[0] is the label to mark
//     in the label bar (Enter accepts it); it costs well under a frame.
//   - Help > How good are the suggestions?: Evaluate(ctx, LoadCorpus(store),
//     5, English) in a goroutine, then Report.WriteText into the dialog.
//   - Deleting an article: rejected.ForgetArticle(id).
//
// Offsets follow the product's contract: code points into the article's
// text, end exclusive.
package suggest
