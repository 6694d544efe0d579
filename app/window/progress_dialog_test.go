package window

import (
	"image"
	"image/color"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/theme"

	"claimdesk/app/team"
	"claimdesk/storage"
)

// pixelsOf counts the pixels of img within a small distance of c.
func pixelsOf(img image.Image, c color.Color) int {
	r0, g0, b0, _ := c.RGBA()
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if near16(r, r0) && near16(g, g0) && near16(bl, b0) {
				n++
			}
		}
	}
	return n
}

func near16(a, b uint32) bool { return int(a>>8)-int(b>>8) <= 6 && int(b>>8)-int(a>>8) <= 6 }

func TestProgressDialogChartsWhatStatsCounts(t *testing.T) {
	w := newTestWindow(t)
	first, _ := agreementBetweenTwo(t, w)
	if err := w.store.SetAnnotatorStatus(first, "ana", storage.StatusDone); err != nil {
		t.Fatal(err)
	}
	p := w.openProgress()
	if !w.dialogOpen() || p.busy.Visible() {
		t.Fatal("Team > Progress… is not open with its charts drawn")
	}
	snap, err := team.Load(w.store)
	if err != nil {
		t.Fatal(err)
	}
	if want := team.ProgressOf(snap); !reflect.DeepEqual(p.progress, want) {
		t.Errorf("the dialog charts %+v, claimdesk stats counts %+v", p.progress, want)
	}
	if want := "2 annotators · 7 claims · 1 article marked done"; !strings.HasPrefix(p.state.Text, want) {
		t.Errorf("the summary says %q, want %q…", p.state.Text, want)
	}
	st := w.chartStyle()
	images := p.images
	if len(images) != 3 {
		t.Fatalf("%d charts, want articles, labels and days", len(images))
	}
	for _, c := range []struct {
		chart  int
		what   string
		colour color.Color
	}{
		{0, "done", st.Done}, {0, "in progress", st.InProgress},
		{1, "denial", st.LabelColour("denial")}, {1, "accusation", st.LabelColour("accusation")}, {1, "praise", st.LabelColour("praise")},
		{2, "ana's line", annotatorColour(0)}, {2, "bob's line", annotatorColour(1)},
		{0, "text", st.Foreground}, {1, "text", st.Foreground}, {2, "text", st.Foreground},
	} {
		if n := pixelsOf(images[c.chart], c.colour); n < 30 {
			t.Errorf("chart %d shows %d pixels of %s's colour", c.chart, n, c.what)
		}
	}
}

func TestProgressChartsReadOnTheDarkTheme(t *testing.T) {
	dark := chartStyle{
		Foreground: theme.DefaultTheme().Color(theme.ColorNameForeground, theme.VariantDark),
		Background: theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark),
		Grid:       theme.DefaultTheme().Color(theme.ColorNameSeparator, theme.VariantDark),
		Done:       theme.DefaultTheme().Color(theme.ColorNameSuccess, theme.VariantDark),
		InProgress: theme.DefaultTheme().Color(theme.ColorNameWarning, theme.VariantDark),
		LabelColour: func(string) color.Color {
			return color.NRGBA{0xD5, 0x5E, 0x00, 0xff}
		},
		Scale: 1,
	}
	progress := team.Progress{
		Annotators: []team.AnnotatorProgress{{Annotator: "ana", Articles: 3, Done: 2, InProgress: 1, Claims: 4,
			ClaimsByLabel: map[string]int{"denial": 4}, ClaimsByDay: map[string]int{"2026-11-02": 3, "2026-11-05": 1}}},
		Labels: []string{"denial"}, Days: []string{"2026-11-02", "2026-11-05"},
	}
	for name, chart := range map[string]func(team.Progress, float32, float32, chartStyle) (image.Image, error){
		"articles": articlesChart, "labels": labelsChart, "days": daysChart,
	} {
		img, err := chart(progress, smallChartWidth, chartHeight, dark)
		if err != nil {
			t.Fatal(err)
		}
		if got := img.Bounds().Size(); got != image.Pt(smallChartWidth, chartHeight) {
			t.Errorf("%s chart is %v pixels at scale 1", name, got)
		}
		if n := pixelsOf(img, dark.Background); n < img.Bounds().Dx()*img.Bounds().Dy()/2 {
			t.Errorf("%s chart is not on the dark background (%d pixels of it)", name, n)
		}
		if n := pixelsOf(img, dark.Foreground); n < 40 {
			t.Errorf("%s chart has %d pixels of the dark theme's text colour: unreadable", name, n)
		}
	}
}

