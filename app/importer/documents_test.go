package importer

import (
	"os"
	"path/filepath"
	"testing"

	"claimdesk/app/testkit"
	"claimdesk/storage/storetest"
)

// TestImportDocuments imports a folder of PDF and Word files, two of them
// unreadable, then the same folder again: the report says what landed,
// what failed and why, and the second run skips every stored text.
func TestImportDocuments(t *testing.T) {
	golden, err := filepath.Abs(filepath.Join("testdata", "documents.golden"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, name := range []string{"pdf_columns.pdf", "pdf_arabic.pdf", "pdf_scanned.pdf", "pdf_encrypted.pdf", "docx_report.docx", "docx_heading.docx"} {
		data, err := os.ReadFile(filepath.Join("..", "dataset", "testdata", "golden", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	store := storetest.Open(t)
	var progress [][2]int
	report, err := Import(store, []string{"."}, Options{Progress: func(done, total int, _ string) { progress = append(progress, [2]int{done, total}) }})
	if err != nil {
		t.Fatal(err)
	}
	testkit.Golden(t, golden, []byte(report.String()))
	checkProgress(t, progress)
	if len(report.Imported) != 4 || len(report.Failed) != 2 {
		t.Errorf("imported %d, failed %d; want 4 and 2", len(report.Imported), len(report.Failed))
	}
	again, err := Import(store, []string{"."}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Imported) != 0 || len(again.Skipped) != 4 {
		t.Errorf("second import: %s; want the 4 stored texts skipped", again.Summary())
	}
}
