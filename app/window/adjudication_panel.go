package window

import (
	"errors"
	"fmt"
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/app/annotate"
	"claimdesk/app/team"
	"claimdesk/storage"
)

// adjudicationPanel takes the articles' place on the left while the
// analyst builds gold for the open article (Team > Adjudicate…): every
// distinct claim the annotators made, in text order, with a lane per
// annotator telling who made it and gold's own lane, open disagreements
// marked, and the disagreements left on top. The text in the centre shows
// the gold layer being built.
type adjudicationPanel struct {
	w        *mainWindow
	box      *fyne.Container
	progress *widget.Label
	who      *widget.Label // the annotators adjudicated
	agreedBy *widget.Select
	list     *widget.List
	chosen   *fyne.Container // the chosen claim's versions, each to accept, and Reject
	cands    []team.Candidate
	marking  bool // the list mirrors the session's choice; its handler stays quiet
}

func newAdjudicationPanel(w *mainWindow) *adjudicationPanel {
	p := &adjudicationPanel{w: w,
		progress: &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord},
		who:      &widget.Label{Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis},
		agreedBy: widget.NewSelect(nil, nil),
		chosen:   container.NewVBox(),
	}
	p.list = widget.NewList(func() int { return len(p.cands) }, p.createItem, p.updateItem)
	p.list.OnSelected = func(i widget.ListItemID) {
		if !p.marking && i < len(p.cands) {
			w.session.ChooseClaimToDecide(p.cands[i].ClaimKey)
			w.revealChosen()
		}
	}
	title := widget.NewLabelWithStyle("Adjudicating", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	done := &widget.Button{Text: "Done", Icon: theme.ConfirmIcon(), OnTapped: w.stopAdjudicating}
	acceptAll := &widget.Button{Text: "Accept all agreed", OnTapped: w.acceptAgreed}
	agreed := container.NewVBox(container.NewBorder(nil, nil, widget.NewLabel("Agreed by at least"), nil, p.agreedBy), acceptAll)
	keys := &widget.Label{Text: "Ctrl+N / Ctrl+P next / previous disagreement · Ctrl+Shift+A accept · Ctrl+Shift+X reject",
		Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord}
	header := container.NewVBox(container.NewBorder(nil, nil, title, done), p.progress, p.who, agreed, widget.NewSeparator())
	footer := container.NewVBox(widget.NewSeparator(), p.chosen, keys)
	p.box = container.NewBorder(header, footer, nil, nil, p.list)
	p.box.Hidden = true
	return p
}

func (p *adjudicationPanel) container() fyne.CanvasObject { return p.box }

// refresh shows the open article's adjudication as the session has it
// now, or hides the panel when the session is not adjudicating.
func (p *adjudicationPanel) refresh() {
	s := p.w.session
	adj := s.Adjudication()
	p.box.Hidden = adj == nil
	if adj == nil {
		p.cands = nil
		p.box.Refresh()
		return
	}
	p.cands = adj.Candidates()
	p.progress.SetText(progressText(adj.DisagreementsLeft(), len(p.cands)))
	names := adj.Annotators()
	p.who.SetText(fmt.Sprintf("%s: %s", storage.Plural(len(names), "annotator"), joinNames(names)))
	p.refreshAgreedBy(len(names))
	p.list.Refresh()
	p.markChosen()
	p.refreshChosen()
	p.box.Refresh()
}

// progressText is the panel's headline: what is left to decide.
func progressText(left, candidates int) string {
	switch {
	case candidates == 0:
		return "No claims to adjudicate in this article"
	case left == 0:
		return "No disagreements left"
	}
	return fmt.Sprintf("%s left", storage.Plural(left, "disagreement"))
}

func joinNames(names []string) string {
	out := ""
	for i, n := range names {
		if i > 0 {
			out += ", "
		}
		out += annotate.AnnotatorName(n)
	}
	return out
}

// refreshAgreedBy offers K from 1 to the number of annotators, everyone
// agreeing first chosen.
func (p *adjudicationPanel) refreshAgreedBy(annotators int) {
	options := make([]string, annotators)
	for i := range options {
		options[i] = strconv.Itoa(i + 1)
	}
	p.agreedBy.Options = options
	if k, err := strconv.Atoi(p.agreedBy.Selected); err != nil || k > annotators || k < 1 {
		p.agreedBy.Selected = strconv.Itoa(max(annotators, 1))
	}
	p.agreedBy.Refresh()
}

