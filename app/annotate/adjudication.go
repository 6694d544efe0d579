package annotate

import (
	"errors"
	"fmt"
	"slices"

	"claimdesk/app/team"
	"claimdesk/storage"
)

// adjudication is the session adjudicating: the gold layer of the open
// article is built from every annotator's claims (app/team's
// Adjudication), and gold is editable, as long as it lasts.
type adjudication struct {
	// byArticle keeps each article's adjudication while adjudicating, so
	// that its rejections survive a visit to another article.
	byArticle map[uint64]*team.Adjudication
	current   team.ClaimKey // the candidate being decided; zero for none
	stale     bool          // the store changed the open article's claims since the last read
	before    Layer         // the layer shown before, shown again when adjudicating ends
}

// ErrNotAdjudicating is returned by the adjudication intents while the
// session is not adjudicating.
var ErrNotAdjudicating = errors.New("open Team > Adjudicate… first: gold is built there")

// ErrNoClaimChosen is returned by Accept and Reject with no claim chosen.
var ErrNoClaimChosen = errors.New("choose a claim first: Next disagreement (Ctrl+N) or click one in the list")

// Adjudicating reports whether the session builds gold now.
func (s *Session) Adjudicating() bool { return s.adj != nil }

// StartAdjudicating begins building gold for the open article: the gold
// layer is shown, and editable, until StopAdjudicating. A store that reads
// gold from its team folder is refused (app/team says why).
func (s *Session) StartAdjudicating() error {
	defer s.begin()()
	if s.article.ID == 0 {
		return ErrNoArticle
	}
	if s.adj != nil {
		return nil
	}
	s.endTyping()
	adj, err := team.OpenAdjudication(s.store, s.article.ID, nil)
	if err != nil {
		return err
	}
	s.adj = &adjudication{byArticle: map[uint64]*team.Adjudication{s.article.ID: adj}, before: s.layer}
	s.layer = GoldLayer
	s.showLayer()
	s.changed |= AdjudicationChanged | SelectionChanged
	return nil
}

// StopAdjudicating ends building gold: the layer shown before comes back,
// and gold is read-only again.
func (s *Session) StopAdjudicating() {
	defer s.begin()()
	if s.adj == nil {
		return
	}
	s.endTyping()
	s.layer = s.adj.before
	s.adj = nil
	s.showLayer()
	s.changed |= AdjudicationChanged | SelectionChanged
}

// Adjudication is the open article's adjudication, read again if the
// store changed its claims; nil while not adjudicating. Its candidates,
// annotators and disagreements left are what the window shows.
func (s *Session) Adjudication() *team.Adjudication {
	if s.adj == nil || s.article.ID == 0 {
		return nil
	}
	adj := s.adj.byArticle[s.article.ID]
	if adj == nil {
		var err error
		if adj, err = team.OpenAdjudication(s.store, s.article.ID, nil); err != nil {
			s.failure = err
			return nil
		}
		s.adj.byArticle[s.article.ID] = adj
	} else if s.adj.stale {
		adj.Use(s.all) // current: the store's notices came in before
	}
	s.adj.stale = false
	return adj
}

// ClaimToDecide is the claim being decided, if one is chosen and still
// among the candidates.
func (s *Session) ClaimToDecide() (team.Candidate, bool) {
	adj := s.Adjudication()
	if adj == nil {
		return team.Candidate{}, false
	}
	for _, c := range adj.Candidates() {
		if c.ClaimKey == s.adj.current {
			return c, true
		}
	}
	return team.Candidate{}, false
}

// ChooseClaimToDecide makes the candidate of key the one being decided and
// selects its span in the text (and gold's copy, if gold holds it).
func (s *Session) ChooseClaimToDecide(key team.ClaimKey) {
	defer s.begin()()
	adj := s.Adjudication()
	if adj == nil {
		return
	}
	s.endTyping()
	s.adj.current = key
	s.selected, s.text = 0, span{key.Start, key.End}
	if g, ok := adj.GoldClaim(key); ok && s.ClaimIndex(g.ID) >= 0 {
		s.selected, s.fitting = g.ID, g.ID
	}
	s.changed |= SelectionChanged | AdjudicationChanged
}

