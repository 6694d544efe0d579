package annotate

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"claimdesk/app/team"
	"claimdesk/storage"
)

// Layer is whose claims the article shows: the analyst's own, everyone's,
// or one annotator's (gold among them). Mine follows the annotator's name,
// so renaming oneself shows the layer of the new name.
type Layer struct {
	kind      layerKind
	annotator string // for a named layer
}

type layerKind uint8

const (
	layerEveryone layerKind = iota // the zero Layer shows everything, as before layers
	layerMine
	layerNamed
)

// The layers every store offers.
var (
	EveryoneLayer = Layer{kind: layerEveryone}
	MineLayer     = Layer{kind: layerMine}
	GoldLayer     = AnnotatorLayer(team.Gold)
)

// AnnotatorLayer is the layer of one annotator ("" for claims stored
// without a name).
func AnnotatorLayer(name string) Layer { return Layer{kind: layerNamed, annotator: name} }

// Name is how the layer switch lists the layer.
func (l Layer) Name() string {
	switch l.kind {
	case layerMine:
		return "Mine"
	case layerEveryone:
		return "Everyone"
	}
	return AnnotatorName(l.annotator)
}

// AnnotatorName is how an annotator is shown: claims stored without a name
// belong to "(unnamed)", as in the command line's reports.
func AnnotatorName(name string) string {
	if name == "" {
		return "(unnamed)"
	}
	return name
}

// ErrReadOnlyClaim is returned by intents that would change a claim of
// another annotator's layer: a team sync replaces those copies whole, so an
// edit made here would be lost, and it is not the analyst's to make.
var ErrReadOnlyClaim = errors.New("this claim is in another annotator's layer: Copy to my layer, then change the copy")

// ErrReadOnlyLayer is returned when a claim is made while another
// annotator's layer is shown: it would be stored under the analyst's name
// and vanish from view at once.
var ErrReadOnlyLayer = errors.New("this layer is another annotator's: switch to Mine or Everyone to add claims")

// ErrGoldReadOnly is returned when a claim is made in the gold layer while
// not adjudicating: gold is built in one place, where its disagreements
// are counted.
var ErrGoldReadOnly = errors.New("gold is built while adjudicating: Team > Adjudicate…, or switch to Mine or Everyone to add claims")

// Layer is the layer shown.
func (s *Session) Layer() Layer { return s.layer }

// SetLayer shows another layer: the claims, and the selection when the
// selected claim is not in it.
func (s *Session) SetLayer(l Layer) {
	defer s.begin()()
	if l == s.layer {
		return
	}
	s.endTyping()
	s.layer = l
	s.showLayer()
}

