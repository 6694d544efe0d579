package window

import (
	"fmt"
	"image/color"
	"os"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// frameWait is how long afterNextFrame waits at most: a window not drawn
// (opened minimised, say) reads its store all the same.
const frameWait = 3 * time.Second

// afterFirstFrame runs f on the UI goroutine once the window's first
// frame with its content is on the screen. Reading the store's claims
// (the search index) while that frame is drawn took a core from drawing
// it: under software GL the frame is drawn by two threads of the GL
// driver beside the window's own. It makes the frame mark, which
// withFrameMark puts in the content. Under the test driver, which draws
// only when a test asks, f runs at once.
func (w *mainWindow) afterFirstFrame(f func()) {
	if !w.onDesktop() {
		f()
		return
	}
	// The painter asks a raster for its pixels while it draws the frame
	// the raster is in, on the UI goroutine: work queued for that
	// goroutine then runs once the frame is done.
	w.frameMark = canvas.NewRasterWithPixels(func(_, _, _, _ int) color.Color {
		if waiting := w.framesAwaited; len(waiting) > 0 {
			w.framesAwaited = nil
			go fyne.Do(func() {
				for _, f := range waiting {
					f()
				}
			})
		}
		return color.Transparent
	})
	w.frameMark.Resize(fyne.NewSize(1, 1))
	w.afterNextFrame(f, func() {
		fmt.Fprintf(os.Stderr, "claimdesk: no frame drawn %v after the window was shown; the search index is read now\n", frameWait)
	})
}

// afterNextFrame runs f on the UI goroutine once the next frame is on the
// screen, so that work which takes the cores lets what was just shown be
// drawn first; or, when no frame is drawn within frameWait, then, after
// calling undrawn (which may be nil). Without a frame mark (the test
// driver) f runs at once.
func (w *mainWindow) afterNextFrame(f, undrawn func()) {
	if w.frameMark == nil {
		f()
		return
	}
	var once sync.Once
	w.framesAwaited = append(w.framesAwaited, func() { once.Do(f) })
	w.frameMark.Refresh()
	w.after(frameWait, func() {
		once.Do(func() {
			if undrawn != nil {
				undrawn()
			}
			f()
		})
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
