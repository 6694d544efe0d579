package window

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"claimdesk/app/annotate"
)

const maxCompletions = 8

// completionEntry is an entry that offers values used before as the analyst
// types: ↓/↑ move through them, Enter or Tab takes one, Esc closes the list.
// Focus stays in the entry so typing never stops.
type completionEntry struct {
	widget.Entry
	values   func() []string
	onEdited func(string)

	options []string
	popup   *widget.PopUp
	list    *completionList
	chosen  int
	quiet   bool
	moving  bool // the keyboard moves the list's selection: not a choice yet
}

func newCompletionEntry(placeholder string, values func() []string) *completionEntry {
	e := &completionEntry{values: values}
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder(placeholder)
	e.OnChanged = e.changed
	return e
}

// setQuietly shows a stored value without offering completions or
// reporting an edit.
func (e *completionEntry) setQuietly(text string) {
	if e.Text == text {
		return
	}
	e.quiet = true
	e.SetText(text)
	e.quiet = false
	e.hide()
}

func (e *completionEntry) changed(text string) {
	if e.quiet {
		return
	}
	if e.onEdited != nil {
		e.onEdited(text)
	}
	e.options = annotate.Complete(e.values(), text, maxCompletions)
	if len(e.options) == 0 {
		e.hide()
		return
	}
	e.chosen = -1
	e.show()
}

func (e *completionEntry) show() {
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil {
		return
	}
	if e.popup == nil {
		e.list = newCompletionList(e)
		e.popup = widget.NewPopUp(e.list, c)
	}
	e.list.UnselectAll()
	e.list.Refresh()
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e)
	rowHeight := e.list.MinSize().Height
	height := min(float32(len(e.options))*(rowHeight+4)+8, 260)
	e.popup.Resize(fyne.NewSize(e.Size().Width, height))
	e.popup.ShowAtPosition(pos.Add(fyne.NewPos(0, e.Size().Height)))
	// The popup is an overlay with its own focus: the list takes it and
	// hands every key it does not use back to the entry.
	c.Focus(e.list)
}

func (e *completionEntry) hide() {
	if e.visible() {
		e.popup.Hide()
		if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
			c.Focus(e)
		}
	}
}

func (e *completionEntry) visible() bool { return e.popup != nil && e.popup.Visible() }

func (e *completionEntry) accept(i int) {
	if i < 0 || i >= len(e.options) {
		return
	}
	value := e.options[i]
	e.hide()
	e.quiet = true
	e.SetText(value)
	e.CursorColumn = len([]rune(value))
	e.quiet = false
	if e.onEdited != nil {
		e.onEdited(value)
	}
}

// TypedKey drives the list while it is open and leaves every other key to
// the entry.
func (e *completionEntry) TypedKey(key *fyne.KeyEvent) {
	if !e.visible() {
		e.Entry.TypedKey(key)
		return
	}
	switch key.Name {
	case fyne.KeyDown:
		e.move(min(e.chosen+1, len(e.options)-1))
	case fyne.KeyUp:
		e.move(max(e.chosen-1, 0))
	case fyne.KeyReturn, fyne.KeyEnter:
		if e.chosen >= 0 {
			e.accept(e.chosen)
		} else {
			e.hide()
			e.Entry.TypedKey(key)
		}
	case fyne.KeyTab:
		// Tab takes the chosen value, if any, and moves on as Tab does.
		if e.chosen >= 0 {
			e.accept(e.chosen)
		}
		e.hide()
		if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
			c.FocusNext()
		}
	case fyne.KeyEscape:
		e.hide()
	default:
		e.Entry.TypedKey(key)
	}
}

func (e *completionEntry) move(i int) {
	e.chosen = i
	e.moving = true
	e.list.Select(i)
	e.moving = false
}

// completionList is the popup's list. It holds the focus while the popup is
// open, so typing goes on: runes and editing keys go back to the entry.
type completionList struct {
	widget.List
	entry *completionEntry
}

func newCompletionList(e *completionEntry) *completionList {
	l := &completionList{entry: e}
	l.Length = func() int { return len(e.options) }
	l.CreateItem = func() fyne.CanvasObject { return widget.NewLabel("") }
	l.UpdateItem = func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(e.options[i]) }
	l.OnSelected = func(i widget.ListItemID) {
		if !e.moving {
			e.accept(i)
		}
	}
	l.ExtendBaseWidget(l)
	return l
}

// TypedRune goes on typing into the entry.
func (l *completionList) TypedRune(r rune) { l.entry.TypedRune(r) }

// TypedKey lets the entry decide: it drives the list while it is open.
func (l *completionList) TypedKey(key *fyne.KeyEvent) { l.entry.TypedKey(key) }
