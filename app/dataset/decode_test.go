package dataset

import (
	"strings"
	"testing"
)

func TestCheckText(t *testing.T) {
	long := strings.Repeat("plain ASCII text. ", 20)
	tests := []struct {
		name    string
		data    string
		partial bool
		refused string
	}{
		{"utf-8 with Arabic and emoji", "قال 😀 said", false, ""},
		{"NUL byte", "abc\x00def", false, "NUL bytes"},
		{"latin-1", "d\xe9menti \xe0 Moscou", false, "not UTF-8 text: 2 of 2"},
		{"stray byte in long text", long + "\xff" + long, false, ""},
		{"stray byte in short text", "caf\xe9", false, "not UTF-8"},
		{"prefix cut inside a character", long + "\xd8", true, ""},
	}
	for _, tt := range tests {
		err := checkText([]byte(tt.data), tt.partial)
		switch {
		case tt.refused == "" && err != nil:
			t.Errorf("%s: refused: %v", tt.name, err)
		case tt.refused != "" && (err == nil || !strings.Contains(err.Error(), tt.refused)):
			t.Errorf("%s: err = %v, want one containing %q", tt.name, err, tt.refused)
		}
	}
}