// agreedK is the K chosen for Accept all agreed.
func (p *adjudicationPanel) agreedK() int {
	k, _ := strconv.Atoi(p.agreedBy.Selected)
	return k
}

// markChosen selects the session's chosen claim in the list.
func (p *adjudicationPanel) markChosen() {
	p.marking = true
	defer func() { p.marking = false }()
	c, ok := p.w.session.ClaimToDecide()
	for i := range p.cands {
		if ok && p.cands[i].ClaimKey == c.ClaimKey {
			p.list.Select(i)
			p.list.ScrollTo(i)
			return
		}
	}
	p.list.UnselectAll()
}

// refreshChosen lists the chosen claim's versions, one per annotator who
// made it, each with its Accept button, then Reject.
func (p *adjudicationPanel) refreshChosen() {
	p.chosen.RemoveAll()
	c, ok := p.w.session.ClaimToDecide()
	if !ok {
		p.chosen.Add(&widget.Label{Text: "Choose a claim: click it, or Ctrl+N for the next disagreement.", Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance})
		return
	}
	quote := storage.OneLine(c.Claims[0].Quote)
	p.chosen.Add(&widget.Label{Text: fmt.Sprintf("%s %d–%d “%s”", c.Label, c.Start, c.End, quote), TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis})
	for i, name := range c.Annotators {
		details := speakerLine(c.Claims[i].Speaker, c.Claims[i].Target, c.Claims[i].Note)
		accept := &widget.Button{Text: "Accept " + annotate.AnnotatorName(name) + "'s", Icon: theme.ContentAddIcon(), OnTapped: func() { p.w.acceptFrom(name) }}
		p.chosen.Add(container.NewBorder(nil, nil, nil, accept, &widget.Label{Text: details, Truncation: fyne.TextTruncateEllipsis}))
	}
	p.chosen.Add(&widget.Button{Text: "Reject", Icon: theme.CancelIcon(), Importance: widget.DangerImportance, OnTapped: p.w.rejectFromGold})
}

func (p *adjudicationPanel) createItem() fyne.CanvasObject {
	label := &widget.Label{TextStyle: fyne.TextStyle{Bold: true}}
	state := &widget.Label{}
	quote := &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	// A chip in the template gives the list a row's full height; the
	// lanes are drawn anew for each row, as articles have different
	// numbers of annotators.
	lanes := container.NewHBox(laneChip(team.Gold, false, color.Transparent))
	return newLabelledRow(container.NewBorder(nil, nil, label, state), quote, lanes)
}

func (p *adjudicationPanel) updateItem(row widget.ListItemID, item fyne.CanvasObject) {
	if row >= len(p.cands) {
		return
	}
	c := p.cands[row]
	lines := p.w.paintLabelledRow(item, c.Label)
	first := lines[0].(*fyne.Container)
	first.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%s %d–%d", shortLabelName(c.Label), c.Start, c.End))
	state := first.Objects[1].(*widget.Label)
	state.Text, state.Importance = candidateState(c)
	state.Refresh()
	lines[1].(*widget.Label).SetText("“" + storage.OneLine(c.Claims[0].Quote) + "”")
	p.fillLanes(lines[2].(*fyne.Container), c)
}

// candidateState is the word a row ends with, coloured: an open
// disagreement stands out, decided ones recede.
func candidateState(c team.Candidate) (string, widget.Importance) {
	switch {
	case c.InGold:
		return "in gold", widget.SuccessImportance
	case c.Rejected:
		return "rejected", widget.LowImportance
	case c.Open:
		return "≠ disagreement", widget.DangerImportance
	case c.Agreed:
		return "= agreed", widget.MediumImportance
	}
	return "edited in gold", widget.LowImportance
}

// fillLanes draws one lane per annotator, filled in the claim's label
// colour where they made it and empty where not, then gold's.
func (p *adjudicationPanel) fillLanes(lanes *fyne.Container, c team.Candidate) {
	names := p.w.session.Adjudication().Annotators()
	lanes.RemoveAll()
	colour := p.w.labelColour(c.Label)
	for _, name := range names {
		made := false
		for _, who := range c.Annotators {
			made = made || who == name
		}
		lanes.Add(laneChip(annotate.AnnotatorName(name), made, colour))
	}
	lanes.Add(laneChip(team.Gold, c.InGold, colour))
}

