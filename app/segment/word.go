package segment

import (
	"iter"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Words are UAX #29 word segments, with three refinements, each for a
// reason a person labelling claims would give:
//
//   - A segment never ends inside a grapheme cluster. UAX #29's word rules
//     do not know Prepend characters or a few spacing vowels such as Thai
//     SARA AM, and would cut there; the segment runs on to the cluster's end.
//   - An initialism keeps its last full stop: UAX #29 makes "U.S" and "e.g"
//     one word each (letters joined by full stops), and "U.S." and "e.g." are
//     what a reader means. A segment of at least two single letters joined by
//     full stops takes the full stop right after it.
//   - In scripts written without spaces (Han, Hiragana, Katakana, Thai, Lao,
//     Khmer, Myanmar) every character is a word. UAX #29 leaves those
//     scripts to a dictionary, which Claimdesk does not carry, and keeps
//     Katakana runs together; one character is what an analyst can pick.
//
// The pieces between words (runs of spaces, a line break, each punctuation
// mark, an emoji with its modifiers, a flag) are segments too, so the
// segments of a text cover it. A segment is a word when it holds a word rune
// (IsWordRune).

// IsWordRune reports the characters words are made of: letters, digits and
// marks. It is the rule per character, for search, which finds the edges of
// words one rune at a time in folded text it cannot afford to segment: it
// sees two words where UAX #29 joins letters across an apostrophe or a full
// stop ("Peskov's", "U.S"), which is what a search for peskov wants.
func IsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return isWordRuneTables(r)
}

// asciiWord is IsWordRune for ASCII, worked out once so that the test
// inlines into search's loops over every candidate.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for r := range t {
		t[r] = isWordRuneTables(rune(r))
	}
	return t
}()

// isWordRuneTables is the rule of IsWordRune.
func isWordRuneTables(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// IsUnspaced reports characters of the scripts written without spaces
// between words, in which every character is a word and a line may break
// between any two characters.
func IsUnspaced(r rune) bool {
	if r < 0xe00 {
		return false // below Thai, the first of them
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana,
		unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}

// Words splits text into its segments, in order, covering it.
func Words(text []rune) []Span {
	out := make([]Span, 0, len(text)/3) // about one segment a word and one a space
	for s := range words(text, 0, len(text)) {
		out = append(out, s)
	}
	return out
}

// WordAt returns the segment of text that holds offset i (clamped into the
// text), as Words would, but segments only the stretch around i, so that
// it costs the same at any offset of a long text. An empty text gives an
// empty span.
func WordAt(text []rune, i int) Span {
	if len(text) == 0 {
		return Span{}
	}
	i = clamp(i, 0, len(text)-1)
	lo := i
	for lo > 0 && !wordSync(text, lo) {
		lo--
	}
	hi := i + 1
	for hi < len(text) && !wordSync(text, hi) {
		hi++
	}
	for s := range words(text, lo, hi) {
		if s.End > i {
			return s
		}
	}
	panic("segment: the words of a stretch do not cover it")
}

// words yields the segments of text[lo:hi], lo and hi being word syncs.
func words(text []rune, lo, hi int) iter.Seq[Span] {
	return func(yield func(Span) bool) {
		emit := func(s Span) bool { return yieldUnspaced(text, s, yield) }
		var held Span // an initialism waiting for its full stop
		holding := false
		for s := range uax29Words(text, lo, hi) {
			if holding {
				holding = false
				if s.End == s.Start+1 && text[s.Start] == '.' {
					if !emit(Span{held.Start, s.End}) {
						return
					}
					continue
				}
				if !emit(held) {
					return
				}
			}
			if isInitialism(text[s.Start:s.End]) {
				held, holding = s, true
				continue
			}
			if !emit(s) {
				return
			}
		}
		if holding {
			emit(held)
		}
	}
}

// uax29Words yields uniseg's word segments of text[lo:hi], joined where a
// boundary would fall inside a grapheme cluster.
func uax29Words(text []rune, lo, hi int) iter.Seq[Span] {
	return func(yield func(Span) bool) {
		b := encode(make([]byte, 0, hi-lo), text[lo:hi])
		state, start, p := -1, lo, lo
		var run flagRun
		for len(b) > 0 {
			var w []byte
			w, b, state = uniseg.FirstWord(b, state)
			p += utf8.RuneCount(w)
			if p < hi && !graphemeBoundary(text, p, &run) {
				continue
			}
			if !yield(Span{start, p}) {
				return
			}
			start = p
		}
	}
}

// yieldUnspaced yields s, or each of its grapheme clusters when it holds a
// character of a script written without spaces.
func yieldUnspaced(text []rune, s Span, yield func(Span) bool) bool {
	unspaced := false
	for _, r := range text[s.Start:s.End] {
		if IsUnspaced(r) {
			unspaced = true
			break
		}
	}
	if !unspaced {
		return yield(s)
	}
	for p := s.Start; p < s.End; {
		q := min(GraphemeEnd(text, p), s.End)
		if !yield(Span{p, q}) {
			return false
		}
		p = q
	}
	return true
}

// isInitialism reports a segment of at least two single letters (each with
// its marks) joined by full stops, such as "U.S" or "e.g".
func isInitialism(w []rune) bool {
	letters := 0
	for i := 0; i < len(w); {
		if !unicode.IsLetter(w[i]) {
			return false
		}
		letters++
		for i++; i < len(w) && unicode.IsMark(w[i]); i++ {
		}
		if i == len(w) {
			break
		}
		if w[i] != '.' || i+1 == len(w) {
			return false
		}
		i++
	}
	return letters >= 2
}

// wordSync reports whether uniseg may start afresh at offset j (0 < j <
// len(text)) and agree with a run from the start: j is a word and grapheme
// boundary that no rule looks across. UAX #29's word rules look across a
// character only from a letter or digit through a full stop, apostrophe,
// colon or comma (WB6, WB7, WB11, WB12), through extending characters (WB4),
// a ZWJ (WB3c) or regional indicators (WB15, WB16). None of that reaches
// past a boundary after white space, or between two letters.
func wordSync(text []rune, j int) bool {
	a, b := text[j-1], text[j]
	if a < utf8.RuneSelf && b < utf8.RuneSelf {
		return (a == ' ' || a == '\t' || a == '\n') && b > ' ' && b < 0x7f
	}
	if !unicode.IsSpace(a) && !(unicode.IsLetter(a) && unicode.IsLetter(b) && !Extends(a)) {
		return false
	}
	return wordPairBreaks(a, b) && pairBreaks(a, b)
}

// wordPairBreaks reports whether uniseg puts a word boundary between a and
// b when the two stand alone.
func wordPairBreaks(a, b rune) bool {
	var buf [2 * utf8.UTFMax]byte
	s, n := encodePair(&buf, a, b)
	w, _, _ := uniseg.FirstWord(s, -1)
	return len(w) == n
}
