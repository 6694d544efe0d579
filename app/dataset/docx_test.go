package dataset

import (
	"maps"
	"testing"
)

// withPart is the report fixture's parts with one replaced (or, for "",
// removed).
func withPart(name, content string) map[string]string {
	parts := maps.Clone(docxFixtures["docx_report.docx"])
	if content == "" {
		delete(parts, name)
	} else {
		parts[name] = content
	}
	return parts
}

// TestDocxRefusedWithReason: a Word file that cannot become an article is
// refused with a message naming the file and saying what is wrong, where.
func TestDocxRefusedWithReason(t *testing.T) {
	report := readFixture(t, "docx_report.docx")
	cases := []refusal{
		{"cut.docx", report[:len(report)/2], "not a readable zip archive"},
		{"text.docx", []byte("Just text, saved with the wrong extension."), "not a readable zip archive"},
		{"locked.docx", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...), "password-protected Word document or an old .doc"},
		{"nobody.docx", zipParts(t, withPart("word/document.xml", "")), "the archive has no word/document.xml"},
		{"broken.docx", zipParts(t, withPart("word/document.xml", "<w:document "+wordNS+">\n<w:body><w:p><w:r><w:t>Half</w:r></w:p>")), "word/document.xml line 2, column"},
		{"blank.docx", zipParts(t, withPart("word/document.xml", "<w:document "+wordNS+"><w:body><w:p/></w:body></w:document>")), "holds no text"},
		{"badnotes.docx", zipParts(t, withPart("word/footnotes.xml", "<w:footnotes "+wordNS+"><w:footnote w:id=\"2\">")), "word/footnotes.xml line 1"},
	}
	checkRefusals(t, cases)
}

// TestDocxWithoutOptionalParts: styles, notes and core properties may be
// missing; the text still lands, titled by its first line.
func TestDocxWithoutOptionalParts(t *testing.T) {
	parts := map[string]string{
		"[Content_Types].xml": contentTypes,
		"word/document.xml":   `<w:document ` + wordNS + `><w:body><w:p><w:r><w:t>Only a line.</w:t></w:r><w:r><w:footnoteReference w:id="5"/></w:r></w:p></w:body></w:document>`,
	}
	docs, _, err := ParseBytes("bare.docx", zipParts(t, parts))
	if err != nil {
		t.Fatal(err)
	}
	if docs[0].Text != "Only a line.[1]" || docs[0].Title != "Only a line.[1]" {
		t.Errorf("got title %q text %q", docs[0].Title, docs[0].Text)
	}
}

func TestRomanNumeral(t *testing.T) {
	for n, want := range map[int]string{1: "i", 4: "iv", 9: "ix", 14: "xiv", 40: "xl", 1994: "mcmxciv"} {
		if got := romanNumeral(n); got != want {
			t.Errorf("romanNumeral(%d) = %q, want %q", n, got, want)
		}
	}
}

// FuzzParseDocx feeds damaged Word files to the reader: a refusal is
// fine, a crash is not.
func FuzzParseDocx(f *testing.F) {
	for _, name := range []string{"docx_report.docx", "docx_heading.docx"} {
		f.Add(readFixture(f, name))
	}
	f.Add(zipParts(f, withPart("word/document.xml", "<w:document "+wordNS+"><w:body><w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl></w:body></w:document>")))
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, _, err := ParseBytes("fuzz.docx", data)
		if err == nil {
			checkDocuments(t, docs)
		}
	})
}

// FuzzDocxBody fuzzes document.xml inside a sound archive, where the zip's
// checksums do not stop the mutations before the XML reader sees them.
func FuzzDocxBody(f *testing.F) {
	f.Add(docxFixtures["docx_report.docx"]["word/document.xml"])
	f.Add(docxFixtures["docx_heading.docx"]["word/document.xml"])
	f.Fuzz(func(t *testing.T, body string) {
		docs, _, err := ParseBytes("fuzz.docx", zipParts(t, withPart("word/document.xml", body)))
		if err == nil {
			checkDocuments(t, docs)
		}
	})
}
