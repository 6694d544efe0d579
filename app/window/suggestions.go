package window

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"claimdesk/app/annotate"
	"claimdesk/app/articleview"
	"claimdesk/app/suggest"
	"claimdesk/storage"
)

// suggestions wires app/suggest into the window, as its package comment
// lays out: the engine learns from the store in its own goroutine, the
// open article's candidates are found in the background (the search before
// cancelled) and handed to the session, which the view then draws.
type suggestions struct {
	w      *mainWindow
	engine *suggest.Engine
	cancel context.CancelFunc // the open article's candidate search

	// text is the open article's text as code points, kept from the last
	// search so a selection's label is suggested without converting a
	// long article again on every selection.
	text   []rune
	textOf uint64

	learnt bool // a model has been in use
}

// largeArticle is the size above which a selection's label waits for the
// candidate search to have converted the text, rather than converting it
// on the UI goroutine.
const largeArticle = 1 << 20

// startSuggestions reads the rejected spans this store remembers, makes
// the engine (startLoading has it learn once the window is drawn) and asks
// for the open article's candidates whenever a new model is ready.
func (w *mainWindow) startSuggestions() {
	rejected := suggest.NewRejectedSpans()
	if raw := w.memory.place(w.store.Path()).Rejected; len(raw) > 0 {
		if err := json.Unmarshal(raw, rejected); err != nil {
			fmt.Fprintf(os.Stderr, "claimdesk: the rejected suggestions in the window's memory are unreadable (%v); starting without them\n", err)
		}
	}
	w.session.SetRejections(rejected)
	s := &suggestions{w: w, engine: suggest.NewEngine(w.store, rejected, suggest.English)}
	w.suggestions = s
	w.session.SetSuggester(s.labelFor)
	w.store.OnChange(s.engine.Observe)
	s.engine.OnModel(func(*suggest.Model) { fyne.Do(s.modelReady) })
}

// modelReady searches the open article with the model just in use. The
// first model ends the window's start-up: once its candidates are found,
// what start-up read to find them is garbage, and is returned at once.
func (s *suggestions) modelReady() {
	if s.learnt {
		s.search()
		return
	}
	s.learnt = true
	s.searchThen(s.w.returnGarbage)
}

// search finds the open article's candidates in the background, with the
// model in use now, cancelling a search still running for an older state.
func (s *suggestions) search() {
	s.searchThen(func() {})
}

