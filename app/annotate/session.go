// Package annotate is the model of an annotation session and the rules the
// window follows: which article is open, its claims in text order, the
// selected claim and text, the labels, the list of articles, an edit being
// typed into, the suggested claims, and whether everything is stored. Panels
// render a Session and send it intents (open, select, label, delete, edit,
// accept or reject a suggestion, undo); the store's change
// notices update it in one place (Sync), whether the change came from the
// window or from an import running in the background. It knows nothing of
// Fyne, so every rule is tested without a display.
package annotate

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"

	"claimdesk/app/suggest"
	"claimdesk/storage"
)

// Aspect names the parts of a session that a change touched, so each panel
// redraws only what it shows.
type Aspect uint

// The aspects a session reports to its observers.
const (
	ArticleOpened       Aspect = 1 << iota // another article is open, or none
	ClaimsChanged                          // the open article's claims
	SelectionChanged                       // the selected claim or text
	LabelsChanged                          // labels added, renamed, recoloured, removed
	StatusChanged                          // the open article's status
	ArticlesChanged                        // the list: articles added, removed, counted
	SaveStateChanged                       // stored, being typed, or refused
	CandidatesChanged                      // the open article's suggested claims, or the current one
	RejectionsChanged                      // the memory of rejected suggestions
	AdjudicationChanged                    // adjudicating began or ended, or its candidates or decisions changed
	AnnotatorsChanged                      // who has claims: the layers to choose from
)

// ErrNoSelection is returned when a label is applied with nothing selected.
var ErrNoSelection = errors.New("select some text first, then press a label's key")

// ErrNoArticle is returned by intents that need an open article.
var ErrNoArticle = errors.New("no article is open")

// Session is one analyst's window on the store. It is used from one
// goroutine (the UI's); only the store's notices arrive from others, and
// they wait in an inbox until Sync.
type Session struct {
	store  *storage.Store
	editor *Editor

	labels   []storage.Label
	articles []storage.ArticleSummary
	article  storage.Article
	claims   []storage.Claim // of all, the layer shown (layers.go)
	selected uint64
	text     span // the text selection, in code points

	all   []storage.Claim // every layer's claims of the open article, in text order
	layer Layer
	// annotators are those with a claim in the store: the layer switch's
	// choices, kept as claims arrive rather than read again at each.
	annotators map[string]bool
	adj        *adjudication // while building gold (adjudication.go)

	candidates []suggest.Candidate
	current    int    // the candidate Tab walked to, -1 for none
	suggested  string // the label suggested for the text selection
	suggester  func(start, end int) string
	rejections *suggest.RejectedSpans

	typing  uint64 // the claim whose details are being typed, 0 for none
	fitting uint64 // the claim last selected, which FitClaim can move
	saved   time.Time
	failure error

	observers []func(Aspect)
	changed   Aspect
	depth     int // intents under way; observers hear once they end

	inboxMu   sync.Mutex
	inbox     []storage.Change
	scheduled atomic.Bool
	wake      func()

	// Now tells the time of a save; tests set it.
	Now func() time.Time
}

type span struct{ start, end int }

// NewSession reads the labels and the article list of store: what the
// first frame needs. Who annotated (the layer switch's choices) is read by
// LoadAnnotators, which a window calls after its first frame, since it
// reads every claim. wake is
// called, from any goroutine, when store notices wait in the inbox; it must
// arrange for Sync to run on the session's goroutine (the window passes
// fyne.Do). It is called once until the next Sync, however many notices
// arrive, so a batch import of thousands of claims redraws once.
func NewSession(store *storage.Store, wake func()) (*Session, error) {
	s := &Session{store: store, editor: NewEditor(store), wake: wake, Now: time.Now, current: -1,
		rejections: suggest.NewRejectedSpans(), annotators: map[string]bool{}}
	store.OnChange(s.receive)
	labels, err := store.Labels()
	if err != nil {
		return s, err
	}
	articles, err := store.ArticleSummaries()
	if err != nil {
		return s, err
	}
	s.labels, s.articles = labels, articles
	return s, nil
}

