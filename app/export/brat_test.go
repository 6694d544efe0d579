package export

import (
	"reflect"
	"testing"

	"claimdesk/storage"
)

func TestBratFragments(t *testing.T) {
	tests := []struct {
		start int
		quote string
		want  []fragment
	}{
		{10, "one line", []fragment{{10, 18, "one line"}}},
		{10, "a\nb", []fragment{{10, 11, "a"}, {12, 13, "b"}}},
		{0, "para one.\"\n\nPara two", []fragment{{0, 10, "para one.\""}, {12, 20, "Para two"}}},
		{5, "東京\n克里", []fragment{{5, 7, "東京"}, {8, 10, "克里"}}},
		{0, "👍🏽\nok", []fragment{{0, 2, "👍🏽"}, {3, 5, "ok"}}},
		{3, "\nedge\n", []fragment{{4, 8, "edge"}}},
		{3, "\n\n", nil},
	}
	for _, tc := range tests {
		c := storage.Claim{Start: tc.start, End: tc.start + storage.RuneLen(tc.quote), Quote: tc.quote}
		if got := bratFragments(c); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("bratFragments(%q) = %v, want %v", tc.quote, got, tc.want)
		}
	}
}

func TestBratNote(t *testing.T) {
	tests := []struct {
		speaker, target, note string
		want                  string
	}{
		{"", "", "", ""},
		{"Peskov", "", "", "speaker: Peskov"},
		{"", "US", "", "target: US"},
		{"Peskov", "US", "denies", "speaker: Peskov | target: US | note: denies"},
		{"", "", "two\nlines\tand tab", "note: two lines and tab"},
		{" Peskov ", "", " ", "speaker: Peskov"},
	}
	for _, tc := range tests {
		c := storage.Claim{Speaker: tc.speaker, Target: tc.target, Note: tc.note}
		if got := bratNote(c); got != tc.want {
			t.Errorf("bratNote(%q, %q, %q) = %q, want %q", tc.speaker, tc.target, tc.note, got, tc.want)
		}
	}
}

func TestTextColourOn(t *testing.T) {
	tests := map[string]string{
		"#0072B2": "white", "#D55E00": "black", "#009E73": "black",
		"#000000": "white", "#FFFFFF": "black", "#F0E442": "black", "bad": "black", "#GG0000": "black",
	}
	for colour, want := range tests {
		if got := textColourOn(colour); got != want {
			t.Errorf("textColourOn(%s) = %s, want %s", colour, got, want)
		}
	}
}
