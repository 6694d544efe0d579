package articleview

import (
	"sort"

	"fyne.io/fyne/v2"
)

// Visual lines: where each offset of a visible line is drawn, and the
// reverse, what lies under a point.
//
// A visible line is split into pieces that each read in one direction and
// are each drawn as one canvas.Text, placed left to right in visual order.
// Fyne shapes a right-to-left string correctly but lays the runs of a mixed
// string out in logical order, so the view orders them itself (lineRuns,
// UAX #9 L2) and, inside right-to-left text, cuts words from punctuation:
// those may come from different fonts, which Fyne would again place in
// logical order. Pieces are measured exactly, and inside a right-to-left
// piece x grows from its right edge, so a logical prefix is measured from
// there.

// piece is a single-direction part of a line, in visual order.
type piece struct {
	start, end int
	rtl        bool
	contextual bool    // glyphs depend on their neighbours; see advance
	x, w       float32 // left edge in widget coordinates, exact width
	text       string  // what is drawn; empty for blanks
}

// visLine is the exactly measured form of a line, made only for lines that
// are drawn or hit-tested.
type visLine struct {
	pieces []piece
	left   float32 // leftmost and rightmost drawn x
	right  float32
	rtl    bool // paragraph direction: where the line's end is drawn
}

// bidiFor returns the (cached) bidi levels of paragraph pi.
func (v *View) bidiFor(pi int) *paraBidi {
	if b, ok := v.bidiCache[pi]; ok {
		return b
	}
	p := v.paras[pi]
	b := &paraBidi{}
	if hasRTL(v.text[p.start:p.end]) {
		b.base, b.levels = paragraphLevels(v.text[p.start:p.end])
	}
	v.bidiCache[pi] = b
	return b
}

// visualLine measures line li exactly and places its pieces.
func (v *View) visualLine(li int) *visLine {
	if vl, ok := v.visCache[li]; ok {
		return vl
	}
	if len(v.visCache) > 512 {
		clear(v.visCache)
	}
	ln := v.lay.lines[li]
	b := v.bidiFor(ln.para)
	vl := &visLine{rtl: b.base%2 == 1}
	runs := lineRuns(v.text, ln.start, ln.trim, v.paras[ln.para].start, b)
	var total float32
	for _, r := range runs {
		if r.rtl {
			vl.pieces = appendRTLPieces(vl.pieces, v.text, r.start, r.end)
		} else {
			vl.pieces = append(vl.pieces, piece{start: r.start, end: r.end})
		}
	}
	for i := range vl.pieces {
		p := &vl.pieces[i]
		p.contextual = p.rtl || hasComplexScript(v.text[p.start:p.end])
		p.w = v.met.spanWidth(v.text, ln.style, p.start, p.end)
		if trimEnd(v.text, p.start, p.end) > p.start {
			p.text = displayString(v.text[p.start:p.end])
		}
		total += p.w
	}
	x := v.lay.colX
	if vl.rtl {
		x = v.lay.colX + v.lay.colW - total
	}
	vl.left = x
	for i := range vl.pieces {
		vl.pieces[i].x = x
		x += vl.pieces[i].w
	}
	vl.right = x
	v.visCache[li] = vl
	return vl
}

// appendRTLPieces cuts a right-to-left run into words and the text between
// them, appended right to left (visual order).
func appendRTLPieces(out []piece, text []rune, start, end int) []piece {
	first := len(out)
	for i := start; i < end; {
		word := inWord(text, i)
		j := clusterEnd(text, i)
		for j < end && inWord(text, j) == word {
			j = clusterEnd(text, j)
		}
		j = min(j, end)
		out = append(out, piece{start: i, end: j, rtl: true})
		i = j
	}
	for a, z := first, len(out)-1; a < z; a, z = a+1, z-1 {
		out[a], out[z] = out[z], out[a]
	}
	return out
}

// hasComplexScript reports left-to-right scripts whose shaping reorders or
// joins glyphs: Indic and South-East Asian scripts, Tibetan, Mongolian.
func hasComplexScript(text []rune) bool {
	for _, r := range text {
		if r >= 0x900 && r <= 0x109f || r >= 0x1780 && r <= 0x18af || r >= 0xa8e0 && r <= 0xa8ff {
			return true
		}
	}
	return false
}

// advance is the width of p's text before offset k. Left-to-right text in
// simple scripts is measured exactly. Where shaping depends on context
// (Arabic joining, Indic reordering) a prefix shaped alone takes other
// glyph forms than it has in place, so there the exactly measured width of
// the piece (a word, for right-to-left text) is shared out in proportion
// to the characters' own widths, which keeps positions in order.
func (v *View) advance(p *piece, style uint8, k int) float32 {
	if k <= p.start {
		return 0
	}
	if !p.contextual {
		return v.met.spanWidth(v.text, style, p.start, k)
	}
	if k >= p.end {
		return p.w
	}
	var part, all float32
	for i := p.start; i < p.end; i++ {
		w := v.met.runeWidth(style, v.text[i])
		if i < k {
			part += w
		}
		all += w
	}
	if all == 0 {
		return 0
	}
	return p.w * part / all
}

// pieceX is the x of the logical boundary k inside piece p.
func (v *View) pieceX(p *piece, style uint8, k int) float32 {
	w := v.advance(p, style, k)
	if p.rtl {
		return p.x + p.w - w
	}
	return p.x + w
}

