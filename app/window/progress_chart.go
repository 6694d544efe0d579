package window

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"slices"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"claimdesk/app/annotate"
	"claimdesk/app/team"
)

// chartStyle is what the charts take from the window's theme, read on
// the UI goroutine so the charts can be drawn off it.
type chartStyle struct {
	Foreground, Background, Grid color.Color
	Done, InProgress             color.Color
	LabelColour                  func(label string) color.Color
	// Scale is the canvas's pixels per Fyne unit, so a chart drawn for a
	// 2× screen is sharp there.
	Scale float32
}

// annotatorColours tell the annotators' lines apart: the Okabe–Ito
// colours, readable for colour-blind people, without its yellow, which
// vanishes on white.
var annotatorColours = []color.NRGBA{
	{0xE6, 0x9F, 0x00, 0xff}, {0x56, 0xB4, 0xE9, 0xff}, {0x00, 0x9E, 0x73, 0xff}, {0xCC, 0x79, 0xA7, 0xff},
	{0x00, 0x72, 0xB2, 0xff}, {0xD5, 0x5E, 0x00, 0xff}, {0x99, 0x99, 0x99, 0xff},
}

func annotatorColour(i int) color.Color { return annotatorColours[i%len(annotatorColours)] }

// chartDPI is the resolution a chart is drawn at on a 1× screen: Fyne's
// unit is a 96-DPI pixel there.
const chartDPI = 96

// newChart is a plot in the theme's colours: its text, axes and grid.
func newChart(title string, st chartStyle) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Color = st.Foreground
	p.Title.TextStyle.Font.Variant = "Sans" // as the window's text, not gonum's serif
	p.BackgroundColor = st.Background
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Color = st.Foreground
		ax.Label.TextStyle.Color = st.Foreground
		ax.Label.TextStyle.Font.Variant = "Sans"
		ax.Tick.Color = st.Foreground
		ax.Tick.Label.Color = st.Foreground
		ax.Tick.Label.Font.Variant = "Sans"
	}
	return p
}

// render draws p into an image of width×height Fyne units.
func render(p *plot.Plot, width, height float32, st chartStyle) image.Image {
	dpi := int(math.Round(float64(chartDPI * max(st.Scale, 1))))
	toLength := func(units float32) vg.Length { return vg.Length(units) * vg.Inch / chartDPI }
	c := vgimg.NewWith(vgimg.UseWH(toLength(width), toLength(height)), vgimg.UseDPI(dpi))
	p.Draw(draw.New(c))
	return c.Image()
}

// countTicks marks only whole numbers on an axis of counts.
type countTicks struct{}

// Ticks is part of plot.Ticker.
func (countTicks) Ticks(lo, hi float64) []plot.Tick {
	var out []plot.Tick
	for _, t := range (plot.DefaultTicks{}).Ticks(lo, hi) {
		if t.Value == math.Trunc(t.Value) {
			out = append(out, t)
		}
	}
	return out
}

// dayTicks marks whole days (UTC, in Unix seconds) on a time axis: each
// day named, or over a long span every few days, at most about eight names.
type dayTicks struct{}

// Ticks is part of plot.Ticker.
func (dayTicks) Ticks(lo, hi float64) []plot.Tick {
	const day = 24 * 60 * 60
	first := math.Ceil(lo/day) * day
	n := int((hi-first)/day) + 1
	step := max(1, (n+7)/8)
	format := "Jan 2"
	if n > 300 {
		format = "Jan 2006"
	}
	var out []plot.Tick
	for i := 0; i < n; i++ {
		v := first + float64(i)*day
		named := i%step == 0
		if !named && n > 100 {
			continue // a mark a day would be a smear
		}
		t := plot.Tick{Value: v}
		if named {
			t.Label = time.Unix(int64(v), 0).UTC().Format(format)
		}
		out = append(out, t)
	}
	return out
}

// annotatorAxis names the annotators down a horizontal bar chart, the
// first on top; bar i of a chart stands for annotator n-1-i.
func annotatorAxis(p *plot.Plot, progress team.Progress) {
	names := make([]string, len(progress.Annotators))
	for i, a := range progress.Annotators {
		names[len(names)-1-i] = annotate.AnnotatorName(a.Annotator)
	}
	p.NominalY(names...)
	p.X.Tick.Marker = countTicks{}
	p.X.Min = 0
}

