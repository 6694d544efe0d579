package dataset

import (
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"claimdesk/app/testkit"
)

// TestParseFilePairsBrat: the .txt of a brat pair is read with its .ann,
// whichever of the two is named.
func TestParseFilePairsBrat(t *testing.T) {
	fromTxt, _, err1 := ParseFile("testdata/golden/brat.txt")
	fromAnn, _, err2 := ParseFile("testdata/golden/brat.ann")
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if len(fromTxt) != 1 || len(fromTxt[0].Spans) == 0 || !slices.Equal(fromTxt[0].Spans, fromAnn[0].Spans) {
		t.Errorf("the .txt of a brat pair did not parse as the pair")
	}
}

func TestParseBratNote(t *testing.T) {
	tests := []struct {
		in, speaker, target, note string
	}{
		{"speaker: Dmitry Peskov | target: USA | note: official line", "Dmitry Peskov", "USA", "official line"},
		{"speaker: Peskov", "Peskov", "", ""},
		{"target: Clinton campaign | note: a | b | c", "", "Clinton campaign", "a | b | c"},
		{"note: speaker: not a key here", "", "", "speaker: not a key here"},
		{"Speaker: X; Target: Y; Note: Z", "X", "Y", "Z"},
		{"just a plain note", "", "", "just a plain note"},
		{"see speaker: X", "", "", "see speaker: X"},
		{"  ", "", "", ""},
	}
	for _, tt := range tests {
		s, tg, n := ParseBratNote(tt.in)
		if s != tt.speaker || tg != tt.target || n != tt.note {
			t.Errorf("ParseBratNote(%q) = %q, %q, %q; want %q, %q, %q", tt.in, s, tg, n, tt.speaker, tt.target, tt.note)
		}
	}
}

func TestBratNoteRoundTrip(t *testing.T) {
	tests := []struct{ speaker, target, note, text string }{
		{"Dmitry Peskov", "United States", "official line", "speaker: Dmitry Peskov | target: United States | note: official line"},
		{"", "Russia", "", "target: Russia"},
		{"Putin", "", "a | b\nc", "speaker: Putin | note: a | b c"},
		{"", "", "", ""},
	}
	for _, tt := range tests {
		text := BratNote(tt.speaker, tt.target, tt.note)
		if text != tt.text {
			t.Errorf("BratNote = %q, want %q", text, tt.text)
		}
		s, tg, n := ParseBratNote(text)
		if s != tt.speaker || tg != tt.target || n != strings.Join(strings.Fields(tt.note), " ") {
			t.Errorf("ParseBratNote(%q) = %q, %q, %q", text, s, tg, n)
		}
	}
}

func FuzzParseBrat(f *testing.F) {
	pairs, err := filepath.Glob(filepath.Join("testdata", "golden", "*.ann"))
	if err != nil {
		f.Fatal(err)
	}
	for _, ann := range pairs {
		text, err1 := os.ReadFile(siblingWithExt(ann, ".txt"))
		annData, err2 := os.ReadFile(ann)
		if err1 != nil || err2 != nil {
			f.Fatal(err1, err2)
		}
		f.Add(text, annData)
	}
	f.Add([]byte("ab\r\ncd"), []byte("T1\tx 0 2;4 6\tab cd\n#1\tAnnotatorNotes T1\tspeaker: s | note: n"))
	f.Add([]byte("abc"), []byte("T1\tx 3 1\nT2\ty -1 2\nA1\tSpeaker T2"))
	f.Fuzz(func(t *testing.T, text, ann []byte) {
		docs, problems, err := ParseBrat("fuzz.txt", "fuzz.ann", text, ann)
		checkParse(t, "fuzz.txt", docs, problems, err)
	})
}

