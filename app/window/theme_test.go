package window

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// Every text colour the window uses keeps WCAG AA's 4.5:1 against every
// background it is drawn on, in both variants, computed from the theme's
// own colours: plain and input backgrounds, menus and popups, and list rows
// that are hovered or selected (translucent colours over the background).
func TestSecondaryTextContrast(t *testing.T) {
	test.NewTempApp(t)
	th := newReadableTheme()
	for _, variant := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, variant) }
		bg := c(theme.ColorNameBackground)
		backgrounds := map[string]color.Color{
			"background":       bg,
			"input":            over(c(theme.ColorNameInputBackground), bg),
			"menu":             over(c(theme.ColorNameMenuBackground), bg),
			"overlay":          over(c(theme.ColorNameOverlayBackground), bg),
			"hovered row":      over(c(theme.ColorNameHover), bg),
			"selected row":     over(c(theme.ColorNameSelection), bg),
			"hovered selected": over(c(theme.ColorNameHover), over(c(theme.ColorNameSelection), bg)),
		}
		for _, fg := range []fyne.ThemeColorName{theme.ColorNameForeground, theme.ColorNameDisabled, theme.ColorNamePlaceHolder} {
			for where, back := range backgrounds {
				if r := contrast(over(c(fg), back), back); r < 4.5 {
					t.Errorf("variant %d: %s text on the %s is %.2f:1", variant, fg, where, r)
				}
			}
		}
	}
}

// over is fg drawn on an opaque bg.
func over(fg, bg color.Color) color.Color {
	f, b := color.NRGBAModel.Convert(fg).(color.NRGBA), color.NRGBAModel.Convert(bg).(color.NRGBA)
	a := float64(f.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{R: mix(f.R, b.R), G: mix(f.G, b.G), B: mix(f.B, b.B), A: 0xff}
}

func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func luminance(c color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(n.R) + 0.7152*lin(n.G) + 0.0722*lin(n.B)
}