func TestDayRangeFillsTheDaysWithoutClaims(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	for _, c := range []struct {
		days []string
		want []time.Time
	}{
		{nil, nil},
		{[]string{"2026-11-02"}, []time.Time{day("2026-11-02")}},
		{[]string{"2026-11-04", "2026-11-02"}, []time.Time{day("2026-11-02"), day("2026-11-03"), day("2026-11-04")}},
		{[]string{"2026-02-28", "2026-03-01"}, []time.Time{day("2026-02-28"), day("2026-03-01")}},
		{[]string{"1970-01-01", "2026-11-02"}, []time.Time{day("1970-01-01"), day("2026-11-02")}}, // too long to fill
	} {
		got, err := dayRange(c.days)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("dayRange(%q) = %v, %v; want %v", c.days, got, err, c.want)
		}
	}
	if _, err := dayRange([]string{"2026-13-01"}); err == nil || !strings.Contains(err.Error(), `"2026-13-01"`) {
		t.Errorf("a day that is no date gave %v", err)
	}
}

func TestCountTicksAreWholeNumbers(t *testing.T) {
	for _, hi := range []float64{1, 2, 3, 7, 12, 150} {
		ticks := countTicks{}.Ticks(0, hi)
		if len(ticks) == 0 {
			t.Errorf("no ticks from 0 to %v", hi)
		}
		for _, tk := range ticks {
			if tk.Value != float64(int(tk.Value)) {
				t.Errorf("tick %v from 0 to %v is not a whole number", tk.Value, hi)
			}
		}
	}
}

func TestDayTicksNameWholeDays(t *testing.T) {
	const day = 24 * 60 * 60
	nov2 := float64(time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC).Unix())
	for _, c := range []struct {
		lo, hi float64
		named  []string
	}{
		{nov2 - day/2, nov2 + day/2, []string{"Nov 2"}},
		{nov2 - day/2, nov2 + 2*day + day/2, []string{"Nov 2", "Nov 3", "Nov 4"}},
		{nov2, nov2 + 29*day, []string{"Nov 2", "Nov 6", "Nov 10", "Nov 14", "Nov 18", "Nov 22", "Nov 26", "Nov 30"}},
	} {
		var named []string
		for _, tk := range (dayTicks{}).Ticks(c.lo, c.hi) {
			if int64(tk.Value)%day != 0 {
				t.Errorf("tick at %v is not midnight", tk.Value)
			}
			if tk.Label != "" {
				named = append(named, tk.Label)
			}
		}
		if !reflect.DeepEqual(named, c.named) {
			t.Errorf("days named from %v to %v: %q, want %q", c.lo, c.hi, named, c.named)
		}
	}
	if n := len((dayTicks{}).Ticks(0, 20000*day)); n > 20 {
		t.Errorf("%d ticks over 20,000 days", n)
	}
}

func TestProgressDialogOnAStoreWithoutAnnotators(t *testing.T) {
	w := newTestWindow(t)
	snap, err := team.Load(w.store)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(team.ProgressOf(snap).Annotators); n != 0 {
		t.Skipf("the seed store has %d annotators", n)
	}
	p := w.openProgress()
	if !strings.Contains(p.state.Text, "No annotator") || len(p.charts.Objects) != 0 {
		t.Errorf("an empty store's progress says %q with %d charts", p.state.Text, len(p.charts.Objects))
	}
}

func TestProgressDialogCountsOffTheUIGoroutine(t *testing.T) {
	w := newTestWindow(t)
	agreementBetweenTwo(t, w)
	var queued []func()
	w.inBackground = func(f func()) { queued = append(queued, f) }
	p := w.openProgress()
	if !p.busy.Visible() || len(p.charts.Objects) != 0 || len(queued) != 1 {
		t.Fatalf("before counting the dialog shows %d charts, busy %v, %d jobs queued", len(p.charts.Objects), p.busy.Visible(), len(queued))
	}
	queued[0]()
	if p.busy.Visible() || len(p.images) != 3 || len(p.charts.Objects) != 2 {
		t.Errorf("once counted: busy %v, %d charts in %d rows", p.busy.Visible(), len(p.images), len(p.charts.Objects))
	}
	p.dlg.Hide()
	if w.dialogOpen() {
		t.Error("Close left the progress dialog open")
	}
}
