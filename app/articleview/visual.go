package articleview

// A visible line is split into pieces that each read in one direction and
// are each drawn as one canvas.Text, placed left to right in visual order.
// Fyne shapes a right-to-left string correctly but lays the runs of a mixed
// string out in logical order, so the view orders them itself (UAX #9 L2)
// and, inside right-to-left text, cuts words from punctuation: those may
// come from different fonts, which Fyne would again place in logical order.

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

// paraBidi caches the levels of a paragraph that contains right-to-left
// text; levels is nil for all-left-to-right paragraphs.
type paraBidi struct {
	base   uint8
	levels []uint8
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

// run is a maximal part of a line at one bidi level.
type run struct {
	start, end int
	level      uint8
	rtl        bool
}

// lineRuns returns the level runs of text[start:end] in visual order
// (UAX #9 L1–L2). paraStart is the paragraph's first offset.
func lineRuns(text []rune, start, end, paraStart int, b *paraBidi) []run {
	if start >= end {
		return nil
	}
	if b.levels == nil {
		return []run{{start: start, end: end}}
	}
	lv := make([]uint8, end-start)
	copy(lv, b.levels[start-paraStart:end-paraStart])
	// L1: tabs, and whitespace before them, go back to the paragraph level.
	for i := len(lv) - 1; i >= 0; i-- {
		if text[start+i] == '\t' {
			for j := i; j >= 0 && isBlank(text[start+j]); j-- {
				lv[j] = b.base
			}
		}
	}
	var runs []run
	var maxLevel, minOdd uint8 = 0, 255
	for i := 0; i < len(lv); {
		j := i + 1
		for j < len(lv) && lv[j] == lv[i] {
			j++
		}
		runs = append(runs, run{start: start + i, end: start + j, level: lv[i], rtl: lv[i]%2 == 1})
		maxLevel = max(maxLevel, lv[i])
		if lv[i]%2 == 1 {
			minOdd = min(minOdd, lv[i])
		}
		i = j
	}
	for lvl := maxLevel; lvl >= minOdd && lvl > 0; lvl-- {
		for i := 0; i < len(runs); {
			if runs[i].level < lvl {
				i++
				continue
			}
			j := i
			for j < len(runs) && runs[j].level >= lvl {
				j++
			}
			for a, z := i, j-1; a < z; a, z = a+1, z-1 {
				runs[a], runs[z] = runs[z], runs[a]
			}
			i = j
		}
	}
	return runs
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
