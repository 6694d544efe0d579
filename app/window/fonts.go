package window

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// firstFrameStyles are the text styles every window's first frame measures
// with: the article, the lists and the buttons in regular; the panels'
// headings and the article's own in bold.
var firstFrameStyles = []fyne.TextStyle{{}, {Bold: true}}

// loadFirstFrameFonts has Fyne read the faces of firstFrameStyles on
// another goroutine, and closes the channel it returns when they are read.
// Fyne reads a style's faces on its first measure (the theme's font, the
// emoji font and the system font for the language: tens of milliseconds
// each), on whatever goroutine measures first; the caller waits before it
// measures, so the faces are never read twice or used while being read.
func loadFirstFrameFonts() <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, style := range firstFrameStyles {
			fyne.MeasureText("Claimdesk", theme.TextSize(), style)
		}
	}()
	return done
}
