package annotate

import (
	"fmt"
	"strings"

	"claimdesk/storage"
)

// Editor applies the analyst's changes to the store and remembers them for
// undo. It is used from the UI goroutine only.
type Editor struct {
	store     *storage.Store
	history   history
	Annotator string
	// typing is the claim whose details are being typed: each keystroke is
	// stored at once, so a crash loses nothing, and all of them amend one
	// undo step, the one at depth typingAt, until EndTyping.
	typing   uint64
	typingAt int
}

// HistoryLimit bounds how many changes can be undone.
const HistoryLimit = 1000

// NewEditor edits claims in store.
func NewEditor(store *storage.Store) *Editor {
	return &Editor{store: store, history: history{limit: HistoryLimit}}
}

// Create stores a new claim over [start, end) of the article with label.
func (e *Editor) Create(articleID uint64, start, end int, label string) (storage.Claim, error) {
	return e.CreateAs(articleID, start, end, label, strings.TrimSpace(e.Annotator))
}

// CreateAs is Create for another annotator's layer: gold, while it is
// adjudicated.
func (e *Editor) CreateAs(articleID uint64, start, end int, label, annotator string) (storage.Claim, error) {
	return e.add(storage.Claim{
		ArticleID: articleID, Start: start, End: end, Label: label,
		Annotator: annotator, Origin: storage.OriginManual,
	}, "label "+label)
}

// CreateCopy stores a copy of another layer's claim under annotator: span,
// label, speaker, target, note and origin as they are.
func (e *Editor) CreateCopy(c storage.Claim, annotator string) (storage.Claim, error) {
	c.ID, c.Annotator = 0, annotator
	return e.add(c, "copy claim to "+annotator)
}

// add stores a new claim as one undo step and moves its article to in
// progress for the annotator.
func (e *Editor) add(c storage.Claim, name string) (storage.Claim, error) {
	e.EndTyping()
	articleID := c.ArticleID
	a, err := e.store.AddClaim(c)
	if err != nil {
		return a, err
	}
	id := a.ID
	e.history.push(step{
		name: name,
		undo: func() error { _, err := e.store.DeleteClaim(id); return err },
		redo: func() error { _, err := e.store.RestoreClaim(a); return err },
	})
	if err := e.markInProgress(articleID); err != nil {
		return a, fmt.Errorf("the claim is stored, but the article's status could not be set: %w", err)
	}
	return a, nil
}

// Relabel gives a claim another label.
func (e *Editor) Relabel(id uint64, label string) (storage.Claim, error) {
	e.EndTyping()
	return e.change(id, "relabel as "+label, func(a *storage.Claim) { a.Label = label })
}

// SetDetails changes who said a claim, about whom, and the note. Called
// again for the same claim before EndTyping, it stores the new text and
// folds it into the same undo step, so one undo takes back a whole burst
// of typing.
func (e *Editor) SetDetails(id uint64, speaker, target, note string) (storage.Claim, error) {
	apply := func(a *storage.Claim) {
		a.Speaker, a.Target, a.Note = strings.TrimSpace(speaker), strings.TrimSpace(target), strings.TrimSpace(note)
	}
	if e.typing == id && e.typingAt == len(e.history.done) {
		return e.amend(id, apply)
	}
	e.EndTyping()
	depth := len(e.history.done)
	c, err := e.change(id, "edit claim", apply)
	if err == nil && len(e.history.done) > depth {
		e.typing, e.typingAt = id, len(e.history.done)
	}
	return c, err
}

// amend stores a further change of the claim being typed into and makes
// the open undo step redo to it; the step still undoes to where the typing
// began.
func (e *Editor) amend(id uint64, apply func(*storage.Claim)) (storage.Claim, error) {
	_, saved, changed, err := e.update(id, "edit claim", apply)
	if changed {
		e.history.amendTop(func() error { _, err := e.store.UpdateClaim(saved); return err })
	}
	return saved, err
}

// EndTyping closes the undo step of the claim being typed into: the next
// edit starts a step of its own.
func (e *Editor) EndTyping() { e.typing, e.typingAt = 0, 0 }

// Resize moves a claim to [start, end) of its article, its quote
// following; label, speaker, target and note stay.
func (e *Editor) Resize(id uint64, start, end int) (storage.Claim, error) {
	e.EndTyping()
	return e.change(id, "fit claim to selection", func(c *storage.Claim) {
		if c.Start != start || c.End != end {
			c.Start, c.End, c.Quote = start, end, ""
		}
	})
}

