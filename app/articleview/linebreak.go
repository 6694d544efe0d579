package articleview

import "unicode"

// Line breaking: greedy, by estimated widths, at the opportunities a reader
// expects — after spaces, after a hyphen or dash inside a word, between
// characters of scripts written without spaces — and, for a word longer
// than the column, at a grapheme boundary. Spaces at the end of a line hang
// past the column and are never the reason for a break.

// lineSpan is a wrapped line in code points; end excludes the paragraph's
// newline and trim excludes trailing whitespace.
type lineSpan struct{ start, end, trim int }

// wrapParagraph breaks text[ps:pe] into lines no wider than maxW.
func wrapParagraph(text []rune, ps, pe int, maxW float32, width func(rune) float32, out []lineSpan) []lineSpan {
	lineStart := ps
	var x, xAtBreak float32
	brk := -1
	emit := func(end int) {
		out = append(out, lineSpan{start: lineStart, end: end, trim: trimEnd(text, lineStart, end)})
		lineStart = end
	}
	for i := ps; i < pe; i++ {
		r := text[i]
		w := width(r)
		if isBlank(r) {
			x += w
			if isBoundary(text, i+1) { // not a space carrying a mark
				brk, xAtBreak = i+1, x
			}
			continue
		}
		if i > lineStart && canBreakBefore(text, i) {
			brk, xAtBreak = i, x
		}
		if x+w > maxW && i > lineStart && brk > lineStart {
			emit(brk)
			x -= xAtBreak
			brk = -1
		}
		if x+w > maxW && i > lineStart {
			// No opportunity left on this line: the word is longer than
			// the column, so it breaks at the character.
			if b := clusterStart(text, i); b > lineStart {
				emit(b)
				x = 0
				for j := b; j < i; j++ {
					x += width(text[j])
				}
				brk = -1
			}
		}
		x += w
	}
	emit(pe)
	return out
}

// trimEnd returns end moved back over trailing whitespace.
func trimEnd(text []rune, start, end int) int {
	for end > start && isBlank(text[end-1]) {
		end--
	}
	return end
}

// canBreakBefore reports a break opportunity between text[i-1] and text[i]
// (i > 0), other than after a space, which the caller handles.
func canBreakBefore(text []rune, i int) bool {
	a, b := text[i-1], text[i]
	if isDash(a) {
		return i >= 2 && unicode.IsLetter(text[i-2]) && (unicode.IsLetter(b) || unicode.IsDigit(b))
	}
	if a < 0x80 && b < 0x80 { // the common case, decided without tables
		return false
	}
	if a == '\u200b' {
		return isBoundary(text, i)
	}
	if isIdeographic(a) || isIdeographic(b) {
		return isBoundary(text, i) && !noBreakBefore(b) && !noBreakAfter(a)
	}
	return false
}

func isDash(r rune) bool {
	return r == '-' || r == '\u2010' || r == '\u2013' || r == '\u2014' || r == '/'
}

// noBreakBefore lists closing punctuation that must stay with the character
// before it (kinsoku shori for CJK, and Latin closers).
func noBreakBefore(r rune) bool {
	switch r {
	case '、', '。', '，', '．', '：', '；', '？', '！', '）', '」', '』', '】', '〉', '》', '〕', '］', '｝',
		'ー', 'ゝ', 'ゞ', '々', '…', '‥', '・', ')', ']', '}', ',', '.', ':', ';', '!', '?', '"', '\'', '\u201d', '\u2019':
		return true
	}
	return unicode.In(r, unicode.Pe, unicode.Pf)
}

// noBreakAfter lists opening punctuation that must stay with what follows.
func noBreakAfter(r rune) bool {
	switch r {
	case '（', '「', '『', '【', '〈', '《', '〔', '［', '｛', '(', '[', '{', '\u201c', '\u2018':
		return true
	}
	return unicode.In(r, unicode.Ps, unicode.Pi)
}
