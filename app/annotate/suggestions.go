package annotate

import (
	"errors"
	"slices"

	"claimdesk/app/suggest"
	"claimdesk/storage"
)

// The session's part of suggestions: the open article's candidates, the
// one the analyst walked to with Tab, the label suggested for the text
// selection, and the spans rejected. The window computes candidates off the
// UI goroutine and hands them in with SetCandidates; accepting, rejecting
// and accepting all above a score are intents, each one undo step.

// ErrNoCandidate is returned when a candidate's intent finds none current.
var ErrNoCandidate = errors.New("no suggestion is current: Tab walks to the next one")

// SetRejections gives the session the memory of rejected spans it adds to
// and that the candidates are computed against.
func (s *Session) SetRejections(r *suggest.RejectedSpans) { s.rejections = r }

// Rejections is the memory of rejected spans, for the window to save when
// RejectionsChanged.
func (s *Session) Rejections() *suggest.RejectedSpans { return s.rejections }

// SetSuggester sets how the label of a selection is suggested: the most
// likely label of [start, end) of the open article, "" for none.
func (s *Session) SetSuggester(fn func(start, end int) string) { s.suggester = fn }

// SuggestedLabel is the label suggested for the text selection, "" when
// there is none (no selection, or a claim is selected).
func (s *Session) SuggestedLabel() string { return s.suggested }

// AcceptSuggestedLabel labels the text selection with the suggested label.
func (s *Session) AcceptSuggestedLabel() error {
	if s.suggested == "" {
		return ErrNoSelection
	}
	return s.ApplyLabel(s.suggested)
}

// suggestLabel refreshes the suggestion after the selection changed.
func (s *Session) suggestLabel() {
	s.suggested = ""
	start, end, ok := s.TextSelection()
	if !ok || s.selected != 0 || s.suggester == nil {
		return
	}
	s.suggested = s.suggester(start, end)
}

// SetCandidates replaces the candidates of article id, computed in the
// background; candidates of an article no longer open are dropped, and so
// are those overlapping a claim or rejected since they were computed. The
// current candidate stays current when it is still proposed.
func (s *Session) SetCandidates(articleID uint64, cands []suggest.Candidate) {
	defer s.begin()()
	if articleID != s.article.ID {
		return
	}
	current, had := s.CurrentCandidate()
	s.candidates = slices.DeleteFunc(slices.Clone(cands), func(c suggest.Candidate) bool {
		return s.overlapsClaim(c.Start, c.End) || (s.rejections != nil && s.rejections.Rejected(articleID, c.Start, c.End))
	})
	s.current = -1
	if had {
		s.current = s.candidateAt(current.Start, current.End)
	}
	s.changed |= CandidatesChanged
}

// Candidates are the open article's candidates in text order.
func (s *Session) Candidates() []suggest.Candidate { return s.candidates }

// CurrentCandidate is the candidate Tab walked to, if any.
func (s *Session) CurrentCandidate() (suggest.Candidate, bool) {
	if s.current < 0 || s.current >= len(s.candidates) {
		return suggest.Candidate{}, false
	}
	return s.candidates[s.current], true
}

// StepCandidate makes the next (or previous) candidate current, wrapping
// around; the claim and text selected are let go, so a label's key
// accepts the candidate rather than labelling them. It reports whether
// there was a candidate to go to.
func (s *Session) StepCandidate(forward bool) bool {
	defer s.begin()()
	n := len(s.candidates)
	if n == 0 {
		return false
	}
	switch {
	case s.current < 0 && forward:
		s.current = 0
	case s.current < 0:
		s.current = n - 1
	case forward:
		s.current = (s.current + 1) % n
	default:
		s.current = (s.current - 1 + n) % n
	}
	s.endTyping()
	s.selected, s.text, s.suggested = 0, span{}, ""
	s.changed |= CandidatesChanged | SelectionChanged
	return true
}