func TestBratType(t *testing.T) {
	tests := map[string]string{
		"denial":                "denial",
		"Arabic-line":           "Arabic-line",
		"Name_Calling,Labeling": "Name_Calling_Labeling",
		"négation":              "negation",
		"Cafe\u0301":            "Cafe",
		"a|b":                   "a_b",
		"克里姆林宫":                 "label",
		"__":                    "label",
		"x<y>":                  "x_y_",
	}
	for in, want := range tests {
		if got := BratType(in); got != want {
			t.Errorf("BratType(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestBratTypes: types are unique and valid, labels valid as types keep
// their name whatever comes first, and brat's reserved names are avoided.
func TestBratTypes(t *testing.T) {
	got := BratTypes([]string{"a,b", "a_b", "a.b", "SPAN_DEFAULT", "否认", "赞扬", "label"})
	want := map[string]string{"a,b": "a_b_2", "a_b": "a_b", "a.b": "a_b_3", "SPAN_DEFAULT": "SPAN_DEFAULT_2",
		"否认": "label_2", "赞扬": "label_3", "label": "label"}
	if !maps.Equal(got, want) {
		t.Errorf("BratTypes = %v, want %v", got, want)
	}
}

// TestBratLabelNames: the [labels] section maps a type back to the label
// it was written for, escapes undone; a project's own display names, and
// lines of other sections, leave types alone.
func TestBratLabelNames(t *testing.T) {
	conf := "# comment\n[labels]\n" +
		"Name_Calling_Labeling | Name_Calling,Labeling\n" +
		"negation | négation\n" +
		"a_b_2 | a%7Cb | ab\n" +
		"x_ | x%3C\n" +
		"label_2 | 否认\n" +
		"Org | Organization | Org\n" +
		"Protein_binding | Protein binding | Binding\n" +
		"denial | denial\n" +
		"[drawing]\nstray | stray!\n"
	want := map[string]string{"Name_Calling_Labeling": "Name_Calling,Labeling", "negation": "négation",
		"a_b_2": "a|b", "x_": "x<", "label_2": "否认"}
	if got := BratLabelNames(conf); !maps.Equal(got, want) {
		t.Errorf("BratLabelNames = %v, want %v", got, want)
	}
	for _, label := range []string{"a|b", "x<>%y", "négation", "plain"} {
		line := "[labels]\n" + BratType(label) + " | " + BratVisualLabel(label) + "\n"
		if got := BratLabelNames(line)[BratType(label)]; got != label && BratType(label) != label {
			t.Errorf("%q came back as %q", label, got)
		}
	}
}

// TestParseBratReadsVisualConf: a pair in a folder below a visual.conf
// gets the label names written there.
func TestParseBratReadsVisualConf(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "train")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		filepath.Join(root, "visual.conf"): "[labels]\nName_Calling_Labeling | Name_Calling,Labeling\n",
		filepath.Join(dir, "a.txt"):        "They called him a liar.",
		filepath.Join(dir, "a.ann"):        "T1\tName_Calling_Labeling 5 23\tcalled him a liar.\n",
	}
	for path, data := range files {
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	docs, problems, err := ParseFile(filepath.Join(dir, "a.ann"))
	if err != nil || len(problems) != 0 || len(docs) != 1 || len(docs[0].Spans) != 1 {
		t.Fatalf("ParseFile: %v %v %v", docs, problems, err)
	}
	if got := docs[0].Spans[0].Label; got != "Name_Calling,Labeling" {
		t.Errorf("label %q", got)
	}
}

// TestParseBratLinkOptions: role names are configurable, and a trigger
// type named in TriggerLabels (or the label it maps to) is a claim that
// gets the event's speaker too.
func TestParseBratLinkOptions(t *testing.T) {
	text := "Peskov said it was false."
	ann := "T1\tWho 0 6\tPeskov\nT2\tSay 7 11\tsaid\nT3\tWhat 12 24\tit was false\n" +
		"E1\tSay:T2 Sayer:T1 Message:T3\n"
	tests := []struct {
		name string
		opts BratOptions
		want []string
	}{
		{"defaults know no Sayer", BratOptions{}, []string{"0-6 Who  ", "12-24 What  "}},
		{"Sayer is a speaker role", BratOptions{SpeakerRoles: []string{"sayer"}},
			[]string{"0-6 Who  ", "12-24 What Peskov "}},
		{"the trigger is a claim", BratOptions{SpeakerRoles: []string{"Sayer"}, TriggerLabels: []string{"say"}},
			[]string{"0-6 Who  ", "7-11 Say Peskov ", "12-24 What Peskov "}},
		{"by the label it maps to", BratOptions{TargetRoles: []string{"Sayer"}, TriggerLabels: []string{"utterance"},
			LabelNames: map[string]string{"Say": "utterance"}},
			[]string{"0-6 Who  ", "7-11 utterance  Peskov", "12-24 What  Peskov"}},
	}
	for _, tc := range tests {
		docs, _, err := ParseBratWith("a.txt", "a.ann", []byte(text), []byte(ann), tc.opts)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range docs[0].Spans {
			got = append(got, fmt.Sprintf("%d-%d %s %s %s", s.Start, s.End, s.Label, s.Speaker, s.Target))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: spans %q, want %q", tc.name, got, tc.want)
		}
	}
}

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

// TestBratFragmentsBratTakes: fragments listed out of order and touching
// fragments are valid brat (brat's own rules, testkit.CheckBrat, take
// them), and every one of them is imported.
func TestBratFragmentsBratTakes(t *testing.T) {
	text, err1 := os.ReadFile(filepath.Join("testdata", "golden", "brat_fragments.txt"))
	ann, err2 := os.ReadFile(filepath.Join("testdata", "golden", "brat_fragments.ann"))
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	var valid []string
	for line := range strings.SplitSeq(strings.TrimSuffix(string(ann), "\n"), "\n") {
		if !strings.Contains(line, "overlapping") { // the one brat refuses too
			valid = append(valid, line)
		}
	}
	dir := t.TempDir()
	files := map[string]string{"f.txt": string(text), "f.ann": strings.Join(valid, "\n") + "\n",
		"annotation.conf": "[entities]\ndenial\npraise\n[relations]\n[events]\n[attributes]\n"}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if n := testkit.CheckBrat(t, dir); n != len(valid) {
		t.Fatalf("brat took %d of %d T lines", n, len(valid))
	}
	docs, problems, err := ParseFile(filepath.Join(dir, "f.ann"))
	if err != nil || len(problems) != 0 || len(docs) != 1 || len(docs[0].Spans) != len(valid) {
		t.Fatalf("ParseFile: %v %v, %d documents", problems, err, len(docs))
	}
}

// TestBratAnnotatorLine: the annotator a Claimdesk brat collection's
// visual.conf names comes back whatever the name holds, and a visual.conf
// that names none gives "".
func TestBratAnnotatorLine(t *testing.T) {
	for _, name := range []string{"alice", "ana@example.org", "Zoë Ünal", "a\nb|c%d", "克里姆林宫", ""} {
		conf := "# Written by Claimdesk\n" + BratAnnotatorLine(name) + "[labels]\ndenial | denial\n"
		if got := BratAnnotator(conf); got != name {
			t.Errorf("BratAnnotator of %q's line = %q", name, got)
		}
		if strings.Count(BratAnnotatorLine(name), "\n") != 1 {
			t.Errorf("the line for %q spans several lines", name)
		}
	}
	if got := BratAnnotator("[labels]\nPER | Person\n"); got != "" {
		t.Errorf("a visual.conf of another tool names annotator %q", got)
	}
}
