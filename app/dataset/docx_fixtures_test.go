package dataset

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"claimdesk/app/testkit"
)

// The Word fixtures in testdata/golden are made here, part by part, in the
// shape Word writes them (go test -run TestDocxFixtures -update): what each
// holds is readable below, and they are shipped so tests read real files.

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
	`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
	`xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ` +
	`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

// docxFixtures holds the .docx fixtures and the .odt one, both zips of XML.
var docxFixtures = map[string]map[string]string{
	// A report with a core title, a heading, a run broken mid-word, a tab,
	// tracked changes, a table, a text box (with the fallback copy Word
	// adds for older readers), a footnote and an endnote; its header part
	// is no article text.
	"docx_report.docx": {
		"[Content_Types].xml": contentTypes,
		"_rels/.rels":         packageRels,
		"docProps/core.xml":   coreProps("Harbour committee minutes", "Press office"),
		"word/styles.xml":     stylesXML("Heading1"),
		"word/header1.xml":    `<w:hdr ` + wordNS + `><w:p><w:r><w:t>CONFIDENTIAL</w:t></w:r></w:p></w:hdr>`,
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ` + wordNS + `><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Minutes of 4 March</w:t></w:r></w:p>
<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t xml:space="preserve">The min</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>ister</w:t></w:r><w:r><w:t xml:space="preserve"> denied any payment to the operator.</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:t xml:space="preserve"> Item</w:t></w:r><w:r><w:tab/><w:t>4.2</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">The committee </w:t></w:r><w:del w:id="7" w:author="Ed"><w:r><w:delText>never </w:delText></w:r></w:del><w:ins w:id="8" w:author="Ed"><w:r><w:t xml:space="preserve">unanimously </w:t></w:r></w:ins><w:r><w:t>praised the inspectorate.</w:t></w:r><w:r><w:endnoteReference w:id="1"/></w:r></w:p>
<w:p/>
<w:tbl><w:tblPr/><w:tr><w:tc><w:p><w:r><w:t>Speaker</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Claim</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>Minister</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>No payment was made.</w:t></w:r></w:p><w:p><w:r><w:t>Nor promised.</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>Operator</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>The tender was fair.</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>Box: the port employs 2,000 people.</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Box: the port employs 2,000 people.</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>The meeting closed at noon.</w:t></w:r></w:p>
<w:sectPr><w:headerReference w:type="default" r:id="rId9"/></w:sectPr>
</w:body></w:document>`,
		"word/footnotes.xml": `<w:footnotes ` + wordNS + `>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:t>A note the text never refers to.</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Statement to the committee, </w:t></w:r><w:r><w:t>4 March.</w:t></w:r></w:p></w:footnote>
</w:footnotes>`,
		"word/endnotes.xml": `<w:endnotes ` + wordNS + `>
<w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t xml:space="preserve"> The inspectorate's report of 2023.</w:t></w:r></w:p></w:endnote>
</w:endnotes>`,
	},
	// The report as LibreOffice writes it: a heading, white space that
	// collapses and <text:s/> that does not, a list, a comment, tracked
	// deletions, a table, a text box, a footnote and an endnote.
	"odt_report.odt": {
		"mimetype":              "application/vnd.oasis.opendocument.text",
		"META-INF/manifest.xml": `<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`,
		"meta.xml":              `<office:document-meta ` + odfNS + `><office:meta><meta:initial-creator>Desk</meta:initial-creator><dc:title>Port inquiry notes</dc:title><dc:creator>Press office</dc:creator></office:meta></office:document-meta>`,
		"content.xml": `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ` + odfNS + `><office:body><office:text>
<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion><text:p>never</text:p></text:deletion></text:changed-region></text:tracked-changes>
<text:sequence-decls><text:sequence-decl text:display-outline-level="0" text:name="Table"/></text:sequence-decls>
<text:h text:outline-level="1">Inquiry into the
   harbour tender</text:h>
<text:p text:style-name="P1">The minister <text:span text:style-name="T1">denied</text:span> any payment.<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Hearing of 4 March.</text:p></text:note-body></text:note> Two<text:s text:c="2"/>spaces<text:tab/>and a tab.<office:annotation><dc:creator>Ed</dc:creator><text:p>Check this.</text:p></office:annotation></text:p>
<text:p>The committee <text:change text:change-id="ct1"/>praised the inspectorate.<text:note text:id="edn1" text:note-class="endnote"><text:note-citation>i</text:note-citation><text:note-body><text:p>Report of 2023.</text:p><text:p>Page 4.</text:p></text:note-body></text:note><text:line-break/>A second line.</text:p>
<text:list><text:list-item><text:p>First point.</text:p></text:list-item><text:list-item><text:p>Second point.</text:p></text:list-item></text:list>
<table:table table:name="Claims"><table:table-column/><table:table-row><table:table-cell><text:p>Speaker</text:p></table:table-cell><table:table-cell><text:p>Claim</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell><text:p>Minister</text:p></table:table-cell><table:table-cell><text:p>No payment.</text:p></table:table-cell></table:table-row></table:table>
<text:p><draw:frame><draw:text-box><text:p>Box: 2,000 jobs.</text:p></draw:text-box></draw:frame>The end.</text:p>
</office:text></office:body></office:document-content>`,
	},
	// No title in the core properties: the first heading is the title,
	// its style known by its name though its id is German.
	"docx_heading.docx": {
		"[Content_Types].xml": contentTypes,
		"_rels/.rels":         packageRels,
		"word/styles.xml":     stylesXML("berschrift1"),
		"word/document.xml": `<w:document ` + wordNS + `><w:body>
<w:p><w:r><w:t>Draft — not for release</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="berschrift1"/></w:pPr><w:r><w:t>Ministerium weist Vorwürfe zurück</w:t></w:r></w:p>
<w:p><w:r><w:t>Der Sprecher bestritt jede Zahlung.</w:t></w:r><w:r><w:br/><w:t>Zweite Zeile.</w:t></w:r></w:p>
</w:body></w:document>`,
	},
}

const odfNS = `xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ` +
	`xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ` +
	`xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ` +
	`xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" ` +
	`xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
	`xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"`

const contentTypes = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`

const packageRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`

func coreProps(title, creator string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>` +
		title + `</dc:title><dc:creator>` + creator + `</dc:creator></cp:coreProperties>`
}

func stylesXML(headingID string) string {
	return `<w:styles ` + wordNS + `><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="` + headingID + `"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style></w:styles>`
}

// zipParts packs parts as Word does, in a fixed order and time so the
// file is the same on every run.
func zipParts(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range sortedKeys(parts) {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(parts[name])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	// [Content_Types].xml first, as the format asks.
	for i := range keys {
		for j := i + 1; j < len(keys); j++ {
			if keys[j] == "[Content_Types].xml" || (keys[i] != "[Content_Types].xml" && keys[j] < keys[i]) {
				keys[i], keys[j] = keys[j], keys[i]
			}
		}
	}
	return keys
}

func TestDocxFixtures(t *testing.T) {
	for name, parts := range docxFixtures {
		path := filepath.Join("testdata", "golden", name)
		want := zipParts(t, parts)
		if testkit.Updating() {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s differs from what this file makes: run go test -run TestDocxFixtures -update", path)
		}
	}
}