// Delete removes a claim.
func (e *Editor) Delete(id uint64) (storage.Claim, error) {
	e.EndTyping()
	old, err := e.store.DeleteClaim(id)
	if err != nil {
		return old, err
	}
	e.history.push(step{
		name: "delete claim",
		undo: func() error { _, err := e.store.RestoreClaim(old); return err },
		redo: func() error { _, err := e.store.DeleteClaim(id); return err },
	})
	return old, nil
}

// Undo reverts the last change and returns its name ("" when none).
func (e *Editor) Undo() (string, error) {
	e.EndTyping()
	return e.history.undo()
}

// Redo applies the last undone change again.
func (e *Editor) Redo() (string, error) {
	e.EndTyping()
	return e.history.redo()
}

// CanUndo and CanRedo tell the menus what to enable.
func (e *Editor) CanUndo() bool { return e.history.canUndo() }

// CanRedo reports whether there is an undone change to apply again.
func (e *Editor) CanRedo() bool { return e.history.canRedo() }

func (e *Editor) change(id uint64, name string, apply func(*storage.Claim)) (storage.Claim, error) {
	before, saved, changed, err := e.update(id, name, apply)
	if changed {
		e.history.push(step{
			name: name,
			undo: func() error { _, err := e.store.UpdateClaim(before); return err },
			redo: func() error { _, err := e.store.UpdateClaim(saved); return err },
		})
	}
	return saved, err
}

// update applies a change to claim id in the store; changed is false when
// the change alters nothing (nothing is written then) or is refused.
func (e *Editor) update(id uint64, name string, apply func(*storage.Claim)) (before, saved storage.Claim, changed bool, err error) {
	before, err = e.store.Claim(id)
	if err != nil {
		return before, before, false, err
	}
	after := before
	apply(&after)
	if after == before {
		return before, before, false, nil
	}
	saved, err = e.store.UpdateClaim(after)
	if err != nil {
		return before, before, false, fmt.Errorf("%s: %w", name, err)
	}
	return before, saved, true, nil
}

// markInProgress moves a new article to "in progress" for the annotator
// once they make their first claim on it; an article marked done stays
// done. Neither step reads or writes the article's text.
func (e *Editor) markInProgress(articleID uint64) error {
	status, err := e.store.AnnotatorStatusOf(articleID, e.Annotator)
	if err != nil || status != storage.StatusNew {
		return err
	}
	return e.store.SetAnnotatorStatus(articleID, e.Annotator, storage.StatusInProgress)
}

// CreateSuggested stores the claims the analyst accepted from the
// suggestions, all in one transaction and one undo step, with origin
// suggested and the editor's annotator.
func (e *Editor) CreateSuggested(articleID uint64, claims []storage.Claim) ([]storage.Claim, error) {
	e.EndTyping()
	for i := range claims {
		claims[i].ArticleID = articleID
		claims[i].Annotator = strings.TrimSpace(e.Annotator)
		claims[i].Origin = storage.OriginSuggested
	}
	name := "accept suggestion"
	if len(claims) > 1 {
		name = fmt.Sprintf("accept %d suggestions", len(claims))
	}
	stored, err := e.AddAll(name, claims)
	if err != nil {
		return nil, err
	}
	if err := e.markInProgress(articleID); err != nil {
		return stored, fmt.Errorf("the claims are stored, but the article's status could not be set: %w", err)
	}
	return stored, nil
}

// AddAll stores claims as they are, all in one transaction and one undo
// step called name.
func (e *Editor) AddAll(name string, claims []storage.Claim) ([]storage.Claim, error) {
	e.EndTyping()
	stored, err := e.store.AddClaims(claims)
	if err != nil {
		return nil, err
	}
	e.history.push(step{
		name: name,
		undo: func() error {
			for i := len(stored) - 1; i >= 0; i-- {
				if _, err := e.store.DeleteClaim(stored[i].ID); err != nil {
					return err
				}
			}
			return nil
		},
		redo: func() error {
			for _, c := range stored {
				if _, err := e.store.RestoreClaim(c); err != nil {
					return err
				}
			}
			return nil
		},
	})
	return stored, nil
}

// Remember records a change made outside the store (a rejected
// suggestion) as an undo step of its own.
func (e *Editor) Remember(name string, undo, redo func() error) {
	e.EndTyping()
	e.history.push(step{name: name, undo: undo, redo: redo})
}
