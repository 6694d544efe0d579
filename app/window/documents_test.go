package window

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
)

// PDF and Word files dropped on the window are imported like any other
// file: the first opens, titled from its metadata; an encrypted one is
// named in the report with the reason.
func TestDroppedDocumentsAreImportedAndOpened(t *testing.T) {
	w := newTestWindow(t)
	fixture := func(name string) fyne.URI {
		path, err := filepath.Abs(filepath.Join("..", "dataset", "testdata", "golden", name))
		if err != nil {
			t.Fatal(err)
		}
		return storage.NewFileURI(path)
	}
	w.onDropped(fyne.NewPos(10, 10), []fyne.URI{fixture("pdf_columns.pdf"), fixture("docx_report.docx"), fixture("pdf_encrypted.pdf")})
	article := w.session.Article()
	if article.Title != "Ruling on the harbour contract" || !strings.HasPrefix(article.Text, "The court heard the appeal") {
		t.Fatalf("opened %q beginning %.40q, want the PDF's article", article.Title, article.Text)
	}
	if n := len(w.session.Articles()); n != 3 {
		t.Errorf("%d articles listed, want the seed, the PDF and the Word file", n)
	}
	overlays := w.win.Canvas().Overlays().List()
	if len(overlays) == 0 {
		t.Fatal("no import report shown")
	}
	report := test.RenderObjectToMarkup(overlays[len(overlays)-1])
	for _, want := range []string{"pdf_encrypted.pdf: the PDF is encrypted", "Harbour committee minutes", "2 imported (0 claims), 0 skipped, 1 failed"} {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}

// The Open dialog tells which kinds of file it reads, documents among them.
func TestOpenDialogNamesDocuments(t *testing.T) {
	w := newTestWindow(t)
	w.showOpenDialog()
	overlays := w.win.Canvas().Overlays().List()
	markup := test.RenderObjectToMarkup(overlays[len(overlays)-1])
	for _, ext := range []string{".pdf", ".docx"} {
		if !strings.Contains(markup, ext) {
			t.Errorf("the Open dialog does not name %s", ext)
		}
	}
}
