package export

import (
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"claimdesk/storage"
)

// TestCSVRowsEndInCRLF: every row ends in CRLF (RFC 4180), while a line
// break inside a quote stays the LF of the article, so that the quote cell
// is still text[start:end].
func TestCSVRowsEndInCRLF(t *testing.T) {
	d := fixture(t)
	dir, _ := exportTo(t, d, Options{Format: "csv"})
	body, ok := strings.CutPrefix(string(readTree(t, dir)["data.csv"]), "\uFEFF")
	if !ok {
		t.Fatal("the file does not start with a byte-order mark")
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if _, claims := d.Count(); len(rows) != claims+1 {
		t.Fatalf("%d rows, want a header and %d claims", len(rows), claims)
	}
	// Go's reader drops a CR before LF even inside quotes, so the line ends
	// are counted in the bytes: the fixture's texts hold no CR of their own.
	if !strings.HasSuffix(body, "\r\n") || strings.Count(body, "\r\n") != len(rows) || strings.Count(body, "\r") != len(rows) {
		t.Errorf("%d rows, %d CRLF, %d CR: want every row and only a row to end in CRLF",
			len(rows), strings.Count(body, "\r\n"), strings.Count(body, "\r"))
	}
	texts := map[string]string{}
	for _, doc := range d.Docs {
		texts[strconv.FormatUint(doc.Article.ID, 10)] = doc.Article.Text
	}
	overBreaks := 0
	for _, row := range rows[1:] {
		start, _ := strconv.Atoi(row[2])
		end, _ := strconv.Atoi(row[3])
		if want, ok := storage.Slice(texts[row[0]], start, end); !ok || row[5] != want {
			t.Errorf("article %s: quote %q is not text[%d:%d] %q", row[0], row[5], start, end, want)
		}
		if strings.Contains(row[5], "\n") {
			overBreaks++
		}
	}
	if overBreaks == 0 {
		t.Error("no quote crosses a line break: the fixture no longer tests one")
	}
}