// pieceAt returns the piece of vl holding offset off, or nil.
func pieceAt(vl *visLine, off int) *piece {
	for i := range vl.pieces {
		if p := &vl.pieces[i]; p.start <= off && off < p.end {
			return p
		}
	}
	return nil
}

// lineEndX is where a line's logical end is drawn: right of left-to-right
// text, left of right-to-left text.
func lineEndX(vl *visLine) float32 {
	if vl.rtl {
		return vl.left
	}
	return vl.right
}

// interval is a horizontal extent on a line.
type interval struct{ x0, x1 float32 }

// spanIntervals returns the extents covering [a, b) on line li, merged
// where they touch: several when a span crosses a direction change.
func (v *View) spanIntervals(li, a, b int, out []interval) []interval {
	ln := &v.lay.lines[li]
	a, b = max(a, ln.start), min(b, ln.trim)
	if a >= b {
		return out
	}
	vl := v.visualLine(li)
	first := len(out)
	for i := range vl.pieces {
		p := &vl.pieces[i]
		lo, hi := max(a, p.start), min(b, p.end)
		if lo >= hi {
			continue
		}
		x0, x1 := v.pieceX(p, ln.style, lo), v.pieceX(p, ln.style, hi)
		if x0 > x1 {
			x0, x1 = x1, x0
		}
		if n := len(out); n > first && x0-out[n-1].x1 < 0.5 {
			out[n-1].x1 = max(out[n-1].x1, x1)
			continue
		}
		out = append(out, interval{x0, x1})
	}
	return out
}

// hit is what lies under a point of a line.
type hit struct {
	caret  int  // nearest caret offset
	char   int  // character under the point, or nearest one; -1 if none
	inside bool // the point is on a character, not beside the text
}

// hitLine hit-tests x on line li.
func (v *View) hitLine(li int, x float32) hit {
	ln := &v.lay.lines[li]
	vl := v.visualLine(li)
	if len(vl.pieces) == 0 {
		return hit{caret: ln.start, char: -1}
	}
	first, last := ln.start, clusterStart(v.text, ln.trim-1)
	beforeStart := x < vl.left
	afterEnd := x >= vl.right
	if vl.rtl {
		beforeStart, afterEnd = x >= vl.right, x < vl.left
	}
	switch {
	case beforeStart:
		return hit{caret: ln.start, char: first}
	case afterEnd:
		return hit{caret: ln.end, char: last}
	}
	for i := range vl.pieces {
		p := &vl.pieces[i]
		if x >= p.x && x < p.x+p.w {
			return v.hitPiece(p, ln.style, x)
		}
	}
	return hit{caret: ln.start, char: first} // inside a zero-width gap
}

// hitPiece finds the grapheme cluster under x by binary search over exact
// prefix widths, a handful of measurements per line at most.
func (v *View) hitPiece(p *piece, style uint8, x float32) hit {
	d := x - p.x
	if p.rtl {
		d = p.x + p.w - x
	}
	bounds := []int{p.start}
	for k := p.start; k < p.end; {
		k = min(clusterEnd(v.text, k), p.end)
		bounds = append(bounds, k)
	}
	width := func(k int) float32 { return v.advance(p, style, bounds[k]) }
	k := sort.Search(len(bounds)-1, func(k int) bool { return width(k+1) > d }) + 1
	k = min(k, len(bounds)-1)
	h := hit{char: bounds[k-1], inside: true, caret: bounds[k-1]}
	if d >= (width(k-1)+width(k))/2 {
		h.caret = bounds[k]
	}
	return h
}

// pointAt hit-tests a point in widget coordinates, clamping to the text:
// above the first line is offset 0, below the last the end of the text.
func (v *View) pointAt(pos fyne.Position) (h hit, onLine bool) {
	if v.lay == nil || len(v.lay.lines) == 0 {
		return hit{char: -1}, false
	}
	y := pos.Y + v.scrollY
	li := v.lay.lineAtY(y)
	if li < 0 {
		return hit{caret: 0, char: min(0, len(v.text)-1)}, false
	}
	lastLine := &v.lay.lines[len(v.lay.lines)-1]
	if y >= lastLine.y+v.met.lineH[lastLine.style] {
		return hit{caret: len(v.text), char: len(v.text) - 1}, false
	}
	return v.hitLine(li, pos.X), true
}

// charBox returns the box of the grapheme cluster holding off, widget
// coordinates. Hanging spaces and newlines have an empty box at the line's
// end.
func (v *View) charBox(off int) (pos fyne.Position, size fyne.Size, ok bool) {
	if v.lay == nil || off < 0 || off > len(v.text) || len(v.lay.lines) == 0 {
		return pos, size, false
	}
	li := v.lay.lineOf(off)
	ln := &v.lay.lines[li]
	vl := v.visualLine(li)
	top := ln.y - v.scrollY + v.textTop(ln.style)
	h := v.met.textH[ln.style]
	p := pieceAt(vl, off)
	if p == nil {
		return fyne.NewPos(lineEndX(vl), top), fyne.NewSize(0, h), true
	}
	cs := max(clusterStart(v.text, off), p.start)
	ce := min(clusterEnd(v.text, cs), p.end)
	x0, x1 := v.pieceX(p, ln.style, cs), v.pieceX(p, ln.style, ce)
	if x0 > x1 {
		x0, x1 = x1, x0
	}
	return fyne.NewPos(x0, top), fyne.NewSize(x1-x0, h), true
}

// textTop is the offset of the text box inside a line box.
func (v *View) textTop(style uint8) float32 {
	return float32(int((v.met.lineH[style] - v.met.textH[style]) * 0.4))
}
