package export

import (
	"strings"
	"testing"
)

func TestParseSplit(t *testing.T) {
	tests := []struct {
		in   string
		want Split
		err  string
	}{
		{"", Split{}, ""},
		{"80/10/10", Split{80, 10, 10, 7}, ""},
		{" 70 / 15 / 15 ", Split{70, 15, 15, 7}, ""},
		{"100/0/0", Split{100, 0, 0, 7}, ""},
		{"80/10", Split{}, "three percentages"},
		{"80/x/10", Split{}, `"x" is not a percentage`},
		{"80/-10/30", Split{}, "not a percentage"},
		{"50/10/10", Split{}, "adds up to 70"},
	}
	for _, tc := range tests {
		got, err := ParseSplit(tc.in, 7)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseSplit(%q) error %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseSplit(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
}
