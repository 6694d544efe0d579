package window

import "fyne.io/fyne/v2"

// releaseFocusOnClose has d tell focusables, once it is closed, that they
// lost the focus. Fyne drops a closed overlay's focus manager without
// telling the widget focused in it, so an entry focused when its dialog
// closed believes itself focused for ever: its cursor animation redrew
// the window some twelve times a second for the rest of the process (a
// fifth of a core under software GL, measured, and more with each such
// dialog). Telling an entry that was not focused is harmless.
func releaseFocusOnClose(d closable, focusables ...fyne.Focusable) {
	d.SetOnClosed(func() {
		for _, f := range focusables {
			f.FocusLost()
		}
	})
}
