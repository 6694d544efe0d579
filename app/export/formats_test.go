package export

import (
	"strings"
	"testing"
)

func TestFormats(t *testing.T) {
	want := []string{"doccano", "spans", "labelstudio", "brat", "conll", "csv", "claims"}
	got := Formats()
	if len(got) != len(want) {
		t.Fatalf("Formats() has %d formats, want %d", len(got), len(want))
	}
	for i, f := range got {
		if f.Name != want[i] {
			t.Errorf("format %d is %q, want %q", i, f.Name, want[i])
		}
		if f.Title == "" || (f.Extension == "") != f.Folder {
			t.Errorf("format %q: title %q, extension %q, folder %v", f.Name, f.Title, f.Extension, f.Folder)
		}
		if _, ok := writers[f.Name]; !ok {
			t.Errorf("format %q has no writer", f.Name)
		}
	}
	got[0].Name = "changed"
	if Formats()[0].Name != "doccano" {
		t.Error("Formats() shares its slice with callers")
	}
}

func TestFormatByName(t *testing.T) {
	tests := []struct {
		in, want string
		err      bool
	}{
		{"doccano", "doccano", false},
		{"LabelStudio", "labelstudio", false},
		{" brat ", "brat", false},
		{"conll", "conll", false},
		{"jsonl", "doccano", false},
		{"JSONL", "doccano", false},
		{"prodigy", "spans", false},
		{"bio", "conll", false},
		{"json", "", true},
		{"", "", true},
	}
	for _, tc := range tests {
		f, err := FormatByName(tc.in)
		if (err != nil) != tc.err || f.Name != tc.want {
			t.Errorf("FormatByName(%q) = %q, %v", tc.in, f.Name, err)
		}
		if err != nil && !strings.Contains(err.Error(), "doccano, spans, labelstudio, brat, conll, csv, claims") {
			t.Errorf("error %q does not list the valid names", err)
		}
	}
}
