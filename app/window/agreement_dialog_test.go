package window

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"claimdesk/app/team"
	"claimdesk/storage"
)

// twoAnnotators stores two articles that ana and bob both labelled: on the
// first they agree on "Officials" and disagree on the rest, on the second
// bob labelled one word ana left. It returns the articles' ids.
func agreementBetweenTwo(t *testing.T, w *mainWindow) (first, second uint64) {
	t.Helper()
	add := func(title, text string) uint64 {
		a, _, err := w.store.AddArticle(storage.Article{Title: title, Text: text})
		if err != nil {
			t.Fatal(err)
		}
		return a.ID
	}
	first = add("Border talks", "Border talks\n\nOfficials denied that anything happened at the border.\n")
	second = add("Fishing quotas", "Fishing quotas\n\nThe minister praised the fishermen for their patience.\n")
	claims := []storage.Claim{
		{ArticleID: first, Start: 14, End: 23, Label: "denial", Annotator: "ana"},
		{ArticleID: first, Start: 14, End: 23, Label: "denial", Annotator: "bob"},
		{ArticleID: first, Start: 24, End: 30, Label: "denial", Annotator: "ana"},
		{ArticleID: first, Start: 24, End: 35, Label: "accusation", Annotator: "bob"},
		{ArticleID: second, Start: 16, End: 50, Label: "praise", Annotator: "ana"},
		{ArticleID: second, Start: 20, End: 50, Label: "praise", Annotator: "bob"},
		{ArticleID: second, Start: 61, End: 69, Label: "accusation", Annotator: "bob"},
	}
	for _, c := range claims {
		if _, err := w.store.AddClaim(c); err != nil {
			t.Fatal(err)
		}
	}
	return first, second
}

