package export

import (
	"strings"
	"unicode"
)

// span is a half-open range of code points.
type span struct{ start, end int }

// Tokens and sentences are found by simple, predictable rules rather than a
// language model: an export must not depend on a model being installed,
// and the same text must always give the same tokens.

// tokenize finds the tokens of text: runs of letters, digits and marks
// (so "Zoë" with a combining diaeresis is one token), initialisms such as
// "U.S.", each Han, Hiragana or Katakana character alone (those scripts do
// not mark words with spaces), and every other visible character alone,
// with the modifiers, variation selectors and zero-width joiners that
// belong to it, so an emoji such as 👍🏽 or 👨‍👩‍👧 stays one token. White
// space is never part of a token.
func tokenize(text []rune) []span {
	var toks []span
	for i := 0; i < len(text); {
		r := text[i]
		switch {
		case unicode.IsSpace(r):
			i++
			continue
		case isIdeograph(r):
			toks = append(toks, span{i, i + 1 + attached(text[i+1:])})
		case initialismEnd(text, i) > i:
			toks = append(toks, span{i, initialismEnd(text, i)})
		case isWordRune(r):
			toks = append(toks, span{i, wordEnd(text, i+1)})
		default:
			n := 1
			if isRegional(r) && i+1 < len(text) && isRegional(text[i+1]) {
				n = 2 // a flag is a pair of regional indicators
			}
			toks = append(toks, span{i, i + n + attached(text[i+n:])})
		}
		i = toks[len(toks)-1].end
	}
	return toks
}

// wordEnd finds where the word going on at j ends. A full stop or comma
// between digits stays inside it, so "3.5" and "1,000" are one token.
func wordEnd(text []rune, j int) int {
	for j < len(text) {
		r := text[j]
		switch {
		case isWordRune(r) && !isIdeograph(r), isAttached(r):
			j++
		case (r == '.' || r == ',') && unicode.IsDigit(text[j-1]) && j+1 < len(text) && unicode.IsDigit(text[j+1]):
			j += 2
		default:
			return j
		}
	}
	return j
}

// initialismEnd finds the end of an initialism starting at i — letters
// each followed by a full stop, at least two, as in "U.S." or "e.g." — so
// it stays one token; it returns i when there is none.
func initialismEnd(text []rune, i int) int {
	j, n := i, 0
	// At most maxInitials letters: an unbounded look-ahead from every
	// letter of "a.a.a.a…x" would take quadratic time.
	for n < maxInitials && j+1 < len(text) && unicode.IsLetter(text[j]) && text[j+1] == '.' {
		j += 2
		n++
	}
	if n < 2 || j < len(text) && isWordRune(text[j]) {
		return i
	}
	return j
}

const maxInitials = 8

func isRegional(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isIdeograph(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

// isAttached reports characters that never stand alone: combining marks
// and variation selectors, emoji skin-tone modifiers, the zero-width
// joiner and non-joiner (inside Persian words and emoji sequences) and
// emoji tag characters.
func isAttached(r rune) bool {
	return unicode.IsMark(r) || (r >= 0x1F3FB && r <= 0x1F3FF) ||
		r == '\u200C' || r == '\u200D' || (r >= 0xE0020 && r <= 0xE007F)
}

// attached counts the characters at the start of rest that belong to the
// character before them; after a zero-width joiner, the next character
// joins too.
func attached(rest []rune) int {
	n := 0
	for n < len(rest) && isAttached(rest[n]) {
		if rest[n] == '\u200D' && n+1 < len(rest) && !unicode.IsSpace(rest[n+1]) {
			n++
		}
		n++
	}
	return n
}

// sentences splits text into sentences without their surrounding white
// space. A line break always ends one; so does . ! ? … (and their Arabic
// and CJK forms) followed by white space, closing quotes or brackets
// allowed in between — except after a likely abbreviation ("U.S.", "Mr.",
// a single letter) or before a lower-case word.
func sentences(text []rune) []span {
	var out []span
	start := -1
	end := func(at int) {
		if start >= 0 {
			e := at
			for e > start && unicode.IsSpace(text[e-1]) {
				e--
			}
			out = append(out, span{start, e})
		}
		start = -1
	}
	for i := 0; i < len(text); i++ {
		r := text[i]
		if r == '\n' || r == '\u2029' {
			end(i)
			continue
		}
		if start < 0 && !unicode.IsSpace(r) {
			start = i
		}
		if !isTerminal(r) {
			continue
		}
		// The run of terminals and closers is decided once, as a whole:
		// looking at it again from each of its characters would make a long
		// run of dots cost time quadratic in its length.
		full, j := fullWidthTerminal(r), i+1
		for j < len(text) && (isTerminal(text[j]) || isCloser(text[j])) {
			full = full || fullWidthTerminal(text[j])
			j++
		}
		if full || j == len(text) || unicode.IsSpace(text[j]) && !continues(text, start, i, j) {
			end(j)
		}
		i = j - 1
	}
	end(len(text))
	return out
}

func isTerminal(r rune) bool { return strings.ContainsRune(".!?…؟。！？", r) }

func fullWidthTerminal(r rune) bool { return strings.ContainsRune("。！？", r) }

func isCloser(r rune) bool {
	return strings.ContainsRune(`"')]}»”’`, r) || unicode.Is(unicode.Pe, r) || unicode.Is(unicode.Pf, r)
}

// continues reports whether the sentence goes on after the full stop at
// stop: after an abbreviation, or when the next word starts in lower case.
func continues(text []rune, start, stop, after int) bool {
	if text[stop] != '.' {
		return false
	}
	next := after
	for next < len(text) && unicode.IsSpace(text[next]) && text[next] != '\n' {
		next++
	}
	if next < len(text) && unicode.IsLower(text[next]) {
		return true
	}
	w := stop
	for w > start && !unicode.IsSpace(text[w-1]) {
		w--
	}
	word := string(text[w:stop])
	return len([]rune(word)) == 1 || strings.Contains(word, ".") || abbreviations[strings.ToLower(word)]
}

var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "jr": true,
	"sr": true, "gen": true, "sen": true, "rep": true, "gov": true, "lt": true, "col": true,
	"mt": true, "vs": true, "etc": true, "inc": true, "ltd": true, "co": true, "corp": true,
	"no": true, "jan": true, "feb": true, "aug": true, "sept": true, "oct": true, "nov": true, "dec": true,
}