// laneChip is one annotator's lane in a row: their name on the label's
// colour where they made the claim, crossed out in grey where not.
func laneChip(name string, made bool, colour color.Color) fyne.CanvasObject {
	bg := canvas.NewRectangle(color.Transparent)
	bg.CornerRadius = 3
	bg.StrokeWidth = 1
	bg.StrokeColor = theme.Color(theme.ColorNameDisabled)
	text := &widget.Label{Text: shortLabelName(name), Importance: widget.LowImportance}
	if made {
		r, g, b, _ := colour.RGBA()
		bg.FillColor = color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x60}
		bg.StrokeColor = colour
		text.Importance = widget.MediumImportance
	} else {
		text.Text = "– " + text.Text
	}
	return container.NewStack(bg, text)
}

// startAdjudicating opens the adjudication of the open article in the
// left column, widened for its lanes.
func (w *mainWindow) startAdjudicating() {
	w.endTyping()
	if err := w.session.StartAdjudicating(); err != nil {
		w.showError("Adjudicating", err)
		return
	}
	w.focusText()
}

// stopAdjudicating gives the left column back to the articles.
func (w *mainWindow) stopAdjudicating() {
	w.session.StopAdjudicating()
	w.focusText()
}

// showAdjudicating swaps the left column to the adjudication panel, or
// back, as the session adjudicates or not.
func (w *mainWindow) showAdjudicating() {
	on := w.session.Adjudicating()
	wasOn := !w.adjudication.box.Hidden
	w.adjudication.refresh()
	if on {
		w.articlesColumn.Hide()
	} else {
		w.articlesColumn.Show()
	}
	if on != wasOn && w.outer != nil {
		w.outer.SetOffset(leftColumnShare(w.outer.Size().Width, on))
	}
}

// The articles' column takes a fifth of the window; the adjudication
// panel needs room for its lanes and takes what the text and the claims'
// column can spare, up to adjudicationWidth.
const (
	articlesShare      = 0.2
	adjudicationWidth  = 380
	centreAndClaimsMin = 420 + 250 + 30 // their atLeast widths and the dividers
)

// leftColumnShare is the share of the window's width the left column
// takes, with the adjudication panel in it or the articles.
func leftColumnShare(width float32, adjudicating bool) float64 {
	if !adjudicating || width <= 0 {
		return articlesShare
	}
	left := min(adjudicationWidth, width-centreAndClaimsMin)
	return max(articlesShare, float64(left/width))
}

func (w *mainWindow) stepDisagreement(forward bool) {
	if !w.session.Adjudicating() {
		w.footer.flash(annotate.ErrNotAdjudicating.Error())
		return
	}
	if !w.session.StepDisagreement(forward) {
		w.footer.flash("No disagreements left in this article.")
		return
	}
	w.revealChosen()
}

// revealChosen scrolls the text to the claim being decided.
func (w *mainWindow) revealChosen() {
	if c, ok := w.session.ClaimToDecide(); ok {
		w.view.ScrollToOffset(c.Start)
	}
	w.focusText()
}

func (w *mainWindow) acceptIntoGold() { w.acceptFrom("") }

func (w *mainWindow) acceptFrom(annotator string) {
	w.endTyping()
	w.adjudicationDone(w.session.AcceptIntoGold(annotator))
}

func (w *mainWindow) rejectFromGold() {
	w.endTyping()
	w.adjudicationDone(w.session.RejectFromGold())
}

func (w *mainWindow) acceptAgreed() {
	w.endTyping()
	if !w.session.Adjudicating() {
		w.footer.flash(annotate.ErrNotAdjudicating.Error())
		return
	}
	k := w.adjudication.agreedK()
	n, err := w.session.AcceptAgreed(k)
	if err == nil {
		w.footer.flash(fmt.Sprintf("Gold took %s agreed by at least %d.", storage.Plural(n, "claim"), k))
	}
	w.adjudicationDone(err)
}

// adjudicationDone tells of a refused decision in the footer, as the
// analyst's to read, and gives the keys back to the text.
func (w *mainWindow) adjudicationDone(err error) {
	switch {
	case errors.Is(err, annotate.ErrNotAdjudicating), errors.Is(err, annotate.ErrNoClaimChosen):
		w.footer.flash(err.Error())
	case err != nil:
		w.showError("Adjudicating", err)
	}
	w.focusText()
}
