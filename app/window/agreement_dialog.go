package window

import (
	"fmt"
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"claimdesk/app/annotate"
	"claimdesk/app/team"
	"claimdesk/storage"
)

// agreementDialog is Team > Agreement…: what `claimdesk agree` reports,
// from the same team.Agreement on the same snapshot of the store, with the
// command's filters as check boxes. The store is read and the report
// computed off the UI goroutine; each filter change computes anew, and a
// result that arrives after a newer change is dropped.
type agreementDialog struct {
	w    *mainWindow
	dlg  *dialog.CustomDialog
	snap *team.Snapshot

	annotators []*escapingCheck
	labels     []*escapingCheck
	filters    *fyne.Container
	measure    *escapingSelect

	state   *widget.Label // what is going on when there is no report to show
	busy    *widget.ProgressBarInfinite
	summary *widget.Label
	body    fyne.CanvasObject
	content *fyne.Container

	matrix     *escapingTable
	perLabel   *escapingTable
	perArticle *escapingTable

	report     team.Report
	generation int // of the computation whose report is awaited
	reads      int // of the read of the store whose snapshot is awaited
}

// The pairwise matrix shows one measure at a time; these are the choices.
const (
	measureExact    = "Exact F1"
	measureOverlap  = "Overlap F1"
	measureKappa    = "Cohen's κ"
	measureArticles = "Shared articles"
)

// showAgreement is Team > Agreement….
func (w *mainWindow) showAgreement() { w.openAgreement() }

// openAgreement opens the dialog and starts reading the store.
func (w *mainWindow) openAgreement() *agreementDialog {
	a := &agreementDialog{w: w}
	a.build()
	a.setState("Reading every annotator's claims…", true)
	w.agreement = a
	a.dlg.SetOnClosed(func() {
		if w.agreement == a {
			w.agreement = nil
		}
	})
	a.dlg.Show()
	a.read()
	return a
}

// read takes a snapshot of the store off the UI goroutine; a snapshot
// that arrives after a newer read was started is dropped.
func (a *agreementDialog) read() {
	a.reads++
	reads := a.reads
	a.w.inBackground(func() {
		snap, err := team.Load(a.w.store)
		fyne.Do(func() {
			if reads == a.reads {
				a.loaded(snap, err)
			}
		})
	})
}

// storeChanged measures again on a new snapshot, saying why: the team
// sync brought other annotators' claims while the dialog was open, and
// numbers of the store as it was would be read as the team's now.
func (a *agreementDialog) storeChanged(why string) {
	a.generation++ // a computation under way is of the old snapshot
	a.setState(why+": measuring again…", true)
	a.read()
}

func (a *agreementDialog) build() {
	w := a.w
	hide := func() { a.dlg.Hide() }
	a.state = widget.NewLabel("")
	a.state.Wrapping = fyne.TextWrapWord
	a.busy = widget.NewProgressBarInfinite()
	a.summary = widget.NewLabel("")
	a.summary.Wrapping = fyne.TextWrapWord
	a.filters = container.NewVBox()
	a.measure = newEscapingSelect([]string{measureExact, measureOverlap, measureKappa, measureArticles}, measureExact,
		func(string) { a.matrix.Refresh() }, hide)
	a.matrix = a.newMatrix(hide)
	a.perLabel = a.newLabelTable(hide)
	a.perArticle = a.newArticleTable(hide)

	pairs := container.NewBorder(container.NewBorder(nil, nil, heading("Pairs"), a.measure), nil, nil, nil, a.matrix)
	labels := container.NewBorder(heading("Per label"), nil, nil, nil, a.perLabel)
	top := container.NewHSplit(pairs, labels)
	top.Offset = 0.36
	articles := container.NewBorder(heading("Articles, worst first: click one, or Enter, to open it with every layer shown"), nil, nil, nil, a.perArticle)
	split := container.NewVSplit(top, articles)
	split.Offset = 0.5
	a.body = split
	head := container.NewVBox(a.filters, a.busy, a.state, a.summary)
	a.content = container.NewBorder(head, nil, nil, nil, a.body)

	a.dlg = dialog.NewCustomWithoutButtons("Agreement", a.content, w.win)
	a.dlg.SetButtons([]fyne.CanvasObject{newEscapingButton("Close", hide)})
	w.dialogKeys(a.dlg, false)
	// A 1,024×700 screen leaves the window about this much.
	a.dlg.Resize(fyne.NewSize(980, 620))
}