// stackedBars adds one horizontal bar per annotator, in segments: the
// value of each series stacked on the one before, in its colour.
func stackedBars(p *plot.Plot, progress team.Progress, series []barSeries, width float32) error {
	var below *plotter.BarChart
	for _, s := range series {
		values := make(plotter.Values, len(progress.Annotators))
		for i, a := range progress.Annotators {
			values[len(values)-1-i] = float64(s.count(a))
		}
		bars, err := plotter.NewBarChart(values, vg.Length(width))
		if err != nil {
			return err
		}
		bars.Horizontal = true
		bars.Color = s.colour
		bars.LineStyle.Width = 0
		if below != nil {
			bars.StackOn(below)
		}
		p.Add(bars)
		below = bars
	}
	return nil
}

// barSeries is one colour of a stacked bar chart.
type barSeries struct {
	colour color.Color
	count  func(team.AnnotatorProgress) int
}

// barWidth is a bar's thickness in points for n annotators in a chart
// height units tall, leaving a gap between bars.
func barWidth(n int, height float32) float32 {
	return min(28, max(4, height*0.55/float32(max(n, 1))))
}

// articlesChart is each annotator's articles: done, then in progress.
func articlesChart(progress team.Progress, width, height float32, st chartStyle) (image.Image, error) {
	p := newChart("Articles per annotator", st)
	annotatorAxis(p, progress)
	series := []barSeries{
		{st.Done, func(a team.AnnotatorProgress) int { return a.Done }},
		{st.InProgress, func(a team.AnnotatorProgress) int { return a.InProgress }},
	}
	if err := stackedBars(p, progress, series, barWidth(len(progress.Annotators), height)); err != nil {
		return nil, err
	}
	return render(p, width, height, st), nil
}

// labelsChart is each annotator's claims per label, in the labels'
// colours.
func labelsChart(progress team.Progress, width, height float32, st chartStyle) (image.Image, error) {
	p := newChart("Claims per label", st)
	annotatorAxis(p, progress)
	var series []barSeries
	for _, label := range progress.Labels {
		series = append(series, barSeries{st.LabelColour(label), func(a team.AnnotatorProgress) int { return a.ClaimsByLabel[label] }})
	}
	if err := stackedBars(p, progress, series, barWidth(len(progress.Annotators), height)); err != nil {
		return nil, err
	}
	return render(p, width, height, st), nil
}

// daysChart is each annotator's claims per day (UTC): a line with a dot
// on each day, every day between the first and the last counted, so a day
// without claims shows as zero rather than being skipped.
func daysChart(progress team.Progress, width, height float32, st chartStyle) (image.Image, error) {
	p := newChart("Claims per day (UTC)", st)
	p.Y.Tick.Marker = countTicks{}
	p.Y.Min = 0
	p.X.Tick.Marker = dayTicks{}
	days, err := dayRange(progress.Days)
	if err != nil {
		return nil, err
	}
	grid := plotter.NewGrid()
	grid.Vertical.Color, grid.Horizontal.Color = st.Grid, st.Grid
	p.Add(grid) // first, so it lies under the lines
	for i, a := range progress.Annotators {
		xys := make(plotter.XYs, len(days))
		for d, day := range days {
			xys[d] = plotter.XY{X: float64(day.Unix()), Y: float64(a.ClaimsByDay[day.Format(time.DateOnly)])}
		}
		line, points, err := plotter.NewLinePoints(xys)
		if err != nil {
			return nil, err
		}
		line.Color, line.Width = annotatorColour(i), vg.Points(2)
		points.Color, points.Shape, points.Radius = annotatorColour(i), draw.CircleGlyph{}, vg.Points(3)
		p.Add(line, points)
	}
	if len(days) > 0 {
		// Half a day either side, so a single day is not a zero-width axis.
		p.X.Min = float64(days[0].Add(-12 * time.Hour).Unix())
		p.X.Max = float64(days[len(days)-1].Add(12 * time.Hour).Unix())
	}
	return render(p, width, height, st), nil
}

// maxFilledDays is the longest span whose days without claims are drawn
// as zeros; over a longer one (a claim dated decades back by an import)
// only the days with claims are drawn.
const maxFilledDays = 3 * 366

// dayRange is every day from the first to the last of days (YYYY-MM-DD),
// at midnight UTC.
func dayRange(days []string) ([]time.Time, error) {
	var given []time.Time
	for _, day := range slices.Sorted(slices.Values(days)) {
		d, err := time.Parse(time.DateOnly, day)
		if err != nil {
			return nil, fmt.Errorf("day %q: %w", day, err)
		}
		given = append(given, d)
	}
	if len(given) == 0 || given[len(given)-1].Sub(given[0]) > maxFilledDays*24*time.Hour {
		return given, nil
	}
	var out []time.Time
	for d := given[0]; !d.After(given[len(given)-1]); d = d.AddDate(0, 0, 1) {
		out = append(out, d)
	}
	return out, nil
}
