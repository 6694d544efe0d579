package dataset

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// A .docx file is a zip of XML parts (ECMA-376, "Office Open XML"). It is
// read with archive/zip and encoding/xml: the Go libraries for Word
// documents either write or fill in templates, or sell a licence, and none
// gives footnotes and table cells in document order, which are what an
// article needs; the parts an article takes are a few elements.

// parseDocx takes a Word document's text: its paragraphs, headings and
// table cells in document order (a table's cells separated by tabs, a row a
// line), and its footnotes and endnotes at the end, each numbered as its
// mark in the text: [1] for footnotes, [i] for endnotes. Headers, footers,
// comments and deleted (tracked) text are left out. The title is the core
// properties' title, else the first heading.
func parseDocx(name string, data []byte) (draft, []Problem, error) {
	if bytes.HasPrefix(data, oleSignature) {
		return draft{}, nil, errors.New("not a .docx: the file is a Compound File — a password-protected Word document or an old .doc renamed; save it from Word as an unprotected .docx")
	}
	pkg, err := openOfficeZip(data, "a Word document")
	if err != nil {
		return draft{}, nil, err
	}
	body := pkg.mainPart()
	if pkg.files[body] == nil {
		return draft{}, nil, fmt.Errorf("not a Word document: the archive has no %s", body)
	}
	w := docxWalker{pkg: pkg, headingStyles: map[string]bool{}, notes: map[string]*docxNotes{}}
	if err := pkg.walk(path.Join(path.Dir(body), "styles.xml"), w.readStyles, false); err != nil {
		return draft{}, nil, err
	}
	w.notes["footnoteReference"] = &docxNotes{part: "footnotes.xml", element: "footnote", label: strconv.Itoa}
	w.notes["endnoteReference"] = &docxNotes{part: "endnotes.xml", element: "endnote", label: romanNumeral}
	out := &docxBody{}
	if err := pkg.walk(body, func(d *xml.Decoder) error { return w.readBody(d, out) }, true); err != nil {
		return draft{}, nil, err
	}
	for _, kind := range []string{"footnoteReference", "endnoteReference"} {
		notes := w.notes[kind]
		if len(notes.order) == 0 {
			continue
		}
		part := path.Join(path.Dir(body), notes.part)
		if err := pkg.walk(part, func(d *xml.Decoder) error { return w.readNotes(d, notes, out) }, false); err != nil {
			return draft{}, nil, err
		}
	}
	return officeDraft(name, "the Word document", out, pkg, "docProps/core.xml")
}

// oleSignature opens a Compound File: how Word stores an encrypted .docx
// and the old binary .doc.
var oleSignature = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// mainPart is where the package's relationships put the document's body,
// word/document.xml in every file Word writes.
func (p *officeZip) mainPart() string {
	main := "word/document.xml"
	_ = p.walk("_rels/.rels", func(d *xml.Decoder) error {
		return eachStart(d, func(se xml.StartElement) (bool, error) {
			if se.Name.Local == "Relationship" && strings.HasSuffix(attr(se, "Type"), "/officeDocument") {
				main = strings.TrimPrefix(path.Clean("/"+attr(se, "Target")), "/")
				return false, nil
			}
			return true, nil
		})
	}, false)
	return main
}

// docxNotes is one kind of note: the ids in the order the text refers to
// them, and the label each gets.
type docxNotes struct {
	part, element string
	label         func(int) string
	order         []string
	number        map[string]int
}

func (n *docxNotes) mark(id string) string {
	if n.number == nil {
		n.number = map[string]int{}
	}
	if _, ok := n.number[id]; !ok {
		n.order = append(n.order, id)
		n.number[id] = len(n.order)
	}
	return "[" + n.label(n.number[id]) + "]"
}

// docxWalker reads the body: a stack of the paragraphs, table cells and
// rows open at the current element.
type docxWalker struct {
	pkg           *officeZip
	headingStyles map[string]bool
	notes         map[string]*docxNotes
}

// readStyles learns which paragraph styles are headings, by their name
// ("heading 1", "Title"), which Word keeps in English whatever the
// language of the style's id ("berschrift1").
func (w *docxWalker) readStyles(d *xml.Decoder) error {
	id := ""
	return eachStart(d, func(se xml.StartElement) (bool, error) {
		switch se.Name.Local {
		case "style":
			id = attr(se, "styleId")
		case "name":
			name := strings.ToLower(attr(se, "val"))
			if strings.HasPrefix(name, "heading") || name == "title" || name == "subtitle" {
				w.headingStyles[id] = true
			}
		}
		return true, nil
	})
}

// readBody walks document.xml.
func (w *docxWalker) readBody(d *xml.Decoder, out *docxBody) error {
	var stack blockStack
	inText := false
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			p := stack.top("p")
			switch t.Name.Local {
			case "p", "tc", "tr", "tbl", "txbxContent":
				stack.push(&docxBlock{kind: t.Name.Local})
			case "Fallback", "tabs":
				// mc:AlternateContent repeats its choice for older readers;
				// a paragraph's tab stops are no text.
				if err := d.Skip(); err != nil {
					return err
				}
			case "pStyle":
				if p != nil && w.headingStyles[attr(t, "val")] {
					p.heading = true
				}
			case "outlineLvl":
				if p != nil && attr(t, "val") != "9" {
					p.heading = true
				}
			case "t":
				inText = p != nil
			case "tab":
				if p != nil {
					p.text.WriteByte('\t')
				}
			case "br", "cr":
				if p != nil && attr(t, "type") == "" {
					p.text.WriteByte('\n')
				}
			case "noBreakHyphen":
				if p != nil {
					p.text.WriteByte('-')
				}
			case "footnoteReference", "endnoteReference":
				if p != nil {
					p.text.WriteString(w.notes[t.Name.Local].mark(attr(t, "id")))
				}
			}
		case xml.CharData:
			if inText {
				stack.top("p").text.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "p", "tc", "tr", "tbl", "txbxContent":
				closeBlock(stack.pop(), stack, out)
			}
		}
	}
}

// readNotes takes the text of the notes the body refers to, in the order
// it does, each after its label: "[1] text".
func (w *docxWalker) readNotes(d *xml.Decoder, notes *docxNotes, out *docxBody) error {
	texts := map[string]*strings.Builder{}
	var cur *strings.Builder
	inText := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case notes.element:
				cur = nil
				if id := attr(t, "id"); notes.number[id] > 0 {
					cur = &strings.Builder{}
					texts[id] = cur
				}
			case "p":
				if cur != nil && cur.Len() > 0 {
					cur.WriteByte(' ')
				}
			case "t":
				inText = cur != nil
			case "tab":
				if cur != nil {
					cur.WriteByte(' ')
				}
			}
		case xml.CharData:
			if inText {
				cur.Write(t)
			}
		case xml.EndElement:
			if t.Name.Local == "t" {
				inText = false
			}
		}
	}
	for i, id := range notes.order {
		if b := texts[id]; b != nil {
			out.paragraphs = append(out.paragraphs, "["+notes.label(i+1)+"] "+strings.Join(strings.Fields(b.String()), " "))
		}
	}
	return nil
}

// romanNumeral writes n (1–3999) in lower-case Roman numerals, as Word
// numbers endnotes.
func romanNumeral(n int) string {
	var b strings.Builder
	for _, step := range []struct {
		value int
		digit string
	}{{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}} {
		for n >= step.value {
			b.WriteString(step.digit)
			n -= step.value
		}
	}
	return b.String()
}
