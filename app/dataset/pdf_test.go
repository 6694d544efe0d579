package dataset

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"claimdesk/app/testkit"
)

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "golden", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestPDFRefusedWithReason: a PDF that cannot become an article is refused
// with a message naming the file and saying what is wrong with it.
func TestPDFRefusedWithReason(t *testing.T) {
	columns := readFixture(t, "pdf_columns.pdf")
	cases := []refusal{
		{"cut.pdf", columns[:len(columns)/2], "ends early (no %%EOF marker"},
		{"garbage.pdf", []byte("this is no PDF at all\n%%EOF\n"), "not a PDF: the file does not begin with %PDF-"},
		{"noobjects.pdf", []byte("%PDF-1.4\nnothing else\n%%EOF\n"), "the PDF is damaged: Couldn't read xref table"},
		{"noxref.pdf", append(columns[:len(columns)-400:len(columns)-400], []byte("\n%%EOF\n")...), "the PDF is damaged"},
		{"scan.pdf", readFixture(t, "pdf_scanned.pdf"), "no text layer on its page"},
		{"locked.pdf", readFixture(t, "pdf_encrypted.pdf"), "encrypted: it opens only with a password"},
		{"empty.pdf", nil, "empty file"},
	}
	checkRefusals(t, cases)
}

// TestPDFAgreesWithPdftotext: the article is pdftotext's text, word for
// word, less the running header and page numbers.
func TestPDFAgreesWithPdftotext(t *testing.T) {
	tool := testkit.Tool(t, "pdftotext")
	for _, name := range []string{"pdf_columns.pdf", "pdf_heading.pdf", "pdf_arabic.pdf"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata", "golden", name)
			out, err := exec.Command(tool, "-enc", "UTF-8", path, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			want := strings.Fields(strings.Join(pdfPageLines(string(out)), "\n"))
			docs, _, err := ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Fields(docs[0].Text)
			// Every word of the article is pdftotext's next word; what is
			// skipped must be a running line.
			i := 0
			var skipped []string
			for _, w := range got {
				for i < len(want) && want[i] != w {
					skipped = append(skipped, want[i])
					i++
				}
				if i == len(want) {
					t.Fatalf("word %q is not in pdftotext's text in this order", w)
				}
				i++
			}
			skipped = append(skipped, want[i:]...)
			for _, w := range skipped {
				if w != "Court" && w != "of" && w != "Appeal" && w != "-" && w != "Case" && w != "2024/17" && w != "1" && w != "2" {
					t.Errorf("pdftotext's word %q is missing from the article", w)
				}
			}
		})
	}
}

func TestDropRunningLines(t *testing.T) {
	pages := [][]string{
		{"Daily Bulletin", "", "Ministry denies report", "The ministry said.", "", "Page 1 of 3"},
		{"Daily Bulletin", "", "It added more.", "", "Page 2 of 3"},
		{"The last page has no header.", "", "Page 3 of 3"},
	}
	dropped := dropRunningLines(pages)
	if want := []string{`"Daily Bulletin"`, `"Page 1 of 3"`}; strings.Join(dropped, "|") != strings.Join(want, "|") {
		t.Errorf("dropped %q, want %q", dropped, want)
	}
	got := strings.Join(pdfParagraphs(pages), "\n\n")
	want := "Ministry denies report The ministry said.\n\nIt added more.\n\nThe last page has no header."
	if got != want {
		t.Errorf("text %q, want %q", got, want)
	}
	single := [][]string{{"Only page", "1"}}
	if dropped := dropRunningLines(single); len(dropped) > 0 {
		t.Errorf("a single page lost %q: nothing repeats there", dropped)
	}
}

