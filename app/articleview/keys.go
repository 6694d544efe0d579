package articleview

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// The keyboard: the view keeps the keys that scroll, Shift+arrows that
// grow the selection, and Esc (while there is a selection to clear),
// copies with Ctrl+C, and hands every other key, rune and shortcut on, so
// that the window can bind labels, deletion and its menus.

var (
	_ fyne.Focusable    = (*View)(nil)
	_ fyne.Shortcutable = (*View)(nil)
	_ desktop.Keyable   = (*View)(nil)
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
	if v.keys&fyne.KeyModifierShift != 0 && (ev.Name == fyne.KeyLeft || ev.Name == fyne.KeyRight) {
		v.extendByKey(ev.Name == fyne.KeyRight, false)
		return
	}
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
	if ev.Name == fyne.KeyTab {
		v.stepCandidate()
		return
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
	case desktop.KeyControlLeft, desktop.KeyControlRight:
		return fyne.KeyModifierControl
	}
	return 0
}

// TypedShortcut is part of fyne.Shortcutable. Fyne gives a focused
// Shortcutable every shortcut, so those the view does not use go on to the
// canvas, where the window registers its own.
func (v *View) TypedShortcut(s fyne.Shortcut) {
	// Ctrl+Shift+←/→ arrive as shortcuts, since Ctrl is held.
	if k, ok := s.(*desktop.CustomShortcut); ok && k.Modifier == fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift &&
		(k.KeyName == fyne.KeyLeft || k.KeyName == fyne.KeyRight) {
		v.extendByKey(k.KeyName == fyne.KeyRight, true)
		return
	}
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

// extendByKey moves the free end of the selection by one character, or by
// one word when byWord, forward or back: Shift+←/→ and Ctrl+Shift+←/→. The
// free end is the one away from where the selection began; brought back
// onto the other end, it keeps the selection and grows it past that end
// instead, so it never selects nothing.
func (v *View) extendByKey(forward, byWord bool) {
	if v.selEnd <= v.selStart {
		return
	}
	head, fixed := v.selEnd, v.selStart
	if v.headAtStart {
		head, fixed = v.selStart, v.selEnd
	}
	next := v.step(head, forward, byWord)
	if next == fixed {
		// Meeting the other end keeps what is selected and grows past it,
		// as a double-clicked word stays whole in a word processor:
		// "already", Ctrl+Shift+← gives "had already", not "had ".
		fixed, next = head, v.step(fixed, forward, byWord)
	}
	if next == fixed || next == head {
		return
	}
	before := [2]int{v.selStart, v.selEnd}
	v.headAtStart = next < fixed
	v.anchor = [2]int{fixed, fixed}
	v.setSelection(min(next, fixed), max(next, fixed))
	v.notifySelection(before)
	v.ScrollToOffset(next)
}

// step is the caret position one character, or one word, from i.
func (v *View) step(i int, forward, byWord bool) int {
	text := v.text
	switch {
	case !byWord && forward:
		return clusterEnd(text, i)
	case !byWord:
		if i == 0 {
			return 0
		}
		return clusterStart(text, i-1)
	case forward:
		for i < len(text) && !inWord(text, i) {
			i++
		}
		for i < len(text) && inWord(text, i) {
			i++
		}
		return snapBoundary(text, i, true)
	default:
		for i > 0 && !inWord(text, i-1) {
			i--
		}
		for i > 0 && inWord(text, i-1) {
			i--
		}
		return snapBoundary(text, i, false)
	}
}
