package export

import (
	"fmt"
	"strings"
)

// maxSlug bounds the title part of a file name: long enough to recognise
// the article, short enough for any file system and a terminal listing.
const maxSlug = 40

// docFileStem names an article's files in a folder export: its id, padded
// so names sort in id order, then the title in lower-case ASCII letters and
// digits. The id makes names unique whatever the titles; the slug keeps
// only characters that are safe on every file system and in brat's URLs,
// so "../x", "CON" or a title in Arabic cannot escape the folder or clash.
func docFileStem(id uint64, title string) string {
	stem := fmt.Sprintf("%04d", id)
	if s := slug(title); s != "" {
		stem += "-" + s
	}
	return stem
}

func slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') {
			dash = true
			continue
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteRune(r)
	}
	return cutAtWord(b.String(), maxSlug)
}

// cutAtWord shortens s to at most limit bytes (s is ASCII), at a word's
// end when there is one to cut at.
func cutAtWord(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	if s[limit] == '-' {
		return s[:limit]
	}
	if i := strings.LastIndexByte(s[:limit], '-'); i > 0 {
		return s[:i]
	}
	return s[:limit]
}
