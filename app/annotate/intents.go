package annotate

import (
	"errors"
	"strings"
	"unicode"

	"claimdesk/storage"
)

// Open shows the article with id. A failure leaves the open article open.
func (s *Session) Open(id uint64) error {
	defer s.begin()()
	if id == s.article.ID && id != 0 {
		return nil
	}
	s.endTyping()
	a, err := s.store.Article(id)
	if err != nil {
		return err
	}
	claims, err := s.store.Claims(id)
	if err != nil {
		return err
	}
	s.article, s.all = a, claims
	s.selected, s.text, s.fitting, s.suggested = 0, span{}, 0, ""
	s.candidates, s.current = nil, -1
	s.showLayer()
	s.followAdjudication()
	s.changed |= ArticleOpened | ClaimsChanged | SelectionChanged | StatusChanged | CandidatesChanged
	return nil
}

// SelectClaim makes claim id the selected one, with its span as the text
// selection; 0 selects none.
func (s *Session) SelectClaim(id uint64) {
	defer s.begin()()
	if id != s.selected {
		s.endTyping()
	}
	s.selected = 0
	if i := s.ClaimIndex(id); i >= 0 {
		s.selected, s.fitting = id, id
		s.text = span{s.claims[i].Start, s.claims[i].End}
	}
	s.leaveCandidate()
	s.suggestLabel()
	s.changed |= SelectionChanged
}

// SelectText records the analyst's text selection. Selecting exactly a
// claim's span selects that claim, so its hotkey relabels it instead of
// stacking a duplicate; any other span deselects the claim, so the hotkey
// creates a new one.
func (s *Session) SelectText(start, end int) {
	defer s.begin()()
	id := s.claimWithSpan(start, end)
	if start >= end {
		id = 0
	}
	if id != s.selected {
		s.endTyping()
	}
	if id != 0 {
		s.fitting = id
	}
	s.selected, s.text = id, span{start, end}
	s.leaveCandidate()
	s.suggestLabel()
	s.changed |= SelectionChanged
}

// ClearSelection drops the selected claim and text.
func (s *Session) ClearSelection() {
	defer s.begin()()
	s.endTyping()
	s.selected, s.text, s.suggested = 0, span{}, ""
	s.leaveCandidate()
	s.changed |= SelectionChanged
}

// claimWithSpan finds the claim over exactly [start, end), preferring the
// selected one when several share the span. Only claims the analyst may
// change count: a hotkey over another's claim makes one of their own.
func (s *Session) claimWithSpan(start, end int) uint64 {
	if c, ok := s.Selected(); ok && c.Start == start && c.End == end && s.Editable(c) {
		return c.ID
	}
	for _, c := range s.claims {
		if c.Start == start && c.End == end && s.Editable(c) {
			return c.ID
		}
	}
	return 0
}

// ApplyLabel relabels the selected claim, or stores the selected text as a
// new claim with label and selects it.
func (s *Session) ApplyLabel(label string) error {
	defer s.begin()()
	if s.article.ID == 0 {
		return ErrNoArticle
	}
	s.endTyping()
	if c, ok := s.Selected(); ok {
		if err := s.readOnly(c); err != nil {
			return err
		}
		if c.Label == label {
			return nil
		}
		_, err := s.editor.Relabel(c.ID, label)
		return s.wrote(err)
	}
	start, end, ok := s.TextSelection()
	if ok {
		start, end = withoutOuterSpace(s.article.Text, start, end)
	}
	if !ok || start == end {
		return ErrNoSelection
	}
	if !s.canCreate() {
		if s.layer == GoldLayer {
			return ErrGoldReadOnly
		}
		return ErrReadOnlyLayer
	}
	c, err := s.editor.CreateAs(s.article.ID, start, end, label, s.author(true))
	if c.ID != 0 {
		s.selected, s.fitting, s.suggested = c.ID, c.ID, ""
		s.changed |= SelectionChanged
	}
	return s.wrote(err)
}

// ErrNothingToFit is returned by FitClaim when no claim was selected
// before, or the selection does not overlap it.
var ErrNothingToFit = errors.New("select a claim, then change the selection over it (Shift+arrows, Shift+click), then fit the claim to it")

// FitCandidate is the claim FitClaim would move: the claim selected last,
// when the text selection now differs from its span but overlaps it.
func (s *Session) FitCandidate() (storage.Claim, bool) {
	i := s.ClaimIndex(s.fitting)
	start, end, ok := s.TextSelection()
	if i < 0 || !ok {
		return storage.Claim{}, false
	}
	c := s.claims[i]
	if (c.Start == start && c.End == end) || end <= c.Start || start >= c.End || !s.Editable(c) {
		return storage.Claim{}, false
	}
	return c, true
}

