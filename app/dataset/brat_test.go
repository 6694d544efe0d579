package dataset

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

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
