package export

import (
	"reflect"
	"testing"

	"claimdesk/app/testkit"
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

// TestBratAnn: T lines are numbered over the claims brat can hold, and an
// AnnotatorNotes line, numbered on its own, follows each claim with a
// speaker, target or note, flattened to the one line a .ann entry has.
func TestBratAnn(t *testing.T) {
	j := &job{omitted: map[string]int{}}
	got := bratAnn(j, []storage.Claim{
		{Start: 0, End: 6, Quote: "Peskov", Label: "denial"},
		{Start: 6, End: 8, Quote: "\n\n", Label: "denial", Note: "nothing brat can show"},
		{Start: 8, End: 11, Quote: "a\nb", Label: "praise", Speaker: "Peskov", Note: "two\nlines"},
		{Start: 12, End: 14, Quote: "US", Label: "accusation", Target: "US"},
	})
	want := "T1\tdenial 0 6\tPeskov\n" +
		"T2\tpraise 8 9;10 11\ta b\n" +
		"#1\tAnnotatorNotes T2\tspeaker: Peskov | note: two lines\n" +
		"T3\taccusation 12 14\tUS\n" +
		"#2\tAnnotatorNotes T3\ttarget: US\n"
	if got != want {
		t.Errorf("bratAnn:\n%s", testkit.Diff(want, got))
	}
	if j.claims != 3 || j.omitted[bratLineBreakRule] != 1 || len(j.omitted) != 1 {
		t.Errorf("claims %d, omitted %v", j.claims, j.omitted)
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

func TestDocFileStem(t *testing.T) {
	tests := []struct {
		id    uint64
		title string
		want  string
	}{
		{1, "Kremlin Denies Interfering", "0001-kremlin-denies-interfering"},
		{12, "../../etc/passwd", "0012-etc-passwd"},
		{3, "CON", "0003-con"},
		{4, "إقرأ هذا الخبر", "0004"},
		{5, "", "0005"},
		{123456, "Zoë's café — ✓", "123456-zo-s-caf"},
		{7, "Kremlin Denies Interfering in U.S. Election Campaign after a long day", "0007-kremlin-denies-interfering-in-u-s"},
		{8, "Supercalifragilisticexpialidociousandevenlongerwords", "0008-supercalifragilisticexpialidociousandeve"},
	}
	for _, tc := range tests {
		if got := docFileStem(tc.id, tc.title); got != tc.want {
			t.Errorf("docFileStem(%d, %q) = %q, want %q", tc.id, tc.title, got, tc.want)
		}
	}
}

func TestUniqueStem(t *testing.T) {
	used := map[string]bool{}
	got := []string{uniqueStem(used, "0000"), uniqueStem(used, "0000"), uniqueStem(used, "0000")}
	if got[0] != "0000" || got[1] != "0000-2" || got[2] != "0000-3" {
		t.Errorf("uniqueStem gave %q", got)
	}
}
