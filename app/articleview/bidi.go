package articleview

import "golang.org/x/text/unicode/bidi"

// Bidirectional levels after UAX #9 for one paragraph. x/text's Paragraph
// only reports runs in logical order with their parity, which cannot place
// a number inside Arabic text, so the weak, neutral and implicit rules are
// resolved here from x/text's character classes.
//
// Covered: P2–P3 (paragraph direction from the first strong character),
// W1–W7, N1–N2, I1–I2, and L1–L2 per line (lineRuns). Explicit embedding,
// override and isolate controls are treated as removed (X9), which news
// text practically never needs; bracket pairs (N0) resolve as plain neutrals.

// hasRTL reports whether any rune of text could take a right-to-left level.
// Paragraphs without one skip bidi entirely, which keeps Latin text cheap.
func hasRTL(text []rune) bool {
	for _, r := range text {
		if r >= 0x590 && (r <= 0x8ff || r >= 0xfb1d && r <= 0xfdff || r >= 0xfe70 && r <= 0xfefe ||
			r >= 0x10800 && r <= 0x10fff || r >= 0x1e800 && r <= 0x1efff ||
			r == 0x200f || r == 0x202b || r == 0x202e || r == 0x2067 || r == 0x2068) || r == 0x61c {
			return true
		}
	}
	return false
}

// paraBidi caches the levels of a paragraph that contains right-to-left
// text; levels is nil for all-left-to-right paragraphs.
type paraBidi struct {
	base   uint8
	levels []uint8
}

// paragraphLevels returns the paragraph's base level (0 or 1) and the
// resolved embedding level of each rune.
func paragraphLevels(text []rune) (base uint8, levels []uint8) {
	types := make([]bidi.Class, len(text))
	for i, r := range text {
		p, _ := bidi.LookupRune(r)
		types[i] = p.Class()
	}
	base = paragraphBase(types)
	levels = make([]uint8, len(text))
	kept := make([]int, 0, len(text)) // indexes surviving X9
	for i, t := range types {
		if t == bidi.BN || t >= bidi.Control {
			continue
		}
		kept = append(kept, i)
	}
	seq := make([]bidi.Class, len(kept))
	for k, i := range kept {
		seq[k] = types[i]
	}
	resolveWeak(seq, base)
	resolveNeutral(seq, base)
	for k, i := range kept {
		levels[i] = implicitLevel(seq[k], base)
	}
	fillRemoved(types, levels, base)
	// A grapheme cluster is drawn as one: its characters take the level of
	// the first, so no direction change falls inside it.
	for i := 1; i < len(text); i++ {
		if !isBoundary(text, i) {
			levels[i] = levels[i-1]
		}
	}
	return base, levels
}

// paragraphBase applies P2–P3: the first strong character decides the
// paragraph direction; a paragraph without one is left-to-right.
func paragraphBase(types []bidi.Class) uint8 {
	for _, t := range types {
		switch t {
		case bidi.L:
			return 0
		case bidi.R, bidi.AL:
			return 1
		}
	}
	return 0
}

func sos(base uint8) bidi.Class {
	if base%2 == 1 {
		return bidi.R
	}
	return bidi.L
}

// resolveWeak applies W1–W7 in place.
func resolveWeak(seq []bidi.Class, base uint8) {
	prev := sos(base)
	lastStrong := prev
	for i, t := range seq {
		if t == bidi.NSM { // W1
			t = prev
			if t >= bidi.Control {
				t = bidi.ON
			}
		}
		switch t {
		case bidi.L, bidi.R, bidi.AL:
			lastStrong = t
		case bidi.EN:
			if lastStrong == bidi.AL { // W2
				t = bidi.AN
			}
		}
		seq[i], prev = t, t
	}
	for i, t := range seq { // W3
		if t == bidi.AL {
			seq[i] = bidi.R
		}
	}
	for i := 1; i+1 < len(seq); i++ { // W4
		a, t, b := seq[i-1], seq[i], seq[i+1]
		if (t == bidi.ES || t == bidi.CS) && a == bidi.EN && b == bidi.EN {
			seq[i] = bidi.EN
		} else if t == bidi.CS && a == bidi.AN && b == bidi.AN {
			seq[i] = bidi.AN
		}
	}
	resolveTerminators(seq)
	lastStrong = sos(base)
	for i, t := range seq {
		switch t {
		case bidi.ES, bidi.ET, bidi.CS: // W6
			seq[i] = bidi.ON
		case bidi.L, bidi.R:
			lastStrong = t
		case bidi.EN:
			if lastStrong == bidi.L { // W7
				seq[i] = bidi.L
			}
		}
	}
}

// resolveTerminators applies W5: a run of ETs next to a European number
// becomes part of it.
func resolveTerminators(seq []bidi.Class) {
	for i := 0; i < len(seq); {
		if seq[i] != bidi.ET {
			i++
			continue
		}
		j := i
		for j < len(seq) && seq[j] == bidi.ET {
			j++
		}
		if (i > 0 && seq[i-1] == bidi.EN) || (j < len(seq) && seq[j] == bidi.EN) {
			for k := i; k < j; k++ {
				seq[k] = bidi.EN
			}
		}
		i = j
	}
}

func isNeutral(t bidi.Class) bool {
	return t == bidi.B || t == bidi.S || t == bidi.WS || t == bidi.ON
}

// strongDir maps a resolved type to the direction neutrals see (N1):
// numbers count as right-to-left.
func strongDir(t bidi.Class) bidi.Class {
	if t == bidi.L {
		return bidi.L
	}
	return bidi.R
}

// resolveNeutral applies N1–N2: a run of neutrals between two characters
// of the same direction takes it, otherwise the paragraph direction.
func resolveNeutral(seq []bidi.Class, base uint8) {
	for i := 0; i < len(seq); {
		if !isNeutral(seq[i]) {
			i++
			continue
		}
		j := i
		for j < len(seq) && isNeutral(seq[j]) {
			j++
		}
		before, after := sos(base), sos(base)
		if i > 0 {
			before = strongDir(seq[i-1])
		}
		if j < len(seq) {
			after = strongDir(seq[j])
		}
		dir := sos(base)
		if before == after {
			dir = before
		}
		for k := i; k < j; k++ {
			seq[k] = dir
		}
		i = j
	}
}

// implicitLevel applies I1–I2.
func implicitLevel(t bidi.Class, base uint8) uint8 {
	if base%2 == 0 {
		switch t {
		case bidi.R:
			return base + 1
		case bidi.AN, bidi.EN:
			return base + 2
		}
		return base
	}
	if t == bidi.L || t == bidi.EN || t == bidi.AN {
		return base + 1
	}
	return base
}

// fillRemoved gives characters removed by X9 the level of the character
// before them, so they travel with their neighbours.
func fillRemoved(types []bidi.Class, levels []uint8, base uint8) {
	prev := base
	for i, t := range types {
		if t == bidi.BN || t >= bidi.Control {
			levels[i] = prev
		}
		prev = levels[i]
	}
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