// searchThen is search, running then in the background after the
// candidates are found (unless the search was cancelled).
func (s *suggestions) searchThen(then func()) {
	if s.cancel != nil {
		s.cancel()
	}
	a := s.w.session.Article()
	if a.ID == 0 {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	claims := s.w.session.Claims()
	text, textOf := s.text, s.textOf
	s.w.inBackground(func() {
		if textOf != a.ID {
			text = []rune(a.Text)
		}
		cands, err := s.engine.Candidates(ctx, a.ID, text, claims)
		if err != nil {
			return // cancelled: a newer search follows
		}
		then()
		fyne.Do(func() {
			if ctx.Err() != nil {
				return
			}
			s.text, s.textOf = text, a.ID
			s.w.session.SetCandidates(a.ID, cands)
		})
	})
}

// labelFor is the label most likely for [start, end) of the open article.
func (s *suggestions) labelFor(start, end int) string {
	a := s.w.session.Article()
	if s.textOf != a.ID {
		if len(a.Text) > largeArticle {
			return ""
		}
		s.text, s.textOf = []rune(a.Text), a.ID
	}
	if ranked := s.engine.Suggest(s.text, start, end); len(ranked) > 0 {
		return ranked[0].Label
	}
	return ""
}

// showCandidates draws the session's candidates and says what the keys
// do with the current one.
func (w *mainWindow) showCandidates() {
	cands := w.session.Candidates()
	drawn := make([]articleview.Candidate, len(cands))
	current := -1
	cur, has := w.session.CurrentCandidate()
	for i, c := range cands {
		drawn[i] = articleview.Candidate{Start: c.Start, End: c.End, Colour: w.labelColour(c.Label)}
		if has && c.Start == cur.Start && c.End == cur.End {
			current = i
		}
	}
	w.view.SetCandidates(drawn, current)
	if !has && w.candidateHint {
		w.footer.hint("")
	}
	w.candidateHint = has
	if has {
		w.view.ScrollToOffset(cur.Start)
		// The keys first: a long speaker is what the footer may cut off.
		what := cur.Label
		if cur.Speaker != "" {
			what += " · " + cur.Speaker
		}
		if cur.Target != "" {
			what += " → " + cur.Target
		}
		w.footer.hint(fmt.Sprintf("Enter accepts, Backspace rejects: %s (%.2f)", what, cur.Score))
	}
}

// rememberRejections keeps the rejected spans beside the window's place
// in this store, written at once as the rest of the memory is.
func (w *mainWindow) rememberRejections() {
	raw, err := json.Marshal(w.session.Rejections())
	if err != nil {
		fmt.Fprintf(os.Stderr, "claimdesk: %v\n", err)
		return
	}
	w.memory.place(w.store.Path()).Rejected = raw
	w.rememberPlace()
}

// stepCandidate is Tab and Shift+Tab in the text.
func (w *mainWindow) stepCandidate(forward bool) {
	w.view.ClearSelection()
	w.session.StepCandidate(forward)
}

// onEnter accepts the current candidate, or labels the selection with
// the label the bar marks as suggested.
func (w *mainWindow) onEnter() {
	if _, ok := w.session.CurrentCandidate(); ok {
		w.acceptCandidate("")
		return
	}
	if w.session.SuggestedLabel() != "" {
		w.applyLabel(w.session.SuggestedLabel())
	}
}

func (w *mainWindow) acceptCandidate(label string) {
	if err := w.session.AcceptCandidate(label); err != nil && !errors.Is(err, annotate.ErrNoCandidate) {
		w.showError("Accepting the suggestion", err)
		return
	}
	w.footer.flash("Accepted the suggestion (Ctrl+Z takes it back).")
}

func (w *mainWindow) rejectCandidate() {
	if err := w.session.RejectCandidate(); err == nil {
		w.footer.flash("Rejected: it will not be suggested again here (Ctrl+Z takes it back).")
	}
}

// candidateKey handles the keys of a current candidate and reports
// whether it took the key.
func (w *mainWindow) candidateKey(ev *fyne.KeyEvent) bool {
	if _, ok := w.session.CurrentCandidate(); !ok {
		return false
	}
	switch ev.Name {
	case fyne.KeyBackspace:
		w.rejectCandidate()
		return true
	}
	return false
}

// defaultMinScore is where "accept all above" starts: on the evaluation
// set, candidates scored this high were claims with that label far more
// often than not.
const defaultMinScore = 0.8

// askAcceptAbove asks for a score and accepts every candidate of the open
// article scored at least that, as one undo step.
func (w *mainWindow) askAcceptAbove() {
	var d *dialog.FormDialog
	entry := newEscapingEntry(func() { d.Hide() })
	entry.SetText(strconv.FormatFloat(defaultMinScore, 'f', 2, 64))
	count := widget.NewLabel("")
	minScore := func() (float64, bool) {
		s, err := strconv.ParseFloat(strings.TrimSpace(strings.ReplaceAll(entry.Text, ",", ".")), 64)
		return s, err == nil && s >= 0 && s <= 1
	}
	recount := func(string) {
		s, ok := minScore()
		if !ok {
			count.SetText("A score is a number from 0 to 1.")
			return
		}
		count.SetText(storage.Plural(len(suggest.Above(w.session.Candidates(), s)), "suggestion") + " in this article")
	}
	entry.OnChanged = recount
	recount(entry.Text)
	d = dialog.NewForm("Accept suggestions", "Accept", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Score at least", entry),
		widget.NewFormItem("", count),
	}, func(ok bool) {
		s, valid := minScore()
		if ok && valid {
			n, err := w.session.AcceptCandidatesAbove(s)
			if err != nil {
				w.showError("Accepting the suggestions", err)
			} else {
				w.footer.flash(fmt.Sprintf("Accepted %s (Ctrl+Z takes them back).", storage.Plural(n, "suggestion")))
			}
		}
		w.focusText()
	}, w.win)
	entry.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(420, 200))
	releaseFocusOnClose(d, entry)
	d.Show()
	w.win.Canvas().Focus(entry)
}

// evaluationFolds is how many parts the store's articles are split into
// when the suggestions are measured, as claimdesk suggest --evaluate does.
const evaluationFolds = 5

// showEvaluation measures how good the suggestions are on this store's
// own claims, off the UI goroutine, and shows the report; closing the
// dialog stops a measurement still running.
func (w *mainWindow) showEvaluation() {
	report := widget.NewLabelWithStyle("Measuring: each fifth of the articles is suggested for by a model trained on the rest…",
		fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	report.Wrapping = fyne.TextWrapWord
	busy := widget.NewProgressBarInfinite()
	d := dialog.NewCustom("How good are the suggestions?", "Close", container.NewBorder(busy, nil, nil, nil, container.NewScroll(report)), w.win)
	d.Resize(fyne.NewSize(760, 600))
	ctx, cancel := context.WithCancel(context.Background())
	w.dialogKeys(d, true)
	d.SetOnClosed(cancel)
	d.Show()
	w.inBackground(func() {
		text := evaluationReport(ctx, w.store)
		fyne.Do(func() {
			busy.Stop()
			busy.Hide()
			report.Wrapping = fyne.TextWrapOff
			report.SetText(text)
		})
	})
}

// evaluationReport is the text of claimdesk suggest --evaluate for store,
// or what stopped it.
func evaluationReport(ctx context.Context, store *storage.Store) string {
	corpus, err := suggest.LoadCorpus(store)
	if err != nil {
		return "Reading the claims failed: " + err.Error()
	}
	r, err := suggest.Evaluate(ctx, corpus, evaluationFolds, suggest.English)
	if err != nil {
		return "The suggestions could not be measured: " + err.Error()
	}
	var b strings.Builder
	r.WriteText(&b)
	return b.String()
}
