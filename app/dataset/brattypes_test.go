package dataset

import (
	"maps"
	"strings"
	"testing"
)

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
