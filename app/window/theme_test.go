package window

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"claimdesk/app/testkit"
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
			"input":            testkit.Over(c(theme.ColorNameInputBackground), bg),
			"menu":             testkit.Over(c(theme.ColorNameMenuBackground), bg),
			"overlay":          testkit.Over(c(theme.ColorNameOverlayBackground), bg),
			"hovered row":      testkit.Over(c(theme.ColorNameHover), bg),
			"selected row":     testkit.Over(c(theme.ColorNameSelection), bg),
			"hovered selected": testkit.Over(c(theme.ColorNameHover), testkit.Over(c(theme.ColorNameSelection), bg)),
		}
		for _, fg := range []fyne.ThemeColorName{theme.ColorNameForeground, theme.ColorNameDisabled, theme.ColorNamePlaceHolder} {
			for where, back := range backgrounds {
				if r := testkit.Contrast(testkit.Over(c(fg), back), back); r < 4.5 {
					t.Errorf("variant %d: %s text on the %s is %.2f:1", variant, fg, where, r)
				}
			}
		}
	}
}
