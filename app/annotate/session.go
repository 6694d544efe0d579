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
	"sync"
	"sync/atomic"
	"time"

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
