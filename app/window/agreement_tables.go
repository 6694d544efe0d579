package window

import (
	"fmt"
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"claimdesk/app/annotate"
	"claimdesk/app/team"
	"claimdesk/storage"
)

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
