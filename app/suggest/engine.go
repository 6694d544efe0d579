package suggest

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"claimdesk/storage"
)

// Model is one trained state of the suggestions: the label classifier and
// the index of labelled quotes for propagation. A Model never changes once
// built; the engine swaps in a new one atomically, so a frame that holds
// the old one finishes with it.
type Model struct {
	Classifier *Classifier
	Quotes     *QuoteIndex
	Cues       *Cues
	Claims     int           // claims it learned from
	TrainTime  time.Duration // what building it took
}

// BuildModel trains a model on examples for labels.
func BuildModel(labels []string, examples []Example, cues *Cues) *Model {
	began := time.Now()
	m := &Model{
		Classifier: Train(labels, examples, cues),
		Quotes:     NewQuoteIndex(examples),
		Cues:       cues,
		Claims:     len(examples),
	}
	m.TrainTime = time.Since(began)
	return m
}

// MemoryBytes estimates the model's memory: weights, idf and the quote
// index.
func (m *Model) MemoryBytes() int {
	n := m.Classifier.MemoryBytes()
	if m.Quotes != nil {
		n += m.Quotes.memoryBytes()
	}
	return n
}

// Suggest ranks the labels for the selection [start, end) of text, most
// likely first, each with its probability; empty only when the store has
// no labels. It reads only the paragraph around the selection.
func (m *Model) Suggest(text []rune, start, end int) []Scored {
	return m.Classifier.Predict(describe(text, start, end, "", m.Cues))
}

// Candidates finds the claims text most likely holds, in text order:
// attributed quotes, reported statements and quotes labelled in other
// articles. Spans that overlap a claim already made, or that the analyst
// rejected, are left out. It returns ctx's error when ctx is done first.
func (m *Model) Candidates(ctx context.Context, articleID uint64, text []rune, claims []storage.Claim, rejected Rejections) ([]Candidate, error) {
	statements, err := findStatements(ctx, text, m.Cues)
	if err != nil {
		return nil, err
	}
	proposed, err := m.propose(ctx, articleID, text, statements)
	if err != nil {
		return nil, err
	}
	return unclaimed(proposed, articleID, claims, rejected), nil
}

// propose labels the statements found in text and adds the quotes
// labelled in other articles, in text order. What it returns depends on
// the model and the text only, so the engine keeps it while the analyst
// edits the article's claims.
func (m *Model) propose(ctx context.Context, articleID uint64, text []rune, statements []statement) ([]Candidate, error) {
	propagated, err := m.Quotes.Find(ctx, articleID, text)
	if err != nil {
		return nil, err
	}
	// Propagated quotes carry the analyst's own label and speaker: they win
	// over the statements found here. Neither overlaps its own kind.
	out := propagated
	proposed := len(out)
	for _, s := range statements {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if overlapsCandidates(s.span.Start, s.span.End, out[:proposed]) {
			continue
		}
		out = append(out, m.label(text, s))
	}
	slices.SortStableFunc(out, func(a, b Candidate) int { return a.Start - b.Start })
	return out, nil
}

// unclaimed is proposed without the spans that overlap a claim or were
// rejected, in a slice of its own: proposed may be kept for a later call.
func unclaimed(proposed []Candidate, articleID uint64, claims []storage.Claim, rejected Rejections) []Candidate {
	var kept []Candidate
	for _, c := range proposed {
		if overlapsClaims(c.Start, c.End, claims) || (rejected != nil && rejected.Rejected(articleID, c.Start, c.End)) {
			continue
		}
		kept = append(kept, c)
	}
	return kept
}

// label gives a found statement its most likely label; the score weighs
// how sure the structure is by how sure the label is.
func (m *Model) label(text []rune, s statement) Candidate {
	lo, hi := paragraphAround(text, s.span.Start, s.span.End)
	ex := Example{
		Quote:   string(text[s.span.Start:s.span.End]),
		Context: contextOf(text, lo, hi, s.span.Start, s.span.End),
		Cue:     s.cue, Speaker: s.speaker,
	}
	c := Candidate{
		Start: s.span.Start, End: s.span.End, Quote: ex.Quote,
		Speaker: s.speaker, Target: s.target, Cue: s.cue, Kind: s.kind, Score: s.conf,
	}
	if ranked := m.Classifier.Predict(ex); len(ranked) > 0 {
		c.Label, c.Score = ranked[0].Label, s.conf*ranked[0].Score
	}
	return c
}

func overlapsCandidates(start, end int, cs []Candidate) bool {
	for _, c := range cs {
		if start < c.End && c.Start < end {
			return true
		}
	}
	return false
}

func overlapsClaims(start, end int, claims []storage.Claim) bool {
	for _, c := range claims {
		if start < c.End && c.Start < end {
			return true
		}
	}
	return false
}

// Engine keeps a Model current with the store: it learns every claim at
// the start, hears each committed change (Observe), and learns the store
// again in its own goroutine (Run), swapping the new model in when it is
// ready. Reads of the model never wait for training.
//
// It keeps nothing of the claims but the model: at 100,000 claims a copy
// of each claim's quote and paragraph, kept to retrain from, was 90 MB
// (README, Suggestions). Learning again reads the store, as the first
// learning did, and costs what retraining from those copies cost.
type Engine struct {
	src        Source
	cues       *Cues
	rejections Rejections
	model      atomic.Pointer[Model]
	kick       chan struct{}
	// trainingLimit is how many of the newest labelled claims the
	// classifier learns from: maxTrainingClaims but in tests.
	trainingLimit int
	// now and wait are the clock Follow rests by; tests give their own.
	now  func() time.Time
	wait func(ctx context.Context, d time.Duration) error

	mu      sync.Mutex
	pending []storage.Change
	onModel func(*Model)
	found   foundInArticle
}

