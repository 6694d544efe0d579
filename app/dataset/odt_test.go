package dataset

import (
	"maps"
	"testing"
)

// TestODTRefusedWithReason: the OpenDocument reader's refusals.
func TestODTRefusedWithReason(t *testing.T) {
	odt := func(name, content string) []byte {
		parts := maps.Clone(docxFixtures["odt_report.odt"])
		if content == "" {
			delete(parts, name)
		} else {
			parts[name] = content
		}
		return zipParts(t, parts)
	}
	cases := []refusal{
		{"locked.odt", odt("META-INF/manifest.xml", `<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>`), "password-protected"},
		{"nocontent.odt", odt("content.xml", ""), "has no content.xml"},
		{"broken.odt", odt("content.xml", "<office:document-content "+odfNS+">\n<text:p>cut"), "content.xml line 2"},
		{"cut.odt", readFixture(t, "odt_report.odt")[:200], "not an OpenDocument text: not a readable zip archive"},
	}
	checkRefusals(t, cases)
}

// FuzzODTBody fuzzes an .odt's content.xml inside a sound archive.
func FuzzODTBody(f *testing.F) {
	f.Add(docxFixtures["odt_report.odt"]["content.xml"])
	f.Fuzz(func(t *testing.T, body string) {
		parts := maps.Clone(docxFixtures["odt_report.odt"])
		parts["content.xml"] = body
		docs, _, err := ParseBytes("fuzz.odt", zipParts(t, parts))
		if err == nil {
			checkDocuments(t, docs)
		}
	})
}
