package export

import (
	"path/filepath"
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
		{0, "a\u2028b\u0085c\u2029d", []fragment{{0, 1, "a"}, {2, 3, "b"}, {4, 5, "c"}, {6, 7, "d"}}},
		{9, "x\x1cy\vz\fw\r", []fragment{{9, 10, "x"}, {11, 12, "y"}, {13, 14, "z"}, {15, 16, "w"}}},
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
		{Start: 20, End: 29, Quote: "a\u2028b\u0085c\x1cd", Label: "Name_Calling,Labeling", Speaker: "X\u2029Y"},
		{Start: 30, End: 33, Quote: "non", Label: "négation"},
	}, bratTypes([]storage.Label{{Name: "Name_Calling,Labeling"}, {Name: "négation"}}))
	want := "T1\tdenial 0 6\tPeskov\n" +
		"T2\tpraise 8 9;10 11\ta b\n" +
		"#1\tAnnotatorNotes T2\tspeaker: Peskov | note: two lines\n" +
		"T3\taccusation 12 14\tUS\n" +
		"#2\tAnnotatorNotes T3\ttarget: US\n" +
		"T4\tName_Calling_Labeling 20 21;22 23;24 25;26 27\ta b c d\n" +
		"#3\tAnnotatorNotes T4\tspeaker: X Y\n" +
		"T5\tnegation 30 33\tnon\n"
	if got != want {
		t.Errorf("bratAnn:\n%s", testkit.Diff(want, got))
	}
	if j.claims != 5 || j.omitted[bratLineBreakRule] != 1 || len(j.omitted) != 1 {
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

// bratOddities is an article brat's syntax trips over: labels outside
// brat's type names (two of them brat would store as one type, one brat
// reserves, one visual.conf cannot hold as it is) and claims over the line
// breaks brat ends a .ann line at besides LF.
func bratOddities(t testing.TB) Dataset {
	text := "Officials called it propaganda.\u2028They denied it\u0085twice, and the minister\x1cpraised none.\n" +
		"克里姆林宫否认 everything; SPAN_DEFAULT is a label too."
	labels := []storage.Label{
		{Name: "Name_Calling,Labeling", Colour: "#CC79A7"}, {Name: "Name_Calling_Labeling", Colour: "#997700"},
		{Name: "négation", Colour: "#0072B2"}, {Name: "a|b<c>%", Colour: "#D55E00"},
		{Name: "否认", Colour: "#009E73"}, {Name: "SPAN_DEFAULT", Colour: "#AA4499"},
	}
	a := storage.Article{ID: 9, Title: "Oddities", Text: text, SHA256: storage.HashText(text), Added: fixedTime, Status: storage.StatusDone}
	return Dataset{Labels: labels, Docs: []Doc{{Article: a, Claims: sorted(
		with(claimOn(t, 1, text, "called it propaganda", "Name_Calling,Labeling"), "Officials", "", "", ""),
		with(claimOn(t, 2, text, "propaganda.\u2028They denied it\u0085twice", "négation"), "They", "Officials", "", ""),
		with(claimOn(t, 3, text, "minister\x1cpraised none", "a|b<c>%"), "the minister", "", "two\u2028lines", ""),
		with(claimOn(t, 4, text, "克里姆林宫否认", "否认"), "克里姆林宫", "", "", ""),
		with(claimOn(t, 5, text, "Officials", "Name_Calling_Labeling"), "", "", "", ""),
		with(claimOn(t, 6, text, "SPAN_DEFAULT", "SPAN_DEFAULT"), "", "", "", ""),
	)}}}
}

// TestBratFollowsBratRules reads the exports with brat's own rules
// (testkit.CheckBrat): every claim written is one brat takes, with a type
// annotation.conf knows, on a line of its own.
func TestBratFollowsBratRules(t *testing.T) {
	split := Split{Train: 50, Dev: 25, Test: 25, Seed: 7}
	for _, tc := range []struct {
		name string
		d    Dataset
		opts Options
	}{
		{"fixture", fixture(t), Options{Format: "brat"}},
		{"fixture-split", fixture(t), Options{Format: "brat", Split: split}},
		{"oddities", bratOddities(t), Options{Format: "brat"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, res := exportTo(t, tc.d, tc.opts)
			if got := testkit.CheckBrat(t, dir); got != res.Claims || got == 0 {
				t.Errorf("brat took %d claims, the export wrote %d", got, res.Claims)
			}
		})
	}
}

// TestBratOdditiesGolden shows the types, visual.conf names and fragments
// the oddities get.
func TestBratOdditiesGolden(t *testing.T) {
	dir, _ := exportTo(t, bratOddities(t), Options{Format: "brat"})
	got := readTree(t, dir)
	for _, name := range sortedNames(got) {
		testkit.Golden(t, filepath.Join("testdata", "golden", "brat-oddities", name), got[name])
	}
}

// TestBratOdditiesRoundTrip: read back, every claim has its label's own
// name again (through visual.conf), its offsets, speaker and target.
func TestBratOdditiesRoundTrip(t *testing.T) {
	d := bratOddities(t)
	dir, _ := exportTo(t, d, Options{Format: "brat"})
	docs := parseAll(t, dir, ".ann")
	if len(docs) != 1 {
		t.Fatalf("%d documents", len(docs))
	}
	compareSpans(t, d.Docs[0], docs[0].Spans, true, false)
}
