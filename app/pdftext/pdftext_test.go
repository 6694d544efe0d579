package pdftext

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "dataset", "testdata", "golden", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestReadPagesInReadingOrder(t *testing.T) {
	doc, err := Read(fixture(t, "pdf_columns.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Ruling on the harbour contract" || len(doc.Pages) != 2 {
		t.Fatalf("title %q, %d pages", doc.Title, len(doc.Pages))
	}
	first := doc.Pages[0]
	left, right := strings.Index(first, "members of his office."), strings.Index(first, "The minister accused")
	if left < 0 || right < left {
		t.Errorf("the left column does not come whole before the right one:\n%s", first)
	}
	if !strings.Contains(first, "misrepresenting") {
		t.Errorf("the word hyphenated at a line end was not joined:\n%s", first)
	}
}

func TestReadRightToLeftInLogicalOrder(t *testing.T) {
	doc, err := Read(fixture(t, "pdf_arabic.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.Pages[0], "نفى المتحدث باسم الوزارة") {
		t.Errorf("Arabic not in logical order: %q", doc.Pages[0])
	}
}

func TestReadRefusals(t *testing.T) {
	for name, c := range map[string]struct {
		data []byte
		want error
	}{
		"encrypted": {fixture(t, "pdf_encrypted.pdf"), ErrEncrypted},
		"garbage":   {[]byte("no PDF here\n%%EOF\n"), ErrDamaged},
		"empty":     {nil, ErrDamaged},
	} {
		if _, err := Read(c.data); !errors.Is(err, c.want) {
			t.Errorf("%s: error %v, want %v", name, err, c.want)
		}
	}
}

// Reads from many goroutines at once are safe: poppler is used by one at
// a time (run with -race).
func TestReadConcurrently(t *testing.T) {
	data := fixture(t, "pdf_columns.pdf")
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if doc, err := Read(data); err != nil || len(doc.Pages) != 2 {
				t.Errorf("%d pages, error %v", len(doc.Pages), err)
			}
		})
	}
	wg.Wait()
}

func TestReadFirstHeading(t *testing.T) {
	for name, want := range map[string]string{
		"pdf_heading.pdf": "Ministry denies payments to port official", // two lines at 18 pt under a 9 pt kicker
		"pdf_columns.pdf": "",                                          // nothing larger than the body
		"pdf_scanned.pdf": "",
	} {
		doc, err := Read(fixture(t, name))
		if err != nil {
			t.Fatal(err)
		}
		if doc.Heading != want {
			t.Errorf("%s: heading %q, want %q", name, doc.Heading, want)
		}
	}
}
