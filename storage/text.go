package storage

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Normalization tells what Normalize changed, so the user can be told.
type Normalization struct {
	RemovedBOM    bool
	ConvertedCRLF int // line ends CRLF or CR turned into LF
	InvalidUTF8   int // invalid byte sequences replaced by U+FFFD
}

// Changed reports whether Normalize altered the text at all.
func (n Normalization) Changed() bool {
	return n.RemovedBOM || n.ConvertedCRLF > 0 || n.InvalidUTF8 > 0
}

// String describes the changes in words, or returns "" when nothing changed.
func (n Normalization) String() string {
	var parts []string
	if n.RemovedBOM {
		parts = append(parts, "byte-order mark removed")
	}
	if n.ConvertedCRLF > 0 {
		parts = append(parts, Plural(n.ConvertedCRLF, "CR/CRLF line end")+" turned into LF")
	}
	if n.InvalidUTF8 > 0 {
		parts = append(parts, Plural(n.InvalidUTF8, "invalid UTF-8 sequence")+" replaced by U+FFFD")
	}
	return strings.Join(parts, ", ")
}

// Normalize is applied once to every text on its way into the store: the
// UTF-8 byte-order mark is dropped, CRLF and lone CR become LF, and each
// byte that is not part of valid UTF-8 becomes U+FFFD. After that the text
// never changes. Normalize is idempotent: a text that went through it once
// comes out of it again unchanged, so every leading U+FEFF goes, not only
// the first.
func Normalize(raw string) (string, Normalization) {
	var n Normalization
	for strings.HasPrefix(raw, "\uFEFF") {
		raw = raw[len("\uFEFF"):]
		n.RemovedBOM = true
	}
	if !utf8.ValidString(raw) {
		var b strings.Builder
		b.Grow(len(raw))
		for i := 0; i < len(raw); {
			r, size := utf8.DecodeRuneInString(raw[i:])
			if r == utf8.RuneError && size == 1 {
				n.InvalidUTF8++
				b.WriteRune(utf8.RuneError)
			} else {
				b.WriteString(raw[i : i+size])
			}
			i += size
		}
		raw = b.String()
	}
	if strings.IndexByte(raw, '\r') >= 0 {
		n.ConvertedCRLF = strings.Count(raw, "\r")
		raw = strings.ReplaceAll(raw, "\r\n", "\n")
		raw = strings.ReplaceAll(raw, "\r", "\n")
	}
	return raw, n
}

// HashText returns the hex SHA-256 of a (normalised) text: the identity used
// to find duplicate articles.
func HashText(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// RuneLen is the length of text in code points, the unit of every offset.
func RuneLen(text string) int { return utf8.RuneCountInString(text) }

// Slice returns text[start:end] counted in code points, and false when the
// range does not fit the text.
func Slice(text string, start, end int) (string, bool) {
	if start < 0 || end < start {
		return "", false
	}
	from, ok := ByteOffset(text, start)
	if !ok {
		return "", false
	}
	to, ok := ByteOffset(text[from:], end-start)
	if !ok {
		return "", false
	}
	return text[from : from+to], true
}

// ByteOffset converts a code-point offset into a byte offset of text; an
// offset equal to the text's length is valid (the end).
func ByteOffset(text string, runes int) (int, bool) {
	if runes < 0 {
		return 0, false
	}
	i := 0
	for n := 0; n < runes; n++ {
		if i >= len(text) {
			return 0, false
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	return i, true
}

// RuneOffset converts a byte offset of text into a code-point offset. An
// offset inside a multi-byte character rounds down to that character's
// start; offsets outside the text are clamped to it.
func RuneOffset(text string, byteOffset int) int {
	byteOffset = max(0, min(byteOffset, len(text)))
	for back := 1; back < utf8.UTFMax && back <= byteOffset; back++ {
		if utf8.RuneStart(text[byteOffset-back]) {
			if _, size := utf8.DecodeRuneInString(text[byteOffset-back:]); size > back {
				byteOffset -= back
			}
			break
		}
	}
	return utf8.RuneCountInString(text[:byteOffset])
}

// Plural counts a noun in English: "1 claim", "2 claims", "0 claims",
// "1,000 claims". It only adds an s, so the nouns it is given are regular.
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return Count(n) + " " + noun + "s"
}

// english writes numbers as the interface's English does.
var english = message.NewPrinter(language.English)

// Count is n with its thousands grouped (1,000,000): a store's counts run
// to seven digits, which read at a glance only grouped.
func Count(n int) string { return english.Sprint(n) }

// OneLine folds every run of white space, line breaks included, into one
// space, so a multi-line quote fits a list row or a terminal line.
func OneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// TextIndex converts code-point offsets of one text to byte offsets in
// constant time. Slice walks the text from its start at every call, which
// is right for one span but quadratic for an article with hundreds of
// claims: an import, a sync or an export builds this once per article.
type TextIndex struct {
	text string
	// marks is the byte offset of every markEvery-th code point; nil for
	// ASCII. Every code point's would be four bytes for each character of
	// the text: 200 MB for a 50 MiB article in another script.
	marks []int32
	n     int // length in code points
}

// markEvery is how many code points lie between two marks of a TextIndex:
// finding a code point's byte decodes at most markEvery-1 characters.
const markEvery = 32

// NewTextIndex indexes text, in one pass over it.
func NewTextIndex(text string) *TextIndex {
	n := utf8.RuneCountInString(text)
	x := &TextIndex{text: text, n: n}
	if n == len(text) {
		return x // ASCII: code points are bytes
	}
	x.marks = make([]int32, 0, n/markEvery+1)
	r := 0
	for i := range text {
		if r%markEvery == 0 {
			x.marks = append(x.marks, int32(i))
		}
		r++
	}
	if r%markEvery == 0 {
		x.marks = append(x.marks, int32(len(text)))
	}
	return x
}

// Text is the text indexed.
func (x *TextIndex) Text() string { return x.text }

// Len is the text's length in code points.
func (x *TextIndex) Len() int { return x.n }

// ByteAt is the byte offset of code point r, which must be in [0, Len()].
func (x *TextIndex) ByteAt(r int) int {
	if x.marks == nil {
		return r
	}
	b := int(x.marks[r/markEvery])
	for range r % markEvery {
		_, size := utf8.DecodeRuneInString(x.text[b:])
		b += size
	}
	return b
}

// Slice is the text's code points [start, end), false when out of range,
// as the function Slice answers.
func (x *TextIndex) Slice(start, end int) (string, bool) {
	if start < 0 || end < start || end > x.n {
		return "", false
	}
	return x.text[x.ByteAt(start):x.ByteAt(end)], true
}
