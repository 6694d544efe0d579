package window

import (
	"fmt"

	"fyne.io/fyne/v2"
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
