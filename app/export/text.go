package export

import (
	"unicode/utf8"
)

// textIndex converts code-point offsets of one article text to byte
// offsets in constant time. storage.Slice walks the text from its start for
// every call, which is right for one claim but quadratic for an article
// with hundreds of them; an export builds this table once per article.
type textIndex struct {
	text  string
	bytes []int32 // byte offset of every code point, plus the end; nil for ASCII
	n     int     // length in code points
}

func newTextIndex(text string) *textIndex {
	n := utf8.RuneCountInString(text)
	x := &textIndex{text: text, n: n}
	if n == len(text) {
		return x // ASCII: code points are bytes
	}
	x.bytes = make([]int32, 0, n+1)
	for i := range text {
		x.bytes = append(x.bytes, int32(i))
	}
	x.bytes = append(x.bytes, int32(len(text)))
	return x
}

func (x *textIndex) runeLen() int { return x.n }

// byteAt is the byte offset of code point r, which must be in [0, n].
func (x *textIndex) byteAt(r int) int {
	if x.bytes == nil {
		return r
	}
	return int(x.bytes[r])
}

// slice is text[start:end] in code points, false when out of range.
func (x *textIndex) slice(start, end int) (string, bool) {
	if start < 0 || end < start || end > x.n {
		return "", false
	}
	return x.text[x.byteAt(start):x.byteAt(end)], true
}
