package articleview

import (
	"slices"
	"testing"
)

// unitWidth makes every visible character 1 wide and marks 0 wide, so the
// tables can be read in characters.
func unitWidth(r rune) float32 {
	if isZeroWidth(r) {
		return 0
	}
	return 1
}

func wrapStrings(s string, width float32) []string {
	text := []rune(s)
	var out []string
	for _, l := range wrapParagraph(text, 0, len(text), width, unitWidth, nil) {
		out = append(out, string(text[l.start:l.end]))
	}
	return out
}

func TestWrapParagraph(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		width float32
		want  []string
	}{
		{"fits", "one two", 10, []string{"one two"}},
		{"breaks after space", "one two three", 8, []string{"one two ", "three"}},
		{"spaces hang", "one    two", 4, []string{"one    ", "two"}},
		{"exact fit", "abcd efgh", 4, []string{"abcd ", "efgh"}},
		{"long word breaks at character", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"long word after short", "ab cdefghij", 4, []string{"ab ", "cdef", "ghij"}},
		{"hyphen inside word", "well-known fact", 7, []string{"well-", "known ", "fact"}},
		{"hyphen before number stays", "a -5 b", 3, []string{"a ", "-5 ", "b"}},
		{"cjk anywhere", "中文字符", 3, []string{"中文字", "符"}},
		{"cjk keeps closing punctuation", "中文。字", 2, []string{"中", "文。", "字"}},
		{"cluster never split", "ae\u0301\u0301bcd", 2, []string{"ae\u0301\u0301", "bc", "d"}},
		{"emoji cluster", "ab👨\u200d👩cd", 3, []string{"ab", "👨\u200d👩c", "d"}},
		{"empty", "", 5, []string{""}},
		{"only spaces", "   ", 1, []string{"   "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := wrapStrings(tt.in, tt.width); !slices.Equal(got, tt.want) {
				t.Errorf("wrap(%q, %v) = %q, want %q", tt.in, tt.width, got, tt.want)
			}
		})
	}
}

func TestWrapTrim(t *testing.T) {
	text := []rune("ab cd  ef")
	lines := wrapParagraph(text, 0, len(text), 5, unitWidth, nil)
	for _, l := range lines {
		if l.trim > l.end || l.trim < l.start || (l.trim > l.start && isBlank(text[l.trim-1])) {
			t.Errorf("line %+v: bad trim", l)
		}
	}
	if lines[0].trim != 5 || lines[0].end != 7 {
		t.Errorf("first line = %+v, want trim 5 end 7", lines[0])
	}
}