// AcceptCandidate stores the current candidate as a claim with its
// speaker and target and label (the candidate's own when label is ""),
// one undo step; the next candidate becomes current.
func (s *Session) AcceptCandidate(label string) error {
	defer s.begin()()
	c, ok := s.CurrentCandidate()
	if !ok {
		return ErrNoCandidate
	}
	if label == "" {
		label = c.Label
	}
	if _, err := s.editor.CreateSuggested(s.article.ID, []storage.Claim{candidateClaim(c, label)}); err != nil {
		return s.wrote(err)
	}
	s.dropCandidate(s.current)
	return s.wrote(nil)
}

// AcceptCandidatesAbove stores every candidate scored minScore or more
// as claims with their own labels, in one undo step, and returns how many.
func (s *Session) AcceptCandidatesAbove(minScore float64) (int, error) {
	defer s.begin()()
	above := suggest.Above(s.candidates, minScore)
	if len(above) == 0 {
		return 0, nil
	}
	claims := make([]storage.Claim, len(above))
	for i, c := range above {
		claims[i] = candidateClaim(c, c.Label)
	}
	if _, err := s.editor.CreateSuggested(s.article.ID, claims); err != nil {
		return 0, s.wrote(err)
	}
	s.candidates = slices.DeleteFunc(s.candidates, func(c suggest.Candidate) bool { return c.Score >= minScore })
	s.current = -1
	s.changed |= CandidatesChanged
	return len(above), s.wrote(nil)
}

// RejectCandidate drops the current candidate and remembers its span as
// rejected, so it is never proposed again in this article; undo brings it
// back.
func (s *Session) RejectCandidate() error {
	defer s.begin()()
	c, ok := s.CurrentCandidate()
	if !ok {
		return ErrNoCandidate
	}
	article := s.article.ID
	reject := func() error {
		s.rejections.Reject(article, c.Start, c.End)
		if i := s.candidateAt(c.Start, c.End); i >= 0 && article == s.article.ID {
			s.dropCandidate(i)
		}
		s.changed |= RejectionsChanged
		return nil
	}
	restore := func() error {
		s.rejections.Forget(article, c.Start, c.End)
		if article == s.article.ID && s.candidateAt(c.Start, c.End) < 0 && !s.overlapsClaim(c.Start, c.End) {
			s.candidates = append(s.candidates, c)
			slices.SortFunc(s.candidates, func(a, b suggest.Candidate) int { return a.Start - b.Start })
			s.current = s.candidateAt(c.Start, c.End)
			s.changed |= CandidatesChanged
		}
		s.changed |= RejectionsChanged
		return nil
	}
	if s.rejections == nil {
		s.rejections = suggest.NewRejectedSpans()
	}
	_ = reject() // only ever nil: rejecting touches memory alone
	s.editor.Remember("reject suggestion", restore, reject)
	return nil
}

// dropCandidate removes candidate i; the one after it becomes current.
func (s *Session) dropCandidate(i int) {
	s.candidates = slices.Delete(s.candidates, i, i+1)
	if s.current > i || s.current >= len(s.candidates) {
		s.current--
	}
	if len(s.candidates) == 0 {
		s.current = -1
	}
	s.changed |= CandidatesChanged
}

func (s *Session) candidateAt(start, end int) int {
	return slices.IndexFunc(s.candidates, func(c suggest.Candidate) bool { return c.Start == start && c.End == end })
}

func (s *Session) overlapsClaim(start, end int) bool {
	return slices.ContainsFunc(s.claims, func(c storage.Claim) bool { return start < c.End && c.Start < end })
}

// dropCandidatesUnder drops the candidates a new or moved claim overlaps.
func (s *Session) dropCandidatesUnder(c storage.Claim) {
	for i := len(s.candidates) - 1; i >= 0; i-- {
		if k := s.candidates[i]; k.Start < c.End && c.Start < k.End {
			s.dropCandidate(i)
		}
	}
}

func candidateClaim(c suggest.Candidate, label string) storage.Claim {
	return storage.Claim{Start: c.Start, End: c.End, Label: label, Speaker: c.Speaker, Target: c.Target}
}

// leaveCandidate lets go of the current candidate: the analyst turned to
// the text or a claim.
func (s *Session) leaveCandidate() {
	if s.current >= 0 {
		s.current = -1
		s.changed |= CandidatesChanged
	}
}
