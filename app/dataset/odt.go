package dataset

import (
	"encoding/xml"
	"errors"
	"regexp"
	"strconv"
	"strings"
)

// An .odt file (OpenDocument Text, what LibreOffice writes) is, like a
// .docx, a zip of XML parts: content.xml holds the text, meta.xml the
// title. It is read the same way, with encoding/xml.

// parseODT takes an OpenDocument text's paragraphs, headings, list items
// and table cells in document order (a table's cells separated by tabs, a
// row a line) and its footnotes and endnotes at the end, each after the
// mark the text shows ([1], [i]). Comments and deleted (tracked) text are
// left out. The title is the metadata's, else the first heading.
func parseODT(name string, data []byte) (draft, []Problem, error) {
	pkg, err := openOfficeZip(data, "an OpenDocument text")
	if err != nil {
		return draft{}, nil, err
	}
	encrypted := false
	if err := pkg.walk("META-INF/manifest.xml", func(d *xml.Decoder) error {
		return eachStart(d, func(se xml.StartElement) (bool, error) {
			encrypted = se.Name.Local == "encryption-data"
			return !encrypted, nil
		})
	}, false); err != nil {
		return draft{}, nil, err
	}
	if encrypted {
		return draft{}, nil, errors.New("the document is password-protected: save an unprotected copy and import that")
	}
	out := &docxBody{}
	if err := pkg.walk("content.xml", func(d *xml.Decoder) error { return readODTBody(d, out) }, true); err != nil {
		return draft{}, nil, err
	}
	return officeDraft(name, "the document", out, pkg, "meta.xml")
}

// readODTBody walks content.xml with a stack of the paragraphs, cells,
// rows, tables and notes open at the current element.
func readODTBody(d *xml.Decoder, out *docxBody) error {
	var stack blockStack
	var notes []string
	for {
		tok, err := d.Token()
		if err != nil {
			out.paragraphs = append(out.paragraphs, notes...)
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			p := stack.top("p")
			switch t.Name.Local {
			case "p", "h":
				stack.push(&docxBlock{kind: "p", heading: t.Name.Local == "h"})
			case "table-cell", "table-row", "table", "note-body", "text-box":
				stack.push(&docxBlock{kind: odtKinds[t.Name.Local]})
			case "annotation", "tracked-changes", "note-citation", "sequence-decls":
				// Comments, deleted text and the note's own mark (written
				// by the note's end) are no text of the article.
				if t.Name.Local == "note-citation" && p != nil {
					label, err := elementText(d)
					if err != nil {
						return err
					}
					p.text.WriteString("[" + strings.TrimSpace(label) + "]")
					if note := stack.top("note"); note != nil {
						note.parts = append(note.parts, strings.TrimSpace(label))
					}
					continue
				}
				if err := d.Skip(); err != nil {
					return err
				}
			case "note":
				stack.push(&docxBlock{kind: "note"})
			case "s":
				if p != nil {
					n := 1
					if c := attr(t, "c"); c != "" {
						if v, err := strconv.Atoi(c); err == nil {
							n = min(max(v, 1), 1000)
						}
					}
					p.text.WriteString(strings.Repeat(" ", n))
				}
			case "tab":
				if p != nil {
					p.text.WriteByte('\t')
				}
			case "line-break":
				if p != nil {
					p.text.WriteByte('\n')
				}
			}
		case xml.CharData:
			// OpenDocument collapses white space in text as HTML does;
			// <text:s/> writes the spaces meant.
			if p := stack.top("p"); p != nil {
				p.text.WriteString(odtSpace.ReplaceAllString(string(t), " "))
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "p", "h", "table-cell", "table-row", "table", "note-body", "text-box":
				b := stack.pop()
				if b.kind == "note-body" {
					if note := stack.top("note"); note != nil {
						note.text.WriteString(strings.Join(b.parts, " "))
					}
					continue
				}
				closeBlock(b, stack, out)
			case "note":
				b := stack.pop()
				label := ""
				if len(b.parts) > 0 {
					label = b.parts[0]
				}
				if text := strings.Join(strings.Fields(b.text.String()), " "); text != "" {
					notes = append(notes, "["+label+"] "+text)
				}
			}
		}
	}
}

// odtKinds maps OpenDocument's elements to the blocks docx's walker uses:
// a note's paragraphs gather like a cell's.
var odtKinds = map[string]string{
	"table-cell": "tc", "table-row": "tr", "table": "tbl", "note-body": "note-body", "text-box": "txbxContent",
}

var odtSpace = regexp.MustCompile(`[ \t\r\n]+`)

// elementText reads the text of the element just started, through its end.
func elementText(d *xml.Decoder) (string, error) {
	var b strings.Builder
	for depth := 1; depth > 0; {
		tok, err := d.Token()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			b.Write(t)
		}
	}
	return b.String(), nil
}