// NewEngine makes an engine over src with the prior alone until Run has
// read the store. rejections may be nil.
func NewEngine(src Source, rejections Rejections, cues *Cues) *Engine {
	e := &Engine{src: src, cues: cues, rejections: rejections, kick: make(chan struct{}, 1), trainingLimit: maxTrainingClaims,
		now: time.Now, wait: sleep}
	e.model.Store(BuildModel(nil, nil, cues))
	return e
}

// Model is the model in use now.
func (e *Engine) Model() *Model { return e.model.Load() }

// OnModel registers fn to be called, on the engine's goroutine, after each
// new model is swapped in (the window refreshes its candidates then).
func (e *Engine) OnModel(fn func(*Model)) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.onModel = fn
}

// Suggest ranks the labels for a selection with the current model.
func (e *Engine) Suggest(text []rune, start, end int) []Scored {
	return e.Model().Suggest(text, start, end)
}

// Candidates finds an article's candidates with the current model,
// leaving out its claims and the spans rejected in it.
//
// Finding the statements is most of the work and depends on the text
// alone, labelling them on the model: both are kept for the last article
// asked about, so a change of its claims costs only leaving out what they
// cover, and a new model only the labelling (for a 50 MiB article that was
// a whole search, some 16 s of CPU, at every keystroke in a claim's fields).
func (e *Engine) Candidates(ctx context.Context, articleID uint64, text []rune, claims []storage.Claim) ([]Candidate, error) {
	m := e.Model()
	e.mu.Lock()
	found := e.found
	e.mu.Unlock()
	if found.articleID != articleID || found.length != len(text) || found.cues != m.Cues {
		statements, err := findStatements(ctx, text, m.Cues)
		if err != nil {
			return nil, err
		}
		found = foundInArticle{articleID: articleID, length: len(text), cues: m.Cues, statements: statements}
	}
	if found.model != m {
		proposed, err := m.propose(ctx, articleID, text, found.statements)
		if err != nil {
			return nil, err
		}
		found.model, found.proposed = m, proposed
	}
	e.mu.Lock()
	e.found = found
	e.mu.Unlock()
	return unclaimed(found.proposed, articleID, claims, e.rejections), nil
}

// foundInArticle is what Engine.Candidates keeps of the last article:
// the statements found in its text (an article's text never changes),
// and the candidates the model proposed from them.
type foundInArticle struct {
	articleID  uint64
	length     int
	cues       *Cues
	statements []statement
	model      *Model
	proposed   []Candidate
}

// Observe hears a committed change of the store (pass it to
// storage.Store.OnChange). It only notes the change: reading and training
// happen on the engine's goroutine.
func (e *Engine) Observe(c storage.Change) {
	switch c.Kind {
	case storage.ClaimAdded, storage.ClaimUpdated, storage.ClaimDeleted, storage.ArticleDeleted, storage.LabelsChanged:
	default:
		return
	}
	e.mu.Lock()
	e.pending = append(e.pending, c)
	e.mu.Unlock()
	select {
	case e.kick <- struct{}{}:
	default:
	}
}

// Run reads the store, trains the first model and then retrains after
// each batch of observed changes, until ctx is done.
func (e *Engine) Run(ctx context.Context) error {
	if err := e.Load(); err != nil {
		return err
	}
	return e.Follow(ctx)
}

// Follow retrains after each batch of observed changes until ctx is done,
// resting after each training four times as long as it took
// (restPerTraining). It is Run without its Load, for a caller that loads
// first and then does something else before following (the window gives
// the memory the load used back to the system).
func (e *Engine) Follow(ctx context.Context) error {
	var rested time.Time // when the next training may begin
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-e.kick:
			// Changes that come meanwhile wait with these: one training
			// takes them all.
			if err := e.wait(ctx, rested.Sub(e.now())); err != nil {
				return err
			}
			began := e.now()
			if err := e.Refresh(); err != nil {
				return err
			}
			rested = e.now().Add(restPerTraining * e.now().Sub(began))
		}
	}
}

// restPerTraining is how long Follow rests after a training, in units of
// that training's time: learning again from the whole store takes 2 s of
// a core at 100,000 claims and 10 s at a million, and an analyst editing
// claims at that size would otherwise keep a core busy training; so the
// engine trains at most a fifth of the time, and the model takes in new
// labels within a few trainings' time (at 100,000 claims, some 10 s).
const restPerTraining = 4

// sleep waits d, or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Load reads every claim of the store and trains a model on them.
func (e *Engine) Load() error {
	m, err := learn(e.src, e.cues, e.trainingLimit)
	if err != nil {
		return err
	}
	e.mu.Lock()
	onModel := e.onModel
	e.mu.Unlock()
	e.model.Store(m)
	if onModel != nil {
		onModel(m)
	}
	return nil
}

// Refresh learns the store again when changes were observed since the
// last training, so the model is the one Load would train now. Run calls
// it; tests call it to step.
func (e *Engine) Refresh() error {
	e.mu.Lock()
	changes := e.pending
	e.pending = nil
	e.mu.Unlock()
	if len(changes) == 0 {
		return nil
	}
	return e.Load()
}
