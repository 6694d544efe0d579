package e2e

import (
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Where the window shows what an import of documents brought: the
// article's first line of text, and the import report's summary.
var (
	articleFirstLine = image.Rect(282, 180, 950, 208)
	reportSummary    = image.Rect(280, 230, 1000, 256)
)

// TestImportDocuments opens a PDF and a Word file with File > Open
// (Ctrl+O, the path typed, the Open button) in the real window: each
// becomes the open article, titled from the file, its text in the view
// (Arabic too); a scanned PDF is refused in the report with the reason.
func TestImportDocuments(t *testing.T) {
	bin, work, shots, db := setUp(t)
	cli(t, bin, db, "import", filepath.Join(repoRoot(t), "seeds", "000_f91aa925e747fcb2.txt"))
	fixtures := filepath.Join(repoRoot(t), "app", "dataset", "testdata", "golden")
	for _, name := range []string{"pdf_columns.pdf", "docx_report.docx", "pdf_arabic.pdf", "pdf_scanned.pdf"} {
		data, err := os.ReadFile(filepath.Join(fixtures, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(work, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	x := startXvfb(t)
	app := startApp(t, bin, db, work, x)
	win := strings.Fields(x.window("Claimdesk"))[0]
	waitTitle(t, x, win, seedTitle)
	x.xdotool("windowfocus", "--sync", win)
	time.Sleep(1500 * time.Millisecond)

	steps := []struct {
		file, title, firstWords, summary string
	}{
		{"pdf_columns.pdf", "Ruling on the harbour contract", "The court heard the appeal of the harbour", "1 imported (0 claims), 0 skipped, 0 failed, 1 warning"},
		{"docx_report.docx", "Harbour committee minutes", "Minutes of 4 March", ""},
		// Tesseract reads no Arabic here: the title, and that the view
		// changed, tell the Arabic article opened.
		{"pdf_arabic.pdf", "بيان الوزارة", "", ""},
		{"pdf_scanned.pdf", "بيان الوزارة", "", "0 imported (0 claims), 0 skipped, 1 failed"},
	}
	for i, s := range steps {
		shot := func(what string) image.Image {
			return x.screenshot(shots, "documents-"+itoa(i+1)+"-"+what)
		}
		before := shot("before")
		x.xdotool("key", "--window", win, "ctrl+o")
		time.Sleep(800 * time.Millisecond)
		x.xdotool("type", "--window", win, "--delay", "20", filepath.Join(work, s.file))
		time.Sleep(300 * time.Millisecond)
		x.xdotool("mousemove", "--window", win, "640", "790")
		open, ok := primaryButton(shot("dialog"), dialogArea)
		if !ok {
			t.Fatalf("%s: the Open dialog has no Open button", s.file)
		}
		x.xdotool("mousemove", "--window", win, itoa(open.X), itoa(open.Y), "click", "1")
		waitTitle(t, x, win, s.title)
		time.Sleep(1500 * time.Millisecond)
		if s.summary != "" {
			x.xdotool("mousemove", "--window", win, "640", "790")
			if got := readText(t, shot("report"), reportSummary); got != s.summary {
				t.Errorf("%s: the report says %q, want %q", s.file, got, s.summary)
			}
			x.xdotool("key", "--window", win, "Escape")
			time.Sleep(800 * time.Millisecond)
		}
		after := shot("article")
		if s.firstWords == "" {
			imported := s.summary == ""
			if n := differing(before, after, textArea); imported != (n > 500) {
				t.Errorf("%s: %d pixels of the article view changed; imported: %v", s.file, n, imported)
			}
			continue
		}
		if got := readText(t, after, articleFirstLine); !strings.HasPrefix(got, s.firstWords) {
			t.Errorf("%s: the article view begins %q, want %q", s.file, got, s.firstWords)
		}
	}
	x.quit(win)
	waitExit(t, app)
	// The whole text landed, not only what the view showed.
	out := cli(t, bin, db, "export", "--format", "doccano")
	for _, want := range []string{"misrepresenting the tender", `Minister\tNo payment was made. Nor promised.`, "[1] Statement to the committee", "نفى المتحدث باسم الوزارة"} {
		if !strings.Contains(out, want) {
			t.Errorf("the export lacks %q", want)
		}
	}
}
