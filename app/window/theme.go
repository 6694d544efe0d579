package window

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// readableTheme is Fyne's theme with secondary text made readable: Fyne
// draws low-importance labels ("1 claim · new", "speaker → target", hints)
// and placeholders in its "disabled" and "placeholder" greys, which measure
// 1.3:1 on white. Here both keep WCAG AA's 4.5:1 against every background
// they are drawn on, selected rows included (TestSecondaryTextContrast).
type readableTheme struct{ fyne.Theme }

func newReadableTheme() fyne.Theme { return &readableTheme{Theme: theme.DefaultTheme()} }

// secondaryGrey is the colour of secondary text in each variant. On a
// light, selected and hovered row, 4.5:1 leaves room for little but
// Fyne's own foreground grey, so the light variant's foreground is
// darkened to keep the two apart.
var secondaryGrey = map[fyne.ThemeVariant]color.NRGBA{
	theme.VariantLight: {R: 0x55, G: 0x55, B: 0x55, A: 0xff},
	theme.VariantDark:  {R: 0xb0, G: 0xb0, B: 0xb0, A: 0xff},
}

var lightForeground = color.NRGBA{R: 0x22, G: 0x22, B: 0x22, A: 0xff}

func (t *readableTheme) Color(name fyne.ThemeColorName, variant fyne.ThemeVariant) color.Color {
	switch {
	case name == theme.ColorNameDisabled || name == theme.ColorNamePlaceHolder:
		if c, ok := secondaryGrey[variant]; ok {
			return c
		}
	case name == theme.ColorNameForeground && variant == theme.VariantLight:
		return lightForeground
	}
	return t.Theme.Color(name, variant)
}
