package dataset

import (
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"claimdesk/app/testkit"
)

// TestIsBratLineBreak asks Python, whose str.splitlines brat reads .ann
// lines with, where it splits, over every code point.
func TestIsBratLineBreak(t *testing.T) {
	var got []string
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if IsBratLineBreak(r) {
			got = append(got, strconv.Itoa(int(r)))
		}
	}
	python := testkit.Python(t)
	out, err := exec.Command(python, "-c",
		"import sys; print(' '.join(str(c) for c in range(sys.maxunicode + 1) if len(('a' + chr(c) + 'b').splitlines()) == 2))").Output()
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Fields(string(out)); !slices.Equal(got, want) {
		t.Errorf("line breaks %v, Python splits at %v", got, want)
	}
	if note := BratNote("a\u2028b", "c\x85d", "e\x1cf\r\ng"); strings.ContainsFunc(note, IsBratLineBreak) {
		t.Errorf("BratNote kept a line break: %q", note)
	}
}