// FitClaim moves the claim selected last to the text selection, without
// white space at its ends: the way to correct a claim's span without
// deleting it and labelling it again, keeping its label, speaker, target
// and note. It is one undo step.
func (s *Session) FitClaim() error {
	defer s.begin()()
	c, ok := s.FitCandidate()
	if !ok {
		return ErrNothingToFit
	}
	s.endTyping()
	start, end := withoutOuterSpace(s.article.Text, s.text.start, s.text.end)
	if start == end {
		return ErrNothingToFit
	}
	if _, err := s.editor.Resize(c.ID, start, end); err != nil {
		return s.wrote(err)
	}
	s.selected, s.text = c.ID, span{start, end}
	s.changed |= SelectionChanged
	return s.wrote(nil)
}

// DeleteSelected removes the selected claim.
func (s *Session) DeleteSelected() error {
	defer s.begin()()
	c, ok := s.Selected()
	if !ok {
		return nil
	}
	if err := s.readOnly(c); err != nil {
		return err
	}
	s.endTyping()
	_, err := s.editor.Delete(c.ID)
	return s.wrote(err)
}

// EditDetails stores speaker, target and note as typed into the selected
// claim, at once: a crash a moment later loses nothing. The keystrokes of
// one burst of typing make one undo step, which EndTyping closes (the
// window calls it when typing pauses; every other intent does too). A
// refused edit shows in SaveState, as what was typed is not stored.
func (s *Session) EditDetails(speaker, target, note string) {
	defer s.begin()()
	c, ok := s.Selected()
	if !ok || !s.Editable(c) {
		return
	}
	s.typing = c.ID
	_, err := s.editor.SetDetails(c.ID, speaker, target, note)
	if err = s.wrote(err); err != nil {
		s.failure = err
		s.changed |= SaveStateChanged
	}
}

// EndTyping closes the undo step of a burst of typing.
func (s *Session) EndTyping() {
	defer s.begin()()
	s.endTyping()
}

func (s *Session) endTyping() {
	s.typing = 0
	s.editor.EndTyping()
}

// SetStatus marks the open article new, in progress or done for the
// session's annotator.
func (s *Session) SetStatus(status storage.Status) error {
	defer s.begin()()
	if s.article.ID == 0 {
		return ErrNoArticle
	}
	s.endTyping()
	if mine, err := s.store.AnnotatorStatusOf(s.article.ID, s.Annotator()); err == nil && status == mine {
		return nil
	}
	return s.wrote(s.store.SetAnnotatorStatus(s.article.ID, s.Annotator(), status))
}

// Undo reverts the last change and returns its name ("" when there was
// none). A step the store refuses is dropped (ErrStepDropped), so the next
// Undo reaches the step below it.
func (s *Session) Undo() (string, error) { return s.replay(s.editor.Undo) }

// Redo applies the last undone change again.
func (s *Session) Redo() (string, error) { return s.replay(s.editor.Redo) }

func (s *Session) replay(step func() (string, error)) (string, error) {
	defer s.begin()()
	s.endTyping()
	name, err := step()
	return name, s.wrote(err)
}

// DeleteArticle removes the open article and its claims, which cannot be
// undone, and opens the first article left.
func (s *Session) DeleteArticle() error {
	defer s.begin()()
	id := s.article.ID
	if id == 0 {
		return ErrNoArticle
	}
	s.endTyping()
	if err := s.wrote(s.store.DeleteArticle(id)); err != nil {
		return err
	}
	if len(s.articles) > 0 {
		return s.Open(s.articles[0].ID)
	}
	return nil
}

// SaveLabel adds a label (old == "") or changes the label named old; a
// rename carries its claims along.
func (s *Session) SaveLabel(old string, l storage.Label) error {
	defer s.begin()()
	s.endTyping()
	if old == "" {
		return s.wrote(s.store.AddLabel(l))
	}
	return s.wrote(s.store.UpdateLabel(old, l))
}

// RemoveLabel removes a label no claim uses.
func (s *Session) RemoveLabel(name string) error {
	defer s.begin()()
	return s.wrote(s.store.DeleteLabel(name))
}

// withoutOuterSpace narrows [start, end) of text (code points) past white
// space at both ends: a claim is what was said, and a selection made by
// keys or characters can take in the space around it. It reads the text
// only as far as the span, not the whole article.
func withoutOuterSpace(text string, start, end int) (int, int) {
	quote, ok := storage.Slice(text, start, end)
	if !ok {
		return start, end
	}
	trimmed := strings.TrimLeftFunc(quote, unicode.IsSpace)
	start += storage.RuneLen(quote) - storage.RuneLen(trimmed)
	end -= storage.RuneLen(trimmed) - storage.RuneLen(strings.TrimRightFunc(trimmed, unicode.IsSpace))
	return start, end
}