// LayerChoices lists the layers the switch offers: Mine, Everyone, each
// other annotator of the store by name, and gold last (offered before it
// holds a claim, as adjudication starts from nothing).
func (s *Session) LayerChoices() []Layer {
	mine := s.author(false)
	var names []string
	for name := range s.annotators {
		if name != mine && name != team.Gold {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	out := []Layer{MineLayer, EveryoneLayer}
	for _, n := range names {
		out = append(out, AnnotatorLayer(n))
	}
	return append(out, GoldLayer)
}

// Editable reports whether the analyst may change c: their own claims,
// claims stored without a name (this store's alone, as a team sync does not
// share them), and gold while adjudicating, which is where it is built.
func (s *Session) Editable(c storage.Claim) bool {
	switch c.Annotator {
	case s.author(false), "":
		return true
	case team.Gold:
		return s.adj != nil
	}
	return false
}

// CopyTarget names the layer CopyToMine copies into: gold while the gold
// layer is shown, else the analyst's own.
func (s *Session) CopyTarget() string {
	if who := s.author(true); who == team.Gold {
		return "gold"
	}
	return "my layer"
}

// CopyToMine copies the selected claim of another layer into the layer
// the analyst edits (their own, or gold while it is shown) and selects the
// copy; a claim that layer already holds (same span and label) is selected
// instead of copied twice. The copy is one undo step.
func (s *Session) CopyToMine() error {
	defer s.begin()()
	c, ok := s.Selected()
	if !ok {
		return ErrNoSelection
	}
	s.endTyping()
	who := s.author(true)
	if c.Annotator == who {
		return nil
	}
	for _, have := range s.all {
		if have.Annotator == who && have.Start == c.Start && have.End == c.End && have.Label == c.Label {
			s.selectVisible(have.ID)
			return nil
		}
	}
	copied, err := s.editor.CreateCopy(c, who)
	if err == nil {
		s.selectVisible(copied.ID)
	}
	return s.wrote(err)
}

// selectVisible selects claim id once the store's notices of it are in;
// when the layer shown lacks it (a copy into Mine while bob's is shown),
// the shown layer becomes Everyone so the copy is seen.
func (s *Session) selectVisible(id uint64) {
	s.sync()
	if s.ClaimIndex(id) < 0 {
		s.layer = EveryoneLayer
		s.showLayer()
	}
	if i := s.ClaimIndex(id); i >= 0 {
		s.selected, s.fitting = id, id
		s.text = span{s.claims[i].Start, s.claims[i].End}
		s.changed |= SelectionChanged
	}
}

// author is the annotator new claims are stored under: gold while
// adjudicating with the gold layer shown (when forGold is true), else the
// analyst's name.
func (s *Session) author(forGold bool) string {
	if forGold && s.adj != nil && s.layer == GoldLayer {
		return team.Gold
	}
	return strings.TrimSpace(s.editor.Annotator)
}

// canCreate reports whether a claim made now would show in the layer.
func (s *Session) canCreate() bool {
	return s.layer.kind != layerNamed || (s.layer == GoldLayer && s.adj != nil) || s.layer.annotator == s.author(false)
}

// inLayer reports whether the layer shown holds c.
func (s *Session) inLayer(c storage.Claim) bool {
	switch s.layer.kind {
	case layerMine:
		return c.Annotator == s.author(false)
	case layerNamed:
		return c.Annotator == s.layer.annotator
	}
	return true
}

// showLayer filters the open article's claims to the layer shown and drops
// a selected claim it no longer holds.
func (s *Session) showLayer() {
	s.claims = s.claims[:0:0]
	for _, c := range s.all {
		if s.inLayer(c) {
			s.claims = append(s.claims, c)
		}
	}
	s.changed |= ClaimsChanged
	if s.selected != 0 && s.ClaimIndex(s.selected) < 0 {
		s.selected, s.fitting = 0, 0
		s.changed |= SelectionChanged
	}
}

// readOnly is ErrReadOnlyClaim, naming whose claim c is, when the analyst
// may not change it.
func (s *Session) readOnly(c storage.Claim) error {
	if s.Editable(c) {
		return nil
	}
	return fmt.Errorf("%w (it is %s's)", ErrReadOnlyClaim, AnnotatorName(c.Annotator))
}

// LoadAnnotators reads who has claims in the store, for the layer switch.
// It reads every claim: a window calls storage's Annotators off its UI
// goroutine and hands the names to AddAnnotators instead.
func (s *Session) LoadAnnotators() error {
	names, err := s.store.Annotators()
	s.AddAnnotators(names)
	return err
}

// AddAnnotators adds names to the layer switch's choices. Names already
// known (from claims that arrived since the session began) stay.
func (s *Session) AddAnnotators(names []string) {
	defer s.begin()()
	for _, n := range names {
		if !s.annotators[n] {
			s.annotators[n] = true
			s.changed |= AnnotatorsChanged
		}
	}
}

// noteAnnotator adds the annotator of a claim that arrived (a team sync, an
// import) to the layer switch's choices.
func (s *Session) noteAnnotator(name string) {
	if !s.annotators[name] {
		s.annotators[name] = true
		s.changed |= ClaimsChanged
	}
}
