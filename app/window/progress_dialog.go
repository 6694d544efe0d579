package window

import (
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/app/annotate"
	"claimdesk/app/team"
	"claimdesk/storage"
)

// progressDialog is Team > Progress…: the annotator tables of `claimdesk
// stats` (team.ProgressOf, the one rule for both) as charts — articles done
// and in progress, claims per label, claims per day. The store is read and
// the charts drawn off the UI goroutine.
type progressDialog struct {
	w        *mainWindow
	dlg      *dialog.CustomDialog
	state    *widget.Label
	busy     *widget.ProgressBarInfinite
	charts   *fyne.Container
	content  *fyne.Container
	style    chartStyle
	progress team.Progress
	images   []image.Image // the charts shown: articles, labels, days
}

// The charts' sizes in Fyne units: two side by side above the per-day
// chart, inside a dialog that fits a 1,024×700 screen.
const (
	smallChartWidth = 460
	wideChartWidth  = 930
	chartHeight     = 185
)

// showProgress is Team > Progress….
func (w *mainWindow) showProgress() { w.openProgress() }

// openProgress opens the dialog and starts counting.
func (w *mainWindow) openProgress() *progressDialog {
	p := &progressDialog{w: w, state: widget.NewLabel("Counting every annotator's articles and claims…"), busy: widget.NewProgressBarInfinite()}
	p.state.Wrapping = fyne.TextWrapWord
	p.charts = container.NewVBox()
	p.content = container.NewBorder(container.NewVBox(p.busy, p.state), nil, nil, nil, container.NewVScroll(p.charts))
	p.dlg = dialog.NewCustomWithoutButtons("Progress", p.content, w.win)
	p.dlg.SetButtons([]fyne.CanvasObject{newEscapingButton("Close", p.dlg.Hide)})
	w.dialogKeys(p.dlg, true)
	p.dlg.Resize(fyne.NewSize(980, 620))
	p.dlg.Show()
	p.style = w.chartStyle()
	st := p.style
	w.inBackground(func() {
		progress, images, err := drawProgress(w.store, st)
		fyne.Do(func() { p.show(progress, images, err) })
	})
	return p
}

// chartStyle reads the theme's colours for the charts.
func (w *mainWindow) chartStyle() chartStyle {
	labels := map[string]color.Color{}
	for _, l := range w.session.Labels() {
		labels[l.Name] = labelSwatch(l.Colour)
	}
	return chartStyle{
		Foreground: theme.Color(theme.ColorNameForeground),
		Background: theme.Color(theme.ColorNameOverlayBackground), // a dialog's
		Grid:       theme.Color(theme.ColorNameSeparator),
		Done:       theme.Color(theme.ColorNameSuccess),
		InProgress: theme.Color(theme.ColorNameWarning),
		LabelColour: func(name string) color.Color {
			if c, ok := labels[name]; ok {
				return c
			}
			return labelSwatch("") // a label the store no longer lists
		},
		Scale: w.win.Canvas().Scale(),
	}
}

// drawProgress counts and draws the three charts; it runs off the UI
// goroutine, so it is given the store and the theme, not the window.
func drawProgress(store *storage.Store, st chartStyle) (team.Progress, []image.Image, error) {
	snap, err := team.Load(store)
	if err != nil {
		return team.Progress{}, nil, err
	}
	progress := team.ProgressOf(snap)
	if len(progress.Annotators) == 0 {
		return progress, nil, nil
	}
	var images []image.Image
	for _, draw := range []struct {
		chart         func(team.Progress, float32, float32, chartStyle) (image.Image, error)
		width, height float32
	}{{articlesChart, smallChartWidth, chartHeight}, {labelsChart, smallChartWidth, chartHeight}, {daysChart, wideChartWidth, chartHeight}} {
		img, err := draw.chart(progress, draw.width, draw.height, st)
		if err != nil {
			return progress, nil, err
		}
		images = append(images, img)
	}
	return progress, images, nil
}

func (p *progressDialog) show(progress team.Progress, images []image.Image, err error) {
	p.busy.Stop()
	p.busy.Hide()
	defer p.content.Refresh() // lays the head out again without the bar
	p.progress, p.images = progress, images
	switch {
	case err != nil:
		p.state.SetText("Counting failed: " + err.Error())
		return
	case len(images) == 0:
		p.state.SetText("No annotator has made a claim or marked an article done in this store yet.")
		return
	}
	p.state.Wrapping = fyne.TextWrapOff // one line: wrapped, a VBox gives it room for several
	p.state.SetText(progressSummary(progress))
	st := p.style
	var annotators, labels []legendEntry
	for i, a := range progress.Annotators {
		annotators = append(annotators, legendEntry{annotate.AnnotatorName(a.Annotator), annotatorColour(i)})
	}
	for _, l := range progress.Labels {
		labels = append(labels, legendEntry{l, st.LabelColour(l)})
	}
	articles := []legendEntry{{"done", st.Done}, {"in progress", st.InProgress}}
	p.charts.Objects = []fyne.CanvasObject{
		container.NewGridWithColumns(2,
			chartWithLegend(images[0], smallChartWidth, articles),
			chartWithLegend(images[1], smallChartWidth, labels)),
		chartWithLegend(images[2], wideChartWidth, annotators),
	}
	p.charts.Refresh()
}

// progressSummary says in a line what the charts add up to.
func progressSummary(progress team.Progress) string {
	claims, done := 0, 0
	for _, a := range progress.Annotators {
		claims += a.Claims
		done += a.Done
	}
	return storage.Plural(len(progress.Annotators), "annotator") + " · " + storage.Plural(claims, "claim") + " · " +
		storage.Plural(done, "article") + " marked done (each annotator's own)"
}

// legendEntry is one colour of a chart's key.
type legendEntry struct {
	name   string
	colour color.Color
}

// chartWithLegend shows a chart with its key below it, drawn by Fyne in
// the theme's text, so the key reads as well as the rest of the window.
func chartWithLegend(img image.Image, width float32, entries []legendEntry) fyne.CanvasObject {
	chart := canvas.NewImageFromImage(img)
	chart.FillMode = canvas.ImageFillContain
	chart.SetMinSize(fyne.NewSize(width, chartHeight))
	key := container.NewHBox()
	for _, e := range entries {
		swatch := canvas.NewRectangle(e.colour)
		swatch.SetMinSize(fyne.NewSize(14, 14))
		key.Add(container.NewCenter(swatch))
		key.Add(widget.NewLabel(e.name))
	}
	return container.NewBorder(nil, container.NewHScroll(key), nil, nil, chart)
}
