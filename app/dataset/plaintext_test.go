package dataset

import (
	"testing"
)

func FuzzParseText(f *testing.F) {
	addSeeds(f, []string{".txt"}, "", "\r\n\r\n", "\xff\xfe", "\uFEFFtitle\rbody", "a\x00b")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "fuzz.txt", data) })
}
