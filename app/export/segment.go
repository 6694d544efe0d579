package export

import (
	"strings"
	"unicode"

	"claimdesk/app/segment"
)

// span is a half-open range of code points.
type span struct{ start, end int }

// Tokens and sentences are found by simple, predictable rules rather than a
// language model: an export must not depend on a model being installed,
// and the same text must always give the same tokens.

// tokenize finds the tokens of text: the words and the marks between them
// as package segment defines them, so that a CoNLL token is exactly what a
// snapped selection in the window picks ("Trump's", "U.S.", "3.5", 👍🏽,
// each Han or kana character), leaving out white space. CoNLL separates
// tokens by white space, so a token holds none: where a segment does (a
// space carrying a combining mark, "10 000" written with a narrow no-break
// space) the white space is cut out and the rest stand as tokens.
func tokenize(text []rune) []span {
	var toks []span
	for _, w := range segment.Words(text) {
		start := w.Start
		for i := w.Start; i <= w.End; i++ {
			if i == w.End || isColumnSpace(text[i]) {
				if i > start {
					toks = append(toks, span{start, i})
				}
				start = i + 1
			}
		}
	}
	return toks
}

// isColumnSpace reports white space as readers of token-per-line files
// split columns at: Go's unicode.IsSpace, and the four information
// separators U+001C–U+001F, which Python's str.split (spaCy's convert,
// conlleval's Python port) takes as white space too.
func isColumnSpace(r rune) bool {
	return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f
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
