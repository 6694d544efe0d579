package window

import (
	"testing"

	"fyne.io/fyne/v2"
)

func TestFitWorkArea(t *testing.T) {
	for _, c := range []struct {
		name          string
		size          fyne.Size
		scale         float32
		width, height int
		want          fyne.Size
	}{
		{"fits already", fyne.NewSize(1280, 800), 1, 1920, 1050, fyne.NewSize(1280, 800)},
		{"fits exactly", fyne.NewSize(1280, 800), 1, 1280, 800, fyne.NewSize(1280, 800)},
		{"laptop", fyne.NewSize(1280, 800), 1, 1366, 740, fyne.NewSize(1280, 740)},
		{"small screen", fyne.NewSize(1280, 800), 1, 1024, 700, fyne.NewSize(1024, 700)},
		{"hidpi counts pixels at the scale", fyne.NewSize(1280, 800), 2, 2560, 1400, fyne.NewSize(1280, 700)},
		{"remembered from a larger monitor", fyne.NewSize(2400, 1300), 1, 1920, 1050, fyne.NewSize(1920, 1050)},
		{"unknown screen", fyne.NewSize(1280, 800), 1, 0, 0, fyne.NewSize(1280, 800)},
		{"unknown scale", fyne.NewSize(1280, 800), 0, 1024, 700, fyne.NewSize(1280, 800)},
	} {
		if got := fitWorkArea(c.size, c.scale, c.width, c.height); got != c.want {
			t.Errorf("%s: %v at scale %v in %d×%d: got %v, want %v", c.name, c.size, c.scale, c.width, c.height, got, c.want)
		}
	}
}