func heading(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// setState says what is going on; with a message the tables hide, as
// they would show nothing or numbers of an older choice.
func (a *agreementDialog) setState(message string, busy bool) {
	a.state.SetText(message)
	a.state.Hidden = message == ""
	a.state.Refresh()
	if busy {
		a.busy.Show()
		a.busy.Start()
	} else {
		a.busy.Stop()
		a.busy.Hide()
	}
	if message != "" {
		a.summary.Hide()
		a.body.Hide()
	}
	a.content.Refresh() // shown and hidden parts laid out anew
}

// loaded offers the annotators and labels as filters, or says plainly
// why there is no agreement to measure.
func (a *agreementDialog) loaded(snap *team.Snapshot, err error) {
	if err != nil {
		a.setState("Reading the store failed: "+err.Error(), false)
		return
	}
	a.snap = snap
	names := snap.Annotators()
	if len(names) < 2 {
		a.setState(fewAnnotators(names), false)
		return
	}
	hide := func() { a.dlg.Hide() }
	recompute := func(bool) { a.compute() }
	// Read again, the filters keep what the analyst unticked; who and
	// what is new comes ticked.
	untickedNames, untickedLabels := unticked(a.annotators), unticked(a.labels)
	a.annotators = nil
	for _, n := range names {
		name := annotate.AnnotatorName(n)
		a.annotators = append(a.annotators, newEscapingCheck(name, !untickedNames[name], recompute, hide))
	}
	a.labels = nil
	for _, l := range a.w.session.Labels() {
		a.labels = append(a.labels, newEscapingCheck(l.Name, !untickedLabels[l.Name], recompute, hide))
	}
	a.filters.Objects = []fyne.CanvasObject{filterRow("Annotators", a.annotators), filterRow("Labels", a.labels)}
	a.filters.Refresh()
	a.compute()
}

// unticked is the set of the texts of the checks not ticked.
func unticked(checks []*escapingCheck) map[string]bool {
	out := map[string]bool{}
	for _, c := range checks {
		if !c.Checked {
			out[c.Text] = true
		}
	}
	return out
}

// fewAnnotators says why a store with fewer than two annotators has no
// agreement, and how a second one comes in.
func fewAnnotators(names []string) string {
	who := "No annotator has made a claim in this store yet."
	if len(names) == 1 {
		who = "Only one annotator, " + annotate.AnnotatorName(names[0]) + ", has made claims in this store."
	}
	return who + " Agreement compares two annotators or more: join a team folder (Team > Join team folder…) " +
		"or import another annotator's claims (claimdesk import --annotator NAME)."
}

func filterRow(title string, checks []*escapingCheck) fyne.CanvasObject {
	row := container.NewHBox()
	for _, c := range checks {
		row.Add(c)
	}
	name := widget.NewLabel(title)
	return container.NewBorder(nil, nil, name, nil, container.NewHScroll(row))
}

// options are the filters as `claimdesk agree` takes them: every label
// ticked is no label filter, so claims of a label the store no longer
// lists count as they do on the command line.
func (a *agreementDialog) options() (team.AgreementOptions, string) {
	var opts team.AgreementOptions
	names := a.snap.Annotators()
	for i, c := range a.annotators {
		if c.Checked {
			opts.Annotators = append(opts.Annotators, names[i])
		}
	}
	if len(opts.Annotators) < 2 {
		return opts, "Tick two annotators or more to compare."
	}
	var labels []string
	for _, c := range a.labels {
		if c.Checked {
			labels = append(labels, c.Text)
		}
	}
	if len(labels) == 0 {
		return opts, "Tick one label or more."
	}
	if len(labels) < len(a.labels) {
		opts.Labels = labels
	}
	return opts, ""
}

// compute measures the agreement for the filters ticked now, in the
// background.
func (a *agreementDialog) compute() {
	a.generation++
	opts, problem := a.options()
	if problem != "" {
		a.setState(problem, false)
		return
	}
	generation := a.generation
	a.setState("Computing…", true)
	snap := a.snap
	a.w.inBackground(func() {
		r, err := team.Agreement(snap, opts)
		fyne.Do(func() {
			if generation == a.generation {
				a.show(r, err)
			}
		})
	})
}

func (a *agreementDialog) show(r team.Report, err error) {
	if err != nil {
		a.setState(err.Error(), false)
		return
	}
	a.report = r
	a.setState("", false)
	a.summary.SetText(summaryText(r))
	a.summary.Show()
	a.body.Show()
	a.content.Refresh()
	for _, t := range []*escapingTable{a.matrix, a.perLabel, a.perArticle} {
		t.UnselectAll()
		t.Refresh()
	}
}

// summaryText is the mean over the pairs and the coefficients over all
// the annotators, as `claimdesk agree` prints them.
func summaryText(r team.Report) string {
	shared := 0
	for _, p := range r.Pairs {
		if p.Articles > 0 {
			shared++
		}
	}
	return fmt.Sprintf("Mean of %s sharing articles: exact F1 %s · overlap F1 %s · Cohen's κ %s\n"+
		"All %d annotators: Krippendorff's α %s over %s · Fleiss' κ %s over %s",
		storage.Plural(shared, "pair"), r.Mean.ExactF1, r.Mean.OverlapF1, r.Mean.Kappa,
		len(r.Annotators), r.Krippendorff.Value, storage.Plural(r.Krippendorff.Articles, "article"),
		r.Fleiss.Value, storage.Plural(r.Fleiss.Articles, "article"))
}

// newMatrix is the pairwise matrix: annotators down and across, the
// chosen measure in each cell, a dash on the diagonal.
func (a *agreementDialog) newMatrix(onEscape func()) *escapingTable {
	t := newEscapingTable(onEscape)
	t.ShowHeaderRow, t.ShowHeaderColumn = true, true
	t.Length = func() (int, int) { return len(a.report.Annotators), len(a.report.Annotators) }
	t.CreateCell = numberCell
	t.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		o.(*widget.Label).SetText(a.matrixCell(id.Row, id.Col))
	}
	t.CreateHeader = headerCell
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		i := id.Row
		if id.Row < 0 {
			i = id.Col
		}
		if i >= 0 && i < len(a.report.Annotators) {
			o.(*widget.Label).SetText(annotate.AnnotatorName(a.report.Annotators[i]))
		}
	}
	t.SetColumnWidth(-1, 110) // the names
	for i := range 64 {
		t.SetColumnWidth(i, 100)
	}
	return t
}

