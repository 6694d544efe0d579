package window

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// firstFrameStyles are the text styles every window's first frame measures
// with: the article, the lists and the buttons in regular; the panels'
// headings and the article's own in bold.
var firstFrameStyles = []fyne.TextStyle{{}, {Bold: true}}

// italic is the style the first frame does without: the palette's hint
// and the selected claim's quote.
var italic = fyne.TextStyle{Italic: true}

// loadFonts has Fyne read the faces of styles on another goroutine, and
// closes the channel it returns when they are read. Fyne reads a style's
// faces on its first measure (the theme's font, the emoji font and the
// system font for the language: tens of milliseconds each), on whatever
// goroutine measures first; the caller waits before it measures, so the
// faces are never read twice or used while being read.
func loadFonts(styles ...fyne.TextStyle) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, style := range styles {
			fyne.MeasureText("Claimdesk", theme.TextSize(), style)
		}
	}()
	return done
}

// loadItalic reads the italic faces off the UI goroutine once the first
// frame is drawn, unless they are read already: read where the palette's
// hint was first measured, they held its opening up by 0.1 s.
func (w *mainWindow) loadItalic() {
	if w.italicLoaded == nil {
		w.italicLoaded = loadFonts(italic)
	}
}

// readyForItalic is called on the UI goroutine before italic text is
// measured: it waits for loadItalic's read, or, before the first frame
// (which needs this goroutine), lets the measure read the faces here.
func (w *mainWindow) readyForItalic() {
	if w.italicLoaded == nil {
		read := make(chan struct{})
		close(read)
		w.italicLoaded = read // by the measure that follows
	}
	<-w.italicLoaded
}