// OnChange registers fn to hear which aspects changed after each intent or
// Sync.
func (s *Session) OnChange(fn func(Aspect)) { s.observers = append(s.observers, fn) }

// Labels lists the labels, those with hotkeys first.
func (s *Session) Labels() []storage.Label { return s.labels }

// LabelForHotkey finds the label a key applies.
func (s *Session) LabelForHotkey(key string) (storage.Label, bool) {
	for _, l := range s.labels {
		if l.Hotkey != "" && l.Hotkey == key {
			return l, true
		}
	}
	return storage.Label{}, false
}

// LabelColour is the "#RRGGBB" of a label, or the grey of unknown labels.
func (s *Session) LabelColour(name string) string {
	for _, l := range s.labels {
		if l.Name == name {
			return l.Colour
		}
	}
	return storage.UnknownLabelColour
}

// Articles lists every article in the store, in the order they were added.
func (s *Session) Articles() []storage.ArticleSummary { return s.articles }

// HasArticle reports whether id is in the store.
func (s *Session) HasArticle(id uint64) bool { return s.articleIndex(id) >= 0 }

// Article is the open article; its ID is 0 when none is open.
func (s *Session) Article() storage.Article { return s.article }

// Claims are the open article's claims in text order.
func (s *Session) Claims() []storage.Claim { return s.claims }

// ClaimIndex is the position of claim id in Claims, or -1.
func (s *Session) ClaimIndex(id uint64) int {
	if id == 0 {
		return -1
	}
	return slices.IndexFunc(s.claims, func(c storage.Claim) bool { return c.ID == id })
}

// Selected is the selected claim, if any.
func (s *Session) Selected() (storage.Claim, bool) {
	if i := s.ClaimIndex(s.selected); i >= 0 {
		return s.claims[i], true
	}
	return storage.Claim{}, false
}

// TextSelection is the selected span of the article's text; ok is false
// when nothing is selected.
func (s *Session) TextSelection() (start, end int, ok bool) {
	return s.text.start, s.text.end, s.text.end > s.text.start
}

// Annotator is the name new claims are stored under.
func (s *Session) Annotator() string { return s.editor.Annotator }

// SetAnnotator changes the name new claims are stored under, and so which
// claims are the analyst's own.
func (s *Session) SetAnnotator(name string) {
	defer s.begin()()
	s.editor.Annotator = name
	s.showLayer()
}

// SaveState tells whether every change is stored: saved is when the last
// write landed, and failure is the last write the store refused for a
// reason other than bad input (a full disk, a vanished file), or a typed
// edit it refused.
func (s *Session) SaveState() (saved time.Time, failure error) {
	return s.saved, s.failure
}

// Typing reports whether the analyst is typing into claim id's details:
// the window then leaves the fields as typed (the store trims spaces).
func (s *Session) Typing(id uint64) bool { return id != 0 && s.typing == id }

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

// wrote records how a write ended and brings the store's notices of it in.
// A refusal (bad input, or a record that is gone) is the analyst's to read
// and leaves the save state alone; any other failure is shown as not saved.
func (s *Session) wrote(err error) error {
	s.sync()
	switch {
	case err == nil:
		s.saved, s.failure = s.Now(), nil
	case Refused(err):
		return err
	default:
		s.failure = err
	}
	s.changed |= SaveStateChanged
	return err
}

// Refused reports whether the store turned a change down for what it asked
// (bad input, a claim or label that is gone), as opposed to failing to
// write: a refusal loses nothing already stored.
func Refused(err error) bool {
	return errors.Is(err, storage.ErrInvalid) || errors.Is(err, storage.ErrNotFound)
}

// receive is the store's listener: it may run on any goroutine.
func (s *Session) receive(c storage.Change) {
	s.inboxMu.Lock()
	s.inbox = append(s.inbox, c)
	s.inboxMu.Unlock()
	if s.wake != nil && s.scheduled.CompareAndSwap(false, true) {
		s.wake()
	}
}