func (a *agreementDialog) matrixCell(row, col int) string {
	names := a.report.Annotators
	if row >= len(names) || col >= len(names) {
		return ""
	}
	if row == col {
		return "—"
	}
	p, _ := a.report.Pair(names[row], names[col])
	switch a.measure.Selected {
	case measureOverlap:
		return p.OverlapF1.String()
	case measureKappa:
		return p.Kappa.String()
	case measureArticles:
		return strconv.Itoa(p.Articles)
	}
	return p.ExactF1.String()
}

// labelColumns are the per-label table's columns after the label itself.
var labelColumns = []string{"Pairs", "Exact F1", "Overlap F1", "Cohen's κ", "Kripp. α", "Fleiss' κ"}

func (a *agreementDialog) newLabelTable(onEscape func()) *escapingTable {
	t := newEscapingTable(onEscape)
	t.ShowHeaderRow = true
	t.Length = func() (int, int) { return len(a.report.Labels), 1 + len(labelColumns) }
	t.CreateCell = func() fyne.CanvasObject {
		swatch := canvas.NewRectangle(color.Transparent)
		swatch.SetMinSize(fyne.NewSize(12, 12))
		return container.NewBorder(nil, nil, container.NewCenter(swatch), nil, numberCell())
	}
	t.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		box := o.(*fyne.Container)
		text := box.Objects[0].(*widget.Label)
		swatch := box.Objects[1].(*fyne.Container).Objects[0].(*canvas.Rectangle)
		swatch.Hidden = id.Col != 0
		if id.Row >= len(a.report.Labels) {
			return
		}
		l := a.report.Labels[id.Row]
		if id.Col == 0 {
			swatch.FillColor = a.w.labelColour(l.Label)
			swatch.Refresh()
			text.Alignment = fyne.TextAlignLeading
			text.SetText(l.Label)
			return
		}
		text.Alignment = fyne.TextAlignTrailing
		text.SetText(a.labelCell(l, id.Col-1))
	}
	t.CreateHeader = headerCell
	t.UpdateHeader = columnHeaders(append([]string{"Label"}, labelColumns...))
	for i, width := range []float32{110, 56, 80, 96, 88, 80, 84} { // the label, then labelColumns
		t.SetColumnWidth(i, width)
	}
	return t
}