// StepDisagreement chooses the next (or previous) open disagreement after
// the current candidate, in text order, wrapping around; it reports
// whether there was one.
func (s *Session) StepDisagreement(forward bool) bool {
	adj := s.Adjudication()
	if adj == nil {
		return false
	}
	cands := adj.Candidates()
	if !forward {
		slices.Reverse(cands)
	}
	at := slices.IndexFunc(cands, func(c team.Candidate) bool { return c.ClaimKey == s.adj.current })
	for i := 1; i <= len(cands); i++ {
		if c := cands[(at+i+len(cands))%len(cands)]; c.Open {
			s.ChooseClaimToDecide(c.ClaimKey)
			return true
		}
	}
	return false
}

// AcceptIntoGold copies the current candidate into gold as annotator made
// it ("" for the first annotator, by name, who did) and selects the gold
// copy; a claim gold holds already is selected, not copied twice. It is
// one undo step.
func (s *Session) AcceptIntoGold(annotator string) error {
	defer s.begin()()
	c, ok := s.ClaimToDecide()
	if !ok {
		return s.noCandidate()
	}
	s.endTyping()
	src := c.Claims[0]
	if i := slices.Index(c.Annotators, annotator); i >= 0 {
		src = c.Claims[i]
	} else if annotator != "" {
		return fmt.Errorf("%s did not make this claim (made by %v)", annotator, c.Annotators)
	}
	adj := s.Adjudication()
	if g, inGold := adj.GoldClaim(c.ClaimKey); inGold {
		s.selectVisible(g.ID)
		return nil
	}
	copied, err := s.editor.CreateCopy(team.GoldCopy(src), team.Gold)
	if err == nil {
		adj.SetRejected(c.ClaimKey, false)
		s.selectVisible(copied.ID)
	}
	return s.adjudicated(err)
}

// RejectFromGold decides against the current candidate: gold will not
// hold it, and gold's copy, if any, is removed. One undo step brings the
// copy back and takes the decision back.
func (s *Session) RejectFromGold() error {
	defer s.begin()()
	c, ok := s.ClaimToDecide()
	if !ok {
		return s.noCandidate()
	}
	s.endTyping()
	adj := s.Adjudication()
	var removed *storage.Claim
	if g, inGold := adj.GoldClaim(c.ClaimKey); inGold {
		old, err := s.store.DeleteClaim(g.ID)
		if err != nil {
			return s.wrote(err)
		}
		removed = &old
	}
	key := c.ClaimKey
	adj.SetRejected(key, true)
	s.editor.Remember("reject claim", func() error {
		adj.SetRejected(key, false)
		if removed != nil {
			_, err := s.store.RestoreClaim(*removed)
			return err
		}
		s.adjudicationChanged()
		return nil
	}, func() error {
		adj.SetRejected(key, true)
		if removed != nil {
			_, err := s.store.DeleteClaim(removed.ID)
			return err
		}
		s.adjudicationChanged()
		return nil
	})
	s.selected = 0
	s.changed |= SelectionChanged
	return s.adjudicated(nil)
}

// AcceptAgreed copies into gold every claim of the open article at least k
// annotators made, that gold lacks and that was not rejected, as one undo
// step; it returns how many it copied.
func (s *Session) AcceptAgreed(k int) (int, error) {
	defer s.begin()()
	adj := s.Adjudication()
	if adj == nil {
		return 0, ErrNotAdjudicating
	}
	s.endTyping()
	add, err := adj.AgreedToAccept(k)
	if err != nil || len(add) == 0 {
		return 0, err
	}
	stored, err := s.editor.AddAll(fmt.Sprintf("accept %d agreed claims", len(add)), add)
	return len(stored), s.adjudicated(err)
}

func (s *Session) noCandidate() error {
	if s.adj == nil {
		return ErrNotAdjudicating
	}
	return ErrNoClaimChosen
}

// adjudicated is wrote for an adjudication intent: the adjudication reads
// the claims again, and the window redraws it.
func (s *Session) adjudicated(err error) error {
	err = s.wrote(err)
	s.adjudicationChanged()
	return err
}

// adjudicationChanged marks the adjudication to be read again: the
// store's claims of the open article, or a decision, changed.
func (s *Session) adjudicationChanged() {
	if s.adj != nil {
		s.adj.stale = true
		s.changed |= AdjudicationChanged
	}
}

// followAdjudication keeps adjudicating across a change of article: the
// new article's candidates, none chosen.
func (s *Session) followAdjudication() {
	if s.adj != nil {
		s.adj.current = team.ClaimKey{}
		s.adjudicationChanged()
	}
}