// agreeJSON is what `claimdesk agree --json` prints for the store with
// opts: the command reads the snapshot and writes the report just so.
func agreeJSON(t *testing.T, store *storage.Store, opts team.AgreementOptions) string {
	t.Helper()
	snap, err := team.Load(store)
	if err != nil {
		t.Fatal(err)
	}
	r, err := team.Agreement(snap, opts)
	if err != nil {
		t.Fatal(err)
	}
	out, err := r.WriteJSON()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func shownJSON(t *testing.T, a *agreementDialog) string {
	t.Helper()
	out, err := a.report.WriteJSON()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// cellText is what a table shows in one cell.
func cellText(t *testing.T, table *escapingTable, row, col int) string {
	t.Helper()
	o := table.CreateCell()
	table.UpdateCell(widget.TableCellID{Row: row, Col: col}, o)
	switch o := o.(type) {
	case *widget.Label:
		return o.Text
	case *fyne.Container:
		return o.Objects[0].(*widget.Label).Text
	}
	t.Fatalf("cell %d,%d is a %T", row, col, o)
	return ""
}

func TestAgreementDialogShowsWhatAgreePrints(t *testing.T) {
	w := newTestWindow(t)
	agreementBetweenTwo(t, w)
	a := w.openAgreement()
	if !w.dialogOpen() {
		t.Fatal("Team > Agreement… opened no dialog")
	}
	want := agreeJSON(t, w.store, team.AgreementOptions{})
	if got := shownJSON(t, a); got != want {
		t.Fatalf("the dialog's report differs from agree --json:\n%s\nwant\n%s", got, want)
	}
	r := a.report
	p, _ := r.Pair("ana", "bob")
	for measure, value := range map[string]string{measureExact: p.ExactF1.String(), measureOverlap: p.OverlapF1.String(),
		measureKappa: p.Kappa.String(), measureArticles: "2"} {
		a.measure.SetSelected(measure)
		if got := cellText(t, a.matrix, 0, 1); got != value {
			t.Errorf("matrix cell ana–bob shows %q for %s, want %q", got, measure, value)
		}
		if got := cellText(t, a.matrix, 1, 0); got != value {
			t.Errorf("the matrix is not symmetric: bob–ana shows %q for %s, want %q", got, measure, value)
		}
	}
	if got := cellText(t, a.matrix, 0, 0); got != "—" {
		t.Errorf("the diagonal shows %q", got)
	}
	for _, s := range []string{r.Mean.ExactF1.String(), r.Mean.OverlapF1.String(), r.Mean.Kappa.String(), r.Krippendorff.Value.String(), r.Fleiss.Value.String()} {
		if !strings.Contains(a.summary.Text, s) {
			t.Errorf("the summary %q lacks %s", a.summary.Text, s)
		}
	}
	if rows, _ := a.perLabel.Length(); rows != 3 {
		t.Fatalf("%d label rows, want denial, accusation and praise", rows)
	}
	for i, l := range r.Labels {
		if got := cellText(t, a.perLabel, i, 0); got != l.Label {
			t.Errorf("label row %d is %q, want %q", i, got, l.Label)
		}
		if got := cellText(t, a.perLabel, i, 2); got != l.ExactF1.String() {
			t.Errorf("label %s shows exact F1 %q, want %s", l.Label, got, l.ExactF1)
		}
		if got := cellText(t, a.perLabel, i, 5); got != byLabel(r.Krippendorff, l.Label) {
			t.Errorf("label %s shows α %q, want %s", l.Label, got, byLabel(r.Krippendorff, l.Label))
		}
	}
	// Worst first: the fishing article, where bob's extra claim halves
	// exact F1 to 0, comes before the border talks (1 of 2 and 2 claims).
	if got := cellText(t, a.perArticle, 0, 0); got != "Fishing quotas" || len(r.Articles) != 2 {
		t.Errorf("the worst article is %q of %d, want Fishing quotas", got, len(r.Articles))
	}
	if got := cellText(t, a.perArticle, 1, 2); got != r.Articles[1].ExactF1.String() {
		t.Errorf("second article shows exact F1 %q, want %s", got, r.Articles[1].ExactF1)
	}
}

func TestAgreementDialogFiltersAsTheCommandLine(t *testing.T) {
	w := newTestWindow(t)
	agreementBetweenTwo(t, w)
	a := w.openAgreement()
	for _, c := range a.labels {
		if c.Text != "denial" {
			test.Tap(c) // untick
		}
	}
	want := agreeJSON(t, w.store, team.AgreementOptions{Labels: []string{"denial"}})
	if got := shownJSON(t, a); got != want {
		t.Fatalf("with only denial ticked the dialog shows\n%s\nwant agree --label denial's\n%s", got, want)
	}
	for _, c := range a.labels {
		if c.Checked {
			test.Tap(c)
		}
	}
	if !strings.Contains(a.state.Text, "one label") || a.body.Visible() {
		t.Errorf("with no label ticked the dialog says %q, body shown %v", a.state.Text, a.body.Visible())
	}
	test.Tap(a.labels[0])
	test.Tap(a.annotators[1])
	if !strings.Contains(a.state.Text, "two annotators") || a.body.Visible() {
		t.Errorf("with one annotator ticked the dialog says %q, body shown %v", a.state.Text, a.body.Visible())
	}
	test.Tap(a.annotators[1])
	if a.state.Visible() || !a.body.Visible() {
		t.Errorf("ticked again, the dialog still says %q", a.state.Text)
	}
}

func TestAgreementDialogComputesOffTheUIGoroutine(t *testing.T) {
	w := newTestWindow(t)
	agreementBetweenTwo(t, w)
	queued := queueBackground(w)
	a := w.openAgreement()
	if !a.busy.Visible() || !strings.Contains(a.state.Text, "Reading") || a.body.Visible() {
		t.Fatalf("while reading the store the dialog shows %q, busy %v", a.state.Text, a.busy.Visible())
	}
	queued.runAll()
	if a.busy.Visible() || !a.body.Visible() {
		t.Fatal("the report did not show once computed")
	}
	// Two changes in a row: the first result, arriving late, is dropped.
	test.Tap(a.labels[0])
	if !strings.Contains(a.state.Text, "Computing") {
		t.Errorf("a filter change says %q while computing", a.state.Text)
	}
	test.Tap(a.labels[0])
	first := queued.takeFirst()
	queued.runAll()
	latest := shownJSON(t, a)
	first()
	if got := shownJSON(t, a); got != latest || got != agreeJSON(t, w.store, team.AgreementOptions{}) {
		t.Errorf("a late result of an older filter replaced the newest:\n%s", got)
	}
}

func TestAgreementDialogSaysSoWithFewerThanTwoAnnotators(t *testing.T) {
	w := newTestWindow(t)
	art, _, err := w.store.AddArticle(storage.Article{Title: "Solo", Text: "Solo\n\nOfficials denied it.\n"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.store.AddClaim(storage.Claim{ArticleID: art.ID, Start: 6, End: 15, Label: "denial", Annotator: "ana"}); err != nil {
		t.Fatal(err)
	}
	snap, err := team.Load(w.store)
	if err != nil {
		t.Fatal(err)
	}
	a := w.openAgreement()
	if len(snap.Annotators()) >= 2 {
		t.Fatalf("the test store has annotators %q", snap.Annotators())
	}
	if !strings.Contains(a.state.Text, "Agreement compares two annotators or more") || a.body.Visible() || a.busy.Visible() {
		t.Errorf("the dialog says %q (body shown %v)", a.state.Text, a.body.Visible())
	}
}

func TestAgreementDialogOpensAnArticleWithEveryLayer(t *testing.T) {
	for _, how := range []string{"click", "Enter"} {
		t.Run(how, func(t *testing.T) {
			w := newTestWindow(t)
			agreementBetweenTwo(t, w)
			w.session.SetAnnotator("ana")
			w.session.SetLayer(w.session.LayerChoices()[0]) // Mine
			a := w.openAgreement()
			want := a.report.Articles[0]
			if how == "click" {
				a.perArticle.Select(widget.TableCellID{Row: 0, Col: 0})
			} else {
				w.win.Canvas().Focus(a.perArticle)
				a.perArticle.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
			}
			if w.dialogOpen() {
				t.Fatal("the dialog stayed open")
			}
			if got := w.session.Article().ID; got != want.ID {
				t.Errorf("article %d open, want %d (%s)", got, want.ID, want.Title)
			}
			if got := w.layers.choice.Selected; got != "Everyone" {
				t.Errorf("the Layer select shows %q, want Everyone", got)
			}
			if n := len(w.session.Claims()); n != 3 {
				t.Errorf("%d claims shown on %s, want ana's and bob's 3", n, want.Title)
			}
		})
	}
}

func TestAgreementDialogClosesOnEscapeWhereverTheFocusIs(t *testing.T) {
	w := newTestWindow(t)
	agreementBetweenTwo(t, w)
	for _, focus := range []func(a *agreementDialog) fyne.Focusable{
		func(*agreementDialog) fyne.Focusable { return nil },
		func(a *agreementDialog) fyne.Focusable { return a.annotators[0] },
		func(a *agreementDialog) fyne.Focusable { return a.labels[1] },
		func(a *agreementDialog) fyne.Focusable { return a.measure },
		func(a *agreementDialog) fyne.Focusable { return a.matrix },
		func(a *agreementDialog) fyne.Focusable { return a.perLabel },
		func(a *agreementDialog) fyne.Focusable { return a.perArticle },
	} {
		a := w.openAgreement()
		esc := &fyne.KeyEvent{Name: fyne.KeyEscape}
		if f := focus(a); f != nil {
			w.win.Canvas().Focus(f)
			f.TypedKey(esc)
		} else {
			w.win.Canvas().OnTypedKey()(esc)
		}
		if w.dialogOpen() {
			t.Fatalf("Esc with %T focused left the dialog open", focus(a))
		}
	}
}

func TestAgreementDialogIsWalkedWithTab(t *testing.T) {
	w := newTestWindow(t)
	agreementBetweenTwo(t, w)
	a := w.openAgreement()
	reached := map[fyne.Focusable]bool{}
	for range 40 {
		w.win.Canvas().FocusNext()
		reached[w.win.Canvas().Focused()] = true
	}
	for name, f := range map[string]fyne.Focusable{"the first annotator's tick": a.annotators[0], "the last label's tick": a.labels[len(a.labels)-1],
		"the measure select": a.measure, "the matrix": a.matrix, "the label table": a.perLabel, "the article table": a.perArticle} {
		if !reached[f] {
			t.Errorf("Tab never reaches %s", name)
		}
	}
	// Space on a tick, as on any check box, filters at once.
	w.win.Canvas().Focus(a.labels[0])
	a.labels[0].TypedRune(' ')
	if a.labels[0].Checked {
		t.Fatal("Space did not untick the label")
	}
	if got, want := shownJSON(t, a), agreeJSON(t, w.store, team.AgreementOptions{Labels: []string{"accusation", "praise"}}); got != want {
		t.Errorf("unticked by keyboard, the dialog shows\n%s\nwant\n%s", got, want)
	}
}

// TestAgreementDialogMeasuresAgainWhenASyncBringsClaims: a team sync that
// brings another annotator's claims while the dialog is open reads the
// store again and measures anew, the newcomer ticked and what the analyst
// unticked left so.
func TestAgreementDialogMeasuresAgainWhenASyncBringsClaims(t *testing.T) {
	w := newTestWindow(t)
	dir := filepath.Join(t.TempDir(), "team")
	joinTeam(t, w, dir, "ana")
	dragOver(t, w, "interfering")
	test.Type(w.view, "1")
	bobsLayer(t, w, dir)
	w.syncNow()
	a := w.openAgreement()
	if len(a.annotators) != 2 || !a.body.Visible() {
		t.Fatalf("%d annotators, report shown %v: %q", len(a.annotators), a.body.Visible(), a.state.Text)
	}
	for _, c := range a.labels {
		if c.Text == "praise" {
			test.Tap(c) // untick
		}
	}

	layerOf(t, w, dir, "carol", "interfering")
	w.syncNow()
	names := []string{}
	for _, c := range a.annotators {
		if !c.Checked {
			t.Errorf("annotator %s is not ticked after the sync", c.Text)
		}
		names = append(names, c.Text)
	}
	if len(names) != 3 || names[2] != "carol" {
		t.Fatalf("after carol's layer came in the dialog offers %v", names)
	}
	for _, c := range a.labels {
		if c.Checked == (c.Text == "praise") {
			t.Errorf("label %s ticked %v after the sync", c.Text, c.Checked)
		}
	}
	want := agreeJSON(t, w.store, team.AgreementOptions{Labels: []string{"denial", "accusation"}})
	if got := shownJSON(t, a); got != want {
		t.Fatalf("after the sync the dialog shows\n%s\nwant agree --label denial --label accusation's\n%s", got, want)
	}

	a.dlg.Hide()
	if w.agreement != nil {
		t.Error("the closed dialog is still the window's")
	}
	layerOf(t, w, dir, "dan", "absurd")
	w.syncNow() // measuring for a closed dialog would be wasted, and is not done
}
