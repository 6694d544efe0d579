package articleview

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// Keyboard input. The view takes focus on a press; it keeps the keys that
// scroll and Esc (while there is a selection to clear), copies with Ctrl+C,
// and hands every other key, rune and shortcut on so that the window can
// bind labels, deletion and its menus.

var (
	_ desktop.Keyable   = (*View)(nil)
	_ fyne.Shortcutable = (*View)(nil)
)

// FocusGained is part of fyne.Focusable.
func (v *View) FocusGained() {}

// FocusLost is part of fyne.Focusable. Modifier keys released elsewhere
// must not stay held here.
func (v *View) FocusLost() { v.keys = 0 }

// TypedRune is part of fyne.Focusable; runes go to OnTypedRune.
func (v *View) TypedRune(r rune) {
	if v.OnTypedRune != nil {
		v.OnTypedRune(r)
	}
}

// TypedKey is part of fyne.Focusable.
func (v *View) TypedKey(ev *fyne.KeyEvent) {
	v.ensureLayout()
	if v.lay != nil {
		lineH := v.met.lineH[styleBody]
		switch ev.Name {
		case fyne.KeyUp:
			v.scrollBy(-lineH)
			return
		case fyne.KeyDown:
			v.scrollBy(lineH)
			return
		case fyne.KeyPageUp:
			v.scrollBy(-v.page())
			return
		case fyne.KeyPageDown:
			v.scrollBy(v.page())
			return
		case fyne.KeyHome:
			v.scrollBy(-v.scrollY)
			return
		case fyne.KeyEnd:
			v.scrollBy(v.lay.height)
			return
		}
	}
	if ev.Name == fyne.KeyEscape && v.selEnd > v.selStart {
		before := [2]int{v.selStart, v.selEnd}
		v.ClearSelection()
		v.notifySelection(before)
		return
	}
	if v.OnTypedKey != nil {
		v.OnTypedKey(ev)
	}
}

// KeyDown is part of desktop.Keyable: it tracks Shift and Alt, which
// change what a drag does while it runs.
func (v *View) KeyDown(ev *fyne.KeyEvent) { v.keys |= modifierOf(ev.Name) }

// KeyUp is part of desktop.Keyable.
func (v *View) KeyUp(ev *fyne.KeyEvent) { v.keys &^= modifierOf(ev.Name) }

func modifierOf(k fyne.KeyName) fyne.KeyModifier {
	switch k {
	case desktop.KeyShiftLeft, desktop.KeyShiftRight:
		return fyne.KeyModifierShift
	case desktop.KeyAltLeft, desktop.KeyAltRight:
		return fyne.KeyModifierAlt
	}
	return 0
}

// TypedShortcut is part of fyne.Shortcutable. Fyne gives a focused
// Shortcutable every shortcut, so those the view does not use go on to the
// canvas, where the window registers its own.
func (v *View) TypedShortcut(s fyne.Shortcut) {
	if c, ok := s.(*fyne.ShortcutCopy); ok && v.selEnd > v.selStart {
		clip := c.Clipboard
		if clip == nil {
			clip = fyne.CurrentApp().Clipboard()
		}
		clip.SetContent(v.SelectedText())
		return
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(v); c != nil {
		if sc, ok := c.(fyne.Shortcutable); ok {
			sc.TypedShortcut(s)
		}
	}
}
