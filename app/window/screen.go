package window

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// fitOnScreen shrinks the shown window, when it is larger than the
// screen's work area (the screen without panels and docks), to fit inside
// it: 1280×800, or a size remembered from a larger monitor, would
// otherwise put the window's bottom and its footer off a laptop's screen.
// The window manager fits its own title bar and borders in: it knows them.
// Under the test driver the window keeps its size.
func (w *mainWindow) fitOnScreen() {
	if !w.onDesktop() {
		return
	}
	monitor := glfw.GetPrimaryMonitor() // the desktop driver runs GLFW on this, the main, goroutine
	if monitor == nil {
		return
	}
	_, _, width, height := monitor.GetWorkarea()
	size := w.win.Canvas().Size()
	if fitted := fitWorkArea(size, w.win.Canvas().Scale(), width, height); fitted != size {
		w.win.Resize(fitted)
	}
}

// onDesktop reports whether the window runs under Fyne's desktop driver,
// the one with a screen and frames of its own; the test driver has
// neither (GLFW is not even started under it).
func (w *mainWindow) onDesktop() bool {
	_, ok := w.app.Driver().(desktop.Driver)
	return ok
}

// fitWorkArea is size, in Fyne's units at scale, made no larger than a
// work area of width×height pixels.
func fitWorkArea(size fyne.Size, scale float32, width, height int) fyne.Size {
	if width <= 0 || height <= 0 || scale <= 0 {
		return size
	}
	return fyne.NewSize(min(size.Width, float32(width)/scale), min(size.Height, float32(height)/scale))
}
