// Package articleview is Claimdesk's article reading view: a Fyne widget
// that lays out a long article itself, draws claims as coloured highlights
// and lets the analyst select text with character precision.
//
// Stock widgets cannot carry a 1 MB article or colour ranges, so the view
// wraps the text with cached per-character widths, measures exactly only
// what is on screen and creates canvas objects only for visible lines. All
// offsets are Unicode code points of the text, end exclusive, the storage
// contract; they always fall on grapheme-cluster boundaries.
//
// The view scrolls itself (wheel, keys, its own scroll bar), so it must
// not be put inside a container.Scroll. With focus it copies the selection
// on Ctrl+C and passes other shortcuts on to the window's canvas, typed
// runes and unused keys to its callbacks.
package articleview

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// View shows one article. Create it with New; call its methods and read its
// callbacks on the Fyne main goroutine, as with every widget.
type View struct {
	widget.BaseWidget

	// SnapToWords makes a drag select whole words (the default); holding
	// Alt while pressing the mouse selects exact characters for one drag.
	SnapToWords bool

	// OnSelectionChanged is called when the user changes the text selection:
	// at the end of a drag, on a double-click, Shift+click, Esc, or a click
	// that clears it. An empty selection reports start == end. Programmatic
	// SetSelection and ClearSelection do not call it.
	OnSelectionChanged func(start, end int)
	// OnHighlightTapped is called when a click (no drag) lands on a claim,
	// with the innermost claim under the pointer, or with 0 when the click
	// hit no claim, so the owner can deselect.
	OnHighlightTapped func(id uint64)
	// OnTypedRune receives the runes typed while the view has focus.
	OnTypedRune func(r rune)
	// OnTypedKey receives the keys the view does not use itself: it keeps
	// the arrows, PageUp/PageDown, Home/End for scrolling and Esc while a
	// selection is there to clear.
	OnTypedKey func(ev *fyne.KeyEvent)
	// OnScrolled is called with the new scroll position after the user
	// scrolls.
	OnScrolled func(offset float32)

	title       string
	text        []rune
	paras       []paragraph
	headingPara int

	highlights highlightSet
	selectedID uint64
	selStart   int
	selEnd     int
	anchor     [2]int // span the selection grows from on drag or Shift+click

	scrollY       float32
	pendingOffset int // offset to scroll to once laid out, or -1

	met       *metrics
	metKey    metricsKey // theme values met was made for
	lay       *layout
	bidiCache map[int]*paraBidi
	visCache  map[int]*visLine

	gesture gesture
	keys    fyne.KeyModifier // modifier keys held, from KeyDown/KeyUp
	hover   fyne.Position
	hovered bool
}

var (
	_ fyne.Widget    = (*View)(nil)
	_ fyne.Focusable = (*View)(nil)
)

// New returns an empty view that snaps selections to words.
func New() *View {
	v := &View{SnapToWords: true, headingPara: -1, pendingOffset: -1}
	v.ExtendBaseWidget(v)
	v.SetDocument("", "")
	return v
}

// SetDocument shows a new article. It clears the highlights, the selected
// claim and the selection, and scrolls to the top; set highlights after it.
// When the text's first line is the title, that line is drawn as the
// heading and stays selectable; otherwise the title is drawn above the text.
func (v *View) SetDocument(title, text string) {
	v.title = title
	v.text = []rune(text)
	v.paras = splitParagraphs(v.text)
	v.headingPara = headingParagraph(v.text, v.paras, title)
	v.highlights = newHighlightSet(nil, 0)
	v.selectedID = 0
	v.selStart, v.selEnd = 0, 0
	v.anchor = [2]int{0, 0}
	v.scrollY = 0
	v.pendingOffset = -1
	v.gesture = gesture{}
	v.invalidateLayout()
	v.Refresh()
}

// SetHighlights replaces the claims drawn. Spans are clipped to the text
// and empty ones are ignored.
func (v *View) SetHighlights(hs []Highlight) {
	v.highlights = newHighlightSet(hs, len(v.text))
	v.Refresh()
}

// SetSelectedHighlight outlines the claim with id; 0 outlines none.
func (v *View) SetSelectedHighlight(id uint64) {
	if v.selectedID == id {
		return
	}
	v.selectedID = id
	v.Refresh()
}

// Selection returns the selected span; ok is false when nothing is selected.
func (v *View) Selection() (start, end int, ok bool) {
	return v.selStart, v.selEnd, v.selEnd > v.selStart
}

// SetSelection selects [start, end) (in either order), clipped to the text
// and widened to whole grapheme clusters. It does not scroll.
func (v *View) SetSelection(start, end int) {
	if start > end {
		start, end = end, start
	}
	start = snapBoundary(v.text, start, false)
	end = snapBoundary(v.text, end, true)
	v.anchor = [2]int{start, start}
	v.setSelection(start, end)
}

// ClearSelection removes the text selection.
func (v *View) ClearSelection() {
	v.setSelection(0, 0)
}

// setSelection stores a validated selection and redraws when it changed.
func (v *View) setSelection(start, end int) bool {
	if end <= start {
		start, end = 0, 0
	}
	if start == v.selStart && end == v.selEnd {
		return false
	}
	v.selStart, v.selEnd = start, end
	v.Refresh()
	return true
}

// SelectedText returns the text of the selection.
func (v *View) SelectedText() string {
	return string(v.text[v.selStart:v.selEnd])
}

// OffsetAt returns the caret offset nearest to pos (widget coordinates);
// ok is false when pos is not on a line of the text (the title above it,
// the margin below it) or the view is not laid out yet.
func (v *View) OffsetAt(pos fyne.Position) (int, bool) {
	v.ensureLayout()
	h, ok := v.pointAt(pos)
	return h.caret, ok
}

// CharAt returns the offset of the character drawn under pos (the start of
// its grapheme cluster); ok is false when pos is beside or between glyphs.
func (v *View) CharAt(pos fyne.Position) (int, bool) {
	v.ensureLayout()
	h, ok := v.pointAt(pos)
	return h.char, ok && h.inside
}

// PositionOf returns the top-left corner of the character at offset, in
// widget coordinates; ok is false when the view is not laid out yet or the
// offset is outside the text. An offset past the end of a line (a newline,
// hanging spaces, the end of the text) gives the line's end.
func (v *View) PositionOf(offset int) (fyne.Position, bool) {
	pos, _, ok := v.CharBounds(offset)
	return pos, ok
}

// CharBounds returns the box of the grapheme cluster at offset, like
// PositionOf with its size: inside right-to-left text the box's left edge
// is the character's logical end.
func (v *View) CharBounds(offset int) (fyne.Position, fyne.Size, bool) {
	v.ensureLayout()
	return v.charBox(offset)
}

// CreateRenderer is part of fyne.Widget.
func (v *View) CreateRenderer() fyne.WidgetRenderer {
	return newRenderer(v)
}
