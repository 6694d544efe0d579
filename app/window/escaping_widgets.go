package window

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Fyne hands a key to the focused widget alone, and its checks, selects
// and tables ignore Esc and its entries keep it, so a dialog whose widget
// has the focus would not close on Esc as every dialog of the window
// promises. These widgets pass
// Esc on to their dialog; the table also takes Enter as Space, choosing
// the focused row as a click does.

// escapingEntry is an entry that closes its dialog on Esc. onEscape may be
// set after the dialog is made (a form dialog is made from its entries);
// until then Esc does nothing.
type escapingEntry struct {
	widget.Entry
	onEscape func()
}

func newEscapingEntry(onEscape func()) *escapingEntry {
	e := &escapingEntry{onEscape: onEscape}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey is part of fyne.Focusable.
func (e *escapingEntry) TypedKey(ev *fyne.KeyEvent) { escapeOr(ev, e.onEscape, e.Entry.TypedKey) }

// escapeOr calls onEscape (when set) for Esc, and passes any other key to
// typed, the widget's own handling.
func escapeOr(ev *fyne.KeyEvent, onEscape func(), typed func(*fyne.KeyEvent)) {
	if ev.Name != fyne.KeyEscape {
		typed(ev)
	} else if onEscape != nil {
		onEscape()
	}
}

// escapingCheck is a check box that closes its dialog on Esc.
type escapingCheck struct {
	widget.Check
	onEscape func()
}

func newEscapingCheck(text string, checked bool, changed func(bool), onEscape func()) *escapingCheck {
	c := &escapingCheck{onEscape: onEscape}
	c.Text, c.Checked = text, checked
	c.ExtendBaseWidget(c)
	c.OnChanged = changed // after Checked is set, so setting it calls nothing
	return c
}

// TypedKey is part of fyne.Focusable.
func (c *escapingCheck) TypedKey(ev *fyne.KeyEvent) { escapeOr(ev, c.onEscape, c.Check.TypedKey) }

// escapingSelect is a drop-down that closes its dialog on Esc.
type escapingSelect struct {
	widget.Select
	onEscape func()
}

func newEscapingSelect(options []string, selected string, changed func(string), onEscape func()) *escapingSelect {
	s := &escapingSelect{onEscape: onEscape}
	s.Options, s.Selected = options, selected
	s.ExtendBaseWidget(s)
	s.OnChanged = changed
	return s
}

// TypedKey is part of fyne.Focusable.
func (s *escapingSelect) TypedKey(ev *fyne.KeyEvent) { escapeOr(ev, s.onEscape, s.Select.TypedKey) }

// escapingTable is a table that closes its dialog on Esc and chooses the
// focused cell on Enter.
type escapingTable struct {
	widget.Table
	onEscape func()
}

func newEscapingTable(onEscape func()) *escapingTable {
	t := &escapingTable{onEscape: onEscape}
	t.ExtendBaseWidget(t)
	return t
}

// TypedKey is part of fyne.Focusable.
func (t *escapingTable) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter {
		ev = &fyne.KeyEvent{Name: fyne.KeySpace}
	}
	escapeOr(ev, t.onEscape, t.Table.TypedKey)
}

// escapingButton is a button that closes its dialog on Esc.
type escapingButton struct {
	widget.Button
}

// newEscapingButton is a dialog's closing button: tapped, or Esc while it
// has the focus, it calls close.
func newEscapingButton(text string, close func()) *escapingButton {
	b := &escapingButton{}
	b.Text, b.OnTapped = text, close
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey is part of fyne.Focusable.
func (b *escapingButton) TypedKey(ev *fyne.KeyEvent) { escapeOr(ev, b.OnTapped, b.Button.TypedKey) }