func TestPDFParagraphs(t *testing.T) {
	cases := []struct {
		name  string
		pages [][]string
		want  string
	}{
		{"heading and paragraphs in one block", [][]string{{
			"Port deal under scrutiny",
			"The minister denied on Tuesday that any payment had",
			"been made to members of his office or his party.",
			"He called the report false.",
			"The operator accused the committee of bias in the",
			"tender and said it would appeal the decision soon.",
		}}, "Port deal under scrutiny\n\nThe minister denied on Tuesday that any payment had been made to members of his office or his party. He called the report false.\n\nThe operator accused the committee of bias in the tender and said it would appeal the decision soon."},
		{"short line followed by lower case stays", [][]string{{
			"The spokesman said the payments to the consultants were",
			"lawful",
			"and documented in the accounts of the ministry for 2021.",
		}}, "The spokesman said the payments to the consultants were lawful and documented in the accounts of the ministry for 2021."},
		{"paragraph runs on over a page break", [][]string{
			{"The court heard that the contract was awarded without"},
			{"a tender, which the operator denied."},
		}, "The court heard that the contract was awarded without a tender, which the operator denied."},
		{"word hyphenated over a page break", [][]string{
			{"The committee praised the inspect-"},
			{"orate for its report."},
		}, "The committee praised the inspectorate for its report."},
		{"a sentence ending at a page break ends the paragraph", [][]string{
			{"The hearing closed."},
			{"a lower-case start after a full stop is a new paragraph."},
		}, "The hearing closed.\n\na lower-case start after a full stop is a new paragraph."},
		{"a turn of direction ends a paragraph", [][]string{{"نفى المتحدث باسم الوزارة أي دفع للمسؤول.", "واتهم الوزير الشركة بتضليل اللجنة.", "Translated by the newsroom."}}, "نفى المتحدث باسم الوزارة أي دفع للمسؤول. واتهم الوزير الشركة بتضليل اللجنة.\n\nTranslated by the newsroom."},
		{"Chinese lines join without a space", [][]string{{"外交部发言人否认了", "这一报道。"}}, "外交部发言人否认了这一报道。"},
		{"hyphen of a compound kept", [][]string{{"A well-", "Known case."}}, "A well- Known case."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := strings.Join(pdfParagraphs(c.pages), "\n\n"); got != c.want {
				t.Errorf("got\n%q\nwant\n%q", got, c.want)
			}
		})
	}
}

func TestUsableTitle(t *testing.T) {
	for title, want := range map[string]string{
		"Ruling on the harbour contract":  "Ruling on the harbour contract",
		"Microsoft Word - draft 3.docx":   "",
		"report-final.pdf":                "",
		"Untitled":                        "",
		"  Two   spaces\n":                "Two spaces",
		"Annual report 2023: the harbour": "Annual report 2023: the harbour",
	} {
		if got := usableTitle(title); got != want {
			t.Errorf("usableTitle(%q) = %q, want %q", title, got, want)
		}
	}
}

// FuzzParsePDF feeds damaged PDFs to the reader: a refusal is fine, a
// crash or a hang is not.
func FuzzParsePDF(f *testing.F) {
	for _, name := range []string{"pdf_columns.pdf", "pdf_heading.pdf", "pdf_scanned.pdf", "pdf_encrypted.pdf"} {
		f.Add(readFixture(f, name))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, _, err := ParseBytes("fuzz.pdf", data)
		if err == nil {
			checkDocuments(t, docs)
		}
	})
}

// BenchmarkParsePDF reads a 40-page two-column report and reports pages
// per second.
func BenchmarkParsePDF(b *testing.B) {
	data := benchmarkPDF(b, 40)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := ParseBytes("bench.pdf", data); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(40*b.N)/b.Elapsed().Seconds(), "pages/s")
}

func benchmarkPDF(b *testing.B, pages int) []byte {
	pdf := newFixturePDF()
	pdf.SetHeaderFunc(func() {
		pdf.SetFont("Helvetica", "", 8)
		pdf.Text(20, 12, "Benchmark report")
	})
	for p := 0; p < pages; p++ {
		pdf.AddPage()
		pdf.SetFont("Helvetica", "", 10)
		for col := 0; col < 2; col++ {
			y := 30.0
			for y < 270 {
				for _, line := range wrapHyphenated(pdf, rulingParagraphs[(p+col)%len(rulingParagraphs)], 80) {
					pdf.Text(20+float64(col)*90, y, line)
					y += 5
				}
				y += 5
			}
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// refusal is a file that cannot become an article, and part of the
// message that must say why.
type refusal struct {
	name string
	data []byte
	want string
}

// checkRefusals parses each file: it must be refused, with a message that
// names the file and says what is wrong with it.
func checkRefusals(t *testing.T, cases []refusal) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			docs, _, err := ParseBytes(c.name, c.data)
			if err == nil || len(docs) > 0 {
				t.Fatalf("got %d documents and error %v, want a refusal", len(docs), err)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, c.name+": ") || !strings.Contains(msg, c.want) {
				t.Errorf("message %q, want it to name %s and say %q", msg, c.name, c.want)
			}
		})
	}
}