func (a *agreementDialog) labelCell(l team.LabelAgreement, col int) string {
	switch col {
	case 0:
		return strconv.Itoa(l.Pairs)
	case 1:
		return l.ExactF1.String()
	case 2:
		return l.OverlapF1.String()
	case 3:
		return l.Kappa.String()
	case 4:
		return byLabel(a.report.Krippendorff, l.Label)
	}
	return byLabel(a.report.Fleiss, l.Label)
}

// byLabel is a multi-annotator coefficient of one label, or a dash where
// the label was not used on the articles it is computed over.
func byLabel(m team.Multi, label string) string {
	v, ok := m.ByLabel[label]
	return team.Score{Value: v, Known: ok}.String()
}

// articleColumns are the per-article table's columns after the title.
var articleColumns = []string{"Pairs", "Exact F1", "Overlap F1", "Cohen's κ"}

func (a *agreementDialog) newArticleTable(onEscape func()) *escapingTable {
	t := newEscapingTable(onEscape)
	t.ShowHeaderRow = true
	t.Length = func() (int, int) { return len(a.report.Articles), 1 + len(articleColumns) }
	t.CreateCell = numberCell
	t.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		if id.Row >= len(a.report.Articles) {
			return
		}
		r := a.report.Articles[id.Row]
		l.Alignment = fyne.TextAlignTrailing
		switch id.Col {
		case 0:
			l.Alignment = fyne.TextAlignLeading
			l.SetText(storage.OneLine(r.Title))
		case 1:
			l.SetText(strconv.Itoa(r.Pairs))
		case 2:
			l.SetText(r.ExactF1.String())
		case 3:
			l.SetText(r.OverlapF1.String())
		case 4:
			l.SetText(r.Kappa.String())
		}
	}
	t.CreateHeader = headerCell
	t.UpdateHeader = columnHeaders(append([]string{"Article"}, articleColumns...))
	t.SetColumnWidth(0, 520)
	t.SetColumnWidth(1, 60)
	for i := 2; i <= len(articleColumns); i++ {
		t.SetColumnWidth(i, 110)
	}
	t.OnSelected = func(id widget.TableCellID) { a.open(id.Row) }
	return t
}

// open shows the article of row in the main window with every layer, so
// the claims the annotators disagree on are there to compare.
func (a *agreementDialog) open(row int) {
	if row < 0 || row >= len(a.report.Articles) {
		return
	}
	r := a.report.Articles[row]
	a.dlg.Hide()
	w := a.w
	w.endTyping()
	w.session.SetLayer(annotate.EveryoneLayer)
	w.openArticle(r.ID)
	w.footer.flash(fmt.Sprintf("Every layer shown: exact F1 %s, overlap F1 %s, Cohen's κ %s here.", r.ExactF1, r.OverlapF1, r.Kappa))
}

func numberCell() fyne.CanvasObject {
	l := widget.NewLabel("0.000")
	l.Alignment = fyne.TextAlignTrailing
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

func headerCell() fyne.CanvasObject {
	l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// columnHeaders names a table's columns, one name a column, in order.
func columnHeaders(names []string) func(widget.TableCellID, fyne.CanvasObject) {
	return func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(names) {
			o.(*widget.Label).SetText(names[id.Col])
		}
	}
}