// Sync applies the store's notices that arrived since the last Sync. It
// is the one place where the store's changes reach the session. Called
// while an intent is under way (a driver may run wake at once), it leaves
// the notices to that intent, which applies them when it ends.
func (s *Session) Sync() {
	if s.depth > 0 {
		return
	}
	defer s.begin()()
}

func (s *Session) sync() {
	s.scheduled.Store(false)
	s.inboxMu.Lock()
	changes := s.inbox
	s.inbox = nil
	s.inboxMu.Unlock()
	for _, c := range changes {
		s.apply(c)
	}
}

func (s *Session) apply(c storage.Change) {
	switch c.Kind {
	case storage.ArticleAdded:
		s.articles = append(s.articles, c.Article)
		s.changed |= ArticlesChanged
	case storage.ArticleUpdated:
		if i := s.articleIndex(c.Article.ID); i >= 0 {
			c.Article.Claims = s.articles[i].Claims
			s.articles[i] = c.Article
			s.changed |= ArticlesChanged
		}
		if c.Article.ID == s.article.ID {
			s.article.Title, s.article.Status = c.Article.Title, c.Article.Status
			s.changed |= StatusChanged
		}
	case storage.ArticleDeleted:
		if s.rejections != nil {
			s.rejections.ForgetArticle(c.Article.ID)
			s.changed |= RejectionsChanged
		}
		if i := s.articleIndex(c.Article.ID); i >= 0 {
			s.articles = slices.Delete(s.articles, i, i+1)
			s.changed |= ArticlesChanged
		}
		if c.Article.ID == s.article.ID {
			s.article, s.all, s.claims, s.selected, s.text, s.typing = storage.Article{}, nil, nil, 0, span{}, 0
			s.candidates, s.current, s.suggested = nil, -1, ""
			s.changed |= ArticleOpened | ClaimsChanged | SelectionChanged | StatusChanged | CandidatesChanged
		}
	case storage.ClaimAdded, storage.ClaimUpdated, storage.ClaimDeleted:
		s.applyClaim(c)
	case storage.LabelsChanged:
		if labels, err := s.store.Labels(); err == nil {
			s.labels = labels
		} else {
			s.failure = err
		}
		s.changed |= LabelsChanged | ClaimsChanged
	}
}

func (s *Session) applyClaim(c storage.Change) {
	switch c.Kind {
	case storage.ClaimAdded:
		s.countClaims(c.Claim.ArticleID, 1)
		s.noteAnnotator(c.Claim.Annotator)
	case storage.ClaimDeleted:
		s.countClaims(c.Claim.ArticleID, -1)
	}
	if c.Claim.ArticleID != s.article.ID || s.article.ID == 0 {
		return
	}
	s.adjudicationChanged()
	if i := slices.IndexFunc(s.all, func(have storage.Claim) bool { return have.ID == c.Claim.ID }); i >= 0 {
		s.all = slices.Delete(s.all, i, i+1)
	}
	if c.Kind != storage.ClaimDeleted {
		s.all = append(s.all, c.Claim)
		storage.SortInTextOrder(s.all)
		s.dropCandidatesUnder(c.Claim)
	} else if c.Claim.ID == s.selected {
		s.selected = 0
		s.changed |= SelectionChanged
	}
	s.showLayer()
}

func (s *Session) countClaims(articleID uint64, n int) {
	if i := s.articleIndex(articleID); i >= 0 {
		s.articles[i].Claims += n
		s.changed |= ArticlesChanged
	}
}

func (s *Session) articleIndex(id uint64) int {
	return slices.IndexFunc(s.articles, func(a storage.ArticleSummary) bool { return a.ID == id })
}

// begin starts an intent; the function it returns ends it. Intents call
// each other (DeleteArticle opens the next article), so only the outermost
// one applies the notices that came meanwhile and tells the observers.
func (s *Session) begin() (end func()) {
	s.depth++
	return func() {
		s.depth--
		if s.depth == 0 {
			s.sync()
			s.emit()
		}
	}
}

// emit tells the observers what changed.
func (s *Session) emit() {
	a := s.changed
	if a == 0 {
		return
	}
	s.changed = 0
	for _, fn := range s.observers {
		fn(a)
	}
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
