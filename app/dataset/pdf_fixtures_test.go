package dataset

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"

	"claimdesk/app/testkit"
)

// The PDF fixtures in testdata/golden are made by this file, so anyone can
// see what each one holds and make them again: go test -run
// TestPDFFixtures -update ./app/dataset/ (it needs fc-match and the DejaVu
// fonts, from Debian's fontconfig and fonts-dejavu-core, for the Arabic).
// They are shipped so that the tests need neither.

// fixtureDate keeps the generated files the same from one run to the next.
var fixtureDate = time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)

// pdfFixtures names each fixture and how it is made.
var pdfFixtures = map[string]func(t *testing.T) []byte{
	"pdf_columns.pdf":   columnsPDF,
	"pdf_heading.pdf":   headingPDF,
	"pdf_arabic.pdf":    arabicPDF,
	"pdf_scanned.pdf":   scannedPDF,
	"pdf_encrypted.pdf": encryptedPDF,
}

func TestPDFFixtures(t *testing.T) {
	for name, build := range pdfFixtures {
		path := filepath.Join("testdata", "golden", name)
		if !testkit.Updating() {
			if _, err := os.Stat(path); err != nil {
				t.Errorf("%s is missing: run go test -run TestPDFFixtures -update", path)
			}
			continue
		}
		if err := os.WriteFile(path, build(t), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func newFixturePDF() *fpdf.Fpdf {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(fixtureDate)
	pdf.SetModificationDate(fixtureDate)
	pdf.SetCatalogSort(true)
	return pdf
}

func fixtureBytes(t *testing.T, pdf *fpdf.Fpdf) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rulingParagraphs is the body of a two-column ruling. A | marks where a
// word may be hyphenated at a line end, as typesetters do.
var rulingParagraphs = []string{
	"The court heard the appeal of the harbour author|ity against the con|tract awarded in 2021 to a private oper|ator. Counsel for the author|ity denied that any payment had been made to the min|ister or to members of his office.",
	"The minister accused the oper|ator of mis|represent|ing the tender and said the com|mittee had been misled about the cost of dredg|ing the northern basin. The oper|ator rejected the accu|sation in a state|ment read to the court.",
	"Witnesses for the port work|ers praised the inspect|orate for its indepen|dent report, which found that safety stand|ards had improved since the hand|over. The report was entered into evidence without objec|tion.",
	"The court reserves its judg|ment. Written submis|sions on costs are due within fourteen days, and the parties are reminded that the pro|ceed|ings remain subject to the confiden|tiality order of the first instance.",
}

// columnsPDF is a two-page ruling in two columns with a running header, a
// page number in the footer, words hyphenated at line ends and a title in
// its metadata.
func columnsPDF(t *testing.T) []byte {
	pdf := newFixturePDF()
	pdf.SetTitle("Ruling on the harbour contract", true)
	pdf.SetHeaderFunc(func() {
		pdf.SetFont("Helvetica", "", 8)
		pdf.Text(20, 12, "Court of Appeal - Case 2024/17")
	})
	pdf.SetFooterFunc(func() {
		pdf.SetFont("Helvetica", "", 8)
		pdf.Text(103, 287, strconv.Itoa(pdf.PageNo()))
	})
	const colWidth, gutter, lineHeight = 80.0, 10.0, 5.0
	for page := 0; page < 2; page++ {
		pdf.AddPage()
		pdf.SetFont("Helvetica", "", 10)
		for col := 0; col < 2; col++ {
			x, y := 20+float64(col)*(colWidth+gutter), 30.0
			for _, para := range rulingParagraphs[page*2+col : page*2+col+1] {
				for _, line := range wrapHyphenated(pdf, para, colWidth) {
					pdf.Text(x, y, line)
					y += lineHeight
				}
				y += lineHeight
			}
		}
	}
	return fixtureBytes(t, pdf)
}

// headingPDF has no title in its metadata: its first heading, set larger
// over two lines below a small kicker, is the title. Its paragraphs flow
// down the page.
func headingPDF(t *testing.T) []byte {
	pdf := newFixturePDF()
	pdf.AddPage()
	pdf.SetFont("Helvetica", "", 9)
	pdf.MultiCell(170, 5, "PRESS REVIEW", "", "L", false)
	pdf.SetFont("Helvetica", "B", 18)
	pdf.MultiCell(120, 9, "Ministry denies payments to port official", "", "L", false)
	pdf.Ln(4)
	pdf.SetFont("Helvetica", "", 11)
	for _, para := range rulingParagraphs[:2] {
		pdf.MultiCell(170, 5.5, strings.ReplaceAll(para, "|", ""), "", "L", false)
		pdf.Ln(4)
	}
	return fixtureBytes(t, pdf)
}

// arabicPDF holds Arabic written the way PDF producers write it: glyphs
// placed left to right in visual order, so the extractor must put the
// text back into logical (reading) order.
func arabicPDF(t *testing.T) []byte {
	font, err := os.ReadFile(fontFile(t, "DejaVu Sans"))
	if err != nil {
		t.Fatal(err)
	}
	pdf := newFixturePDF()
	pdf.SetTitle("بيان الوزارة", true)
	pdf.AddUTF8FontFromBytes("dejavu", "", font)
	pdf.AddPage()
	pdf.SetFont("dejavu", "", 14)
	lines := []string{
		"نفى المتحدث باسم الوزارة أي دفع للمسؤول.",
		"واتهم الوزير الشركة بتضليل اللجنة.",
	}
	y := 30.0
	for _, line := range lines {
		visual := reverseRunes(line)
		pdf.Text(190-pdf.GetStringWidth(visual), y, visual)
		y += 8
	}
	pdf.SetFont("dejavu", "", 11)
	pdf.Text(20, y+6, "Translated by the newsroom.")
	return fixtureBytes(t, pdf)
}

// scannedPDF is a page holding only a picture of text, as a scanner makes.
func scannedPDF(t *testing.T) []byte {
	img := image.NewGray(image.Rect(0, 0, 200, 60))
	for i := range img.Pix {
		img.Pix[i] = 0xF0
	}
	for x := 20; x < 180; x++ {
		for y := 25; y < 35; y++ {
			img.SetGray(x, y, color.Gray{Y: 0x20})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	pdf := newFixturePDF()
	pdf.AddPage()
	pdf.RegisterImageOptionsReader("scan", fpdf.ImageOptions{ImageType: "PNG"}, &buf)
	pdf.ImageOptions("scan", 20, 20, 170, 51, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	return fixtureBytes(t, pdf)
}

// encryptedPDF opens only with its password.
func encryptedPDF(t *testing.T) []byte {
	pdf := newFixturePDF()
	pdf.SetProtection(fpdf.CnProtectPrint, "secret", "owner")
	pdf.AddPage()
	pdf.SetFont("Helvetica", "", 11)
	pdf.Text(20, 30, "Confidential minutes of the harbour committee.")
	return fixtureBytes(t, pdf)
}

// wrapHyphenated breaks text into lines no wider than width, splitting a
// word at one of its | marks (with a hyphen) when the part fits.
func wrapHyphenated(pdf *fpdf.Fpdf, text string, width float64) []string {
	var lines []string
	line := ""
	fits := func(s string) bool { return pdf.GetStringWidth(s) <= width }
	for _, word := range strings.Fields(text) {
		plain := strings.ReplaceAll(word, "|", "")
		switch {
		case line == "":
			line = plain
		case fits(line + " " + plain):
			line += " " + plain
		default:
			parts := strings.Split(word, "|")
			cut := 0
			for i := len(parts) - 1; i > 0; i-- {
				if fits(line + " " + strings.Join(parts[:i], "") + "-") {
					cut = i
					break
				}
			}
			if cut > 0 {
				lines = append(lines, line+" "+strings.Join(parts[:cut], "")+"-")
				line = strings.Join(parts[cut:], "")
			} else {
				lines = append(lines, line)
				line = plain
			}
		}
	}
	return append(lines, line)
}

func reverseRunes(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

// fontFile finds an installed font's file through fontconfig.
func fontFile(t *testing.T, family string) string {
	t.Helper()
	out, err := exec.Command(testkit.Tool(t, "fc-match"), "-f", "%{file}", family).Output()
	if err != nil || len(out) == 0 {
		t.Fatalf("fc-match %q: %v", family, err)
	}
	return string(out)
}
