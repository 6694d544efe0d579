package export

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestOptionsValidate(t *testing.T) {
	tests := []struct {
		opts Options
		says string // "" when valid
	}{
		{Options{Format: "doccano"}, ""},
		{Options{Format: "doccano", Offsets: OffsetsUTF16}, ""},
		{Options{Format: "jsonl", Offsets: OffsetsCodePoints}, ""},
		{Options{Format: "spans", Offsets: OffsetsUTF16}, "doccano format only"},
		{Options{Format: "labelstudio", Offsets: OffsetsUTF16}, "doccano format only"},
		{Options{Format: "doccano", Offsets: "bytes"}, `unknown offsets unit "bytes" (valid: codepoints, utf16)`},
		{Options{Format: "conll", CoNLL: CoNLL2003}, ""},
		{Options{Format: "bio", CoNLL: CoNLLTSV}, ""},
		{Options{Format: "conll", CoNLL: "csv"}, `unknown CoNLL layout "csv" (valid: conll2003, tsv)`},
		{Options{Format: "csv", CoNLL: CoNLLTSV}, "conll format only"},
		{Options{Format: "nope"}, "unknown export format"},
		{Options{Format: "doccano", Split: Split{Train: 90}}, "adds up to 90"},
	}
	for _, tc := range tests {
		err := tc.opts.Validate()
		if tc.says == "" && err != nil || tc.says != "" && (err == nil || !strings.Contains(err.Error(), tc.says)) {
			t.Errorf("%+v: err = %v, want %q", tc.opts, err, tc.says)
		}
	}
}

func TestDestIsFolder(t *testing.T) {
	split := Split{Train: 80, Dev: 10, Test: 10}
	tests := []struct {
		opts Options
		want bool
	}{
		{Options{Format: "doccano"}, false},
		{Options{Format: "csv"}, false},
		{Options{Format: "brat"}, true},
		{Options{Format: "doccano", Split: split}, true},
		{Options{Format: "labelstudio", Split: split}, true},
		{Options{Format: "doccano", Split: Split{Seed: 3}}, false},
		{Options{Format: "nope"}, false},
	}
	for _, tc := range tests {
		if got := tc.opts.DestIsFolder(); got != tc.want {
			t.Errorf("%+v: DestIsFolder() = %v, want %v", tc.opts, got, tc.want)
		}
	}
}

func TestWriteRefusesBadDestinations(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file.txt")
	if err := os.WriteFile(file, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, dest string
		opts       Options
		says       string
	}{
		{"no destination", " ", Options{Format: "csv"}, "no destination"},
		{"unknown format", file, Options{Format: "xlsx"}, `unknown export format "xlsx"`},
		{"split not 100", dir, Options{Format: "csv", Split: Split{Train: 80, Dev: 10}}, "adds up to 90"},
		{"folder for a file format", dir, Options{Format: "csv"}, dir + " is a folder"},
		{"trailing slash", dir + "/new/", Options{Format: "csv"}, "new/ is a folder; CSV (a row per claim) needs a file name"},
		{"file for a folder format", file, Options{Format: "brat"}, file + " is a file"},
		{"file in the way of a split", file, Options{Format: "csv", Split: Split{Train: 100}}, file + " is a file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Write(context.Background(), fixture(t), tc.dest, tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.says) {
				t.Errorf("err = %v, want it to say %q", err, tc.says)
			}
			if data, _ := os.ReadFile(file); string(data) != "keep me" {
				t.Error("a refused export touched an existing file")
			}
		})
	}
}

func TestProgress(t *testing.T) {
	for _, split := range []Split{{}, {Train: 50, Dev: 50, Seed: 1}} {
		var calls [][2]int
		opts := Options{Format: "csv", Split: split, Progress: func(done, total int) { calls = append(calls, [2]int{done, total}) }}
		exportTo(t, fixture(t), opts)
		want := [][2]int{{0, 4}, {1, 4}, {2, 4}, {3, 4}, {4, 4}}
		if !reflect.DeepEqual(calls, want) {
			t.Errorf("split %v: progress calls %v, want %v", split, calls, want)
		}
	}
}

func TestOmittedClaims(t *testing.T) {
	d := fixture(t)
	_, res := exportTo(t, d, Options{Format: "conll"})
	if res.Omitted != 2 || res.Claims != 10 || res.OmittedRule != conllOverlapRule {
		t.Errorf("conll: %+v", res)
	}
	// A claim of white space only: CoNLL has no token for it, brat no
	// fragment.
	doc := &d.Docs[3]
	c := claimOn(t, 99, doc.Article.Text, "\n", "denial")
	doc.Claims = sorted(append(doc.Claims, c)...)
	_, res = exportTo(t, d, Options{Format: "conll"})
	want := conllOverlapRule + " (2); " + conllNoTokenRule + " (1)"
	if res.Omitted != 3 || res.OmittedRule != want {
		t.Errorf("conll: omitted %d %q, want 3 %q", res.Omitted, res.OmittedRule, want)
	}
	_, res = exportTo(t, d, Options{Format: "brat"})
	if res.Omitted != 1 || res.Claims != 12 || res.OmittedRule != bratLineBreakRule {
		t.Errorf("brat: %+v", res)
	}
	for _, f := range []string{"doccano", "spans", "labelstudio", "csv", "claims"} {
		if _, res := exportTo(t, d, Options{Format: f}); res.Omitted != 0 || res.Claims != 13 {
			t.Errorf("%s: %+v", f, res)
		}
	}
}

func TestEmptyDataset(t *testing.T) {
	want := map[string]string{
		"doccano": "", "spans": "", "claims": "", "conll": "",
		"labelstudio": "[\n]\n", "csv": "\uFEFF" + strings.Join(csvHeader, ",") + "\r\n",
	}
	for _, f := range Formats() {
		dir, res := exportTo(t, Dataset{}, Options{Format: f.Name})
		if res.Articles != 0 || res.Claims != 0 {
			t.Errorf("%s: %+v", f.Name, res)
		}
		files := readTree(t, dir)
		if f.Folder {
			if len(files) != 2 || files["annotation.conf"] == nil || files["visual.conf"] == nil {
				t.Errorf("%s wrote %v", f.Name, sortedNames(files))
			}
			continue
		}
		if got := string(files["data"+f.Extension]); got != want[f.Name] {
			t.Errorf("%s wrote %q, want %q", f.Name, got, want[f.Name])
		}
	}
}
