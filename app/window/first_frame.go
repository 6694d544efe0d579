package window

import (
	"fmt"
	"image/color"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// firstFrameWait is how long afterFirstFrame waits at most: a window
// never drawn (opened minimised, say) reads its store all the same.
const firstFrameWait = 3 * time.Second

// afterFirstFrame runs f once the window's first frame with its content
// is on the screen. Reading the store's claims (the search index) while
// that frame is drawn took a core from drawing it: under software GL the
// frame is drawn by two threads of the GL driver beside the window's own.
// Under the test driver, which draws only when a test asks, f runs at
// once.
func (w *mainWindow) afterFirstFrame(f func()) {
	if !w.onDesktop() {
		f()
		return
	}
	var once sync.Once
	run := func() { once.Do(f) }
	var asked atomic.Bool
	// The painter asks a raster for its pixels while it draws the frame
	// the raster is in, on the window's goroutine: once that goroutine
	// takes work from its queue again, the frame is done.
	w.frameMark = canvas.NewRasterWithPixels(func(_, _, _, _ int) color.Color {
		if !asked.Swap(true) {
			go func() {
				fyne.DoAndWait(func() {})
				run()
			}()
		}
		return color.Transparent
	})
	w.frameMark.Resize(fyne.NewSize(1, 1))
	w.after(firstFrameWait, func() {
		if !asked.Load() {
			fmt.Fprintf(os.Stderr, "claimdesk: no frame drawn %v after the window was shown; the search index is read now\n", firstFrameWait)
		}
		run()
	})
}

// withFrameMark is content with afterFirstFrame's mark, one transparent
// pixel in its top left corner, when there is one.
func (w *mainWindow) withFrameMark(content fyne.CanvasObject) fyne.CanvasObject {
	if w.frameMark == nil {
		return content
	}
	return container.NewStack(content, container.NewWithoutLayout(w.frameMark))
}
