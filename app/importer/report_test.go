package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"claimdesk/app/dataset"
	"claimdesk/storage/storetest"
)

func TestReportSummary(t *testing.T) {
	tests := []struct {
		r    Report
		want string
	}{
		{Report{}, "0 imported (0 claims), 0 skipped, 0 failed"},
		{Report{Imported: []Imported{{Claims: 1}}}, "1 imported (1 claim), 0 skipped, 0 failed"},
		{Report{
			Imported: []Imported{{Claims: 5}, {Claims: 7}, {}},
			Skipped:  []Skipped{{}},
			Failed:   []dataset.Problem{{}, {}},
		}, "3 imported (12 claims), 1 skipped, 2 failed"},
		{Report{Warnings: []dataset.Problem{{}}, CreatedLabels: []string{"a", "b"}}, "0 imported (0 claims), 0 skipped, 0 failed, 1 warning, 2 new labels"},
	}
	for _, tt := range tests {
		if got := tt.r.Summary(); got != tt.want {
			t.Errorf("Summary() = %q, want %q", got, tt.want)
		}
		if tt.r.HasFailures() != (len(tt.r.Failed) > 0) {
			t.Errorf("HasFailures() = %v with %d failures", tt.r.HasFailures(), len(tt.r.Failed))
		}
	}
}

func TestReportString(t *testing.T) {
	r := Report{
		Imported:      []Imported{{Path: "a.jsonl", Line: 3, ArticleID: 7, Title: "T", Claims: 2}},
		Skipped:       []Skipped{{Path: "b.txt", Title: "B", Reason: "same text"}, {Path: "c.xlsx", Reason: "not a format"}},
		Failed:        []dataset.Problem{{File: "d.jsonl", Line: 4, Message: "invalid JSON"}},
		Warnings:      []dataset.Problem{{File: "e.ann", Line: 2, Message: "T1: does not fit", Warning: true}},
		CreatedLabels: []string{"ORG"},
	}
	want := `imported  a.jsonl:3: "T" (2 claims, article 7)
skipped   b.txt: "B": same text
skipped   c.xlsx: not a format
failed    d.jsonl:4: invalid JSON
warning   e.ann:2: T1: does not fit
new label ORG
1 imported (2 claims), 2 skipped, 1 failed, 1 warning, 1 new label
`
	if got := r.String(); got != want {
		t.Errorf("String() =\n%s\nwant\n%s", got, want)
	}
}

// TestImportReportsWhatChanged: normalising a text is reported on the
// article's line, and an import whose claims were all left out fails.
func TestImportReportsWhatChanged(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	crlf := write("crlf.txt", "\ufeffPeskov denied it.\r\nTwice.\r\n")
	none := write("none.jsonl", `{"text":"Nothing fits here.","label":[[0,99,"denial"],[5,2,"denial"]]}`+"\n")
	some := write("some.jsonl", `{"text":"One fits here.","label":[[0,3,"denial"],[5,2,"denial"]]}`+"\n")
	tests := []struct {
		paths   []string
		failed  bool
		summary string
		warning string
	}{
		{[]string{crlf}, false, "1 imported (0 claims), 0 skipped, 0 failed, 1 warning",
			"crlf.txt: text normalised: byte-order mark removed, 2 CR/CRLF line ends turned into LF"},
		{[]string{none}, true, "1 imported (0 claims), 0 skipped, 0 failed, all 2 claims left out, 2 warnings",
			"none.jsonl:1: label[0]: span 0–99"},
		{[]string{some}, false, "1 imported (1 claim), 0 skipped, 0 failed, 1 claim left out, 1 warning",
			"some.jsonl:1: label[1]: span 5–2"},
	}
	for _, tt := range tests {
		report, err := Import(storetest.Open(t), tt.paths, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if report.Summary() != tt.summary || report.HasFailures() != tt.failed || !strings.Contains(report.String(), tt.warning) {
			t.Errorf("report (failed %v, want %v):\n%s\nwant summary %q and a warning %q", report.HasFailures(), tt.failed, report, tt.summary, tt.warning)
		}
	}
}
