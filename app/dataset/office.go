package dataset

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"claimdesk/storage"
)

// officeDraft makes the article of a Word or OpenDocument file whose body
// has been read into out: its paragraphs, the title from the properties
// part (else the first heading) and the author into meta.
func officeDraft(name, what string, out *docxBody, pkg *officeZip, propertiesPart string) (draft, []Problem, error) {
	text := strings.Join(out.paragraphs, "\n\n")
	if strings.TrimSpace(text) == "" {
		return draft{}, nil, errors.New(what + " holds no text")
	}
	if err := checkExtractedText(text); err != nil {
		return draft{}, nil, err
	}
	core := docxCore{}
	if err := pkg.walk(propertiesPart, core.read, false); err != nil {
		return draft{}, nil, err
	}
	title := usableTitle(core.title)
	if title == "" {
		title = out.firstHeading
	}
	var meta storage.Meta
	if core.creator != "" {
		meta = storage.Meta{"author": storage.MetaString(core.creator)}
	}
	return draft{file: name, title: title, text: text, meta: meta}, nil, nil
}

// officeZip is the parts of an office document's zip archive (a .docx or
// an .odt) by name.
type officeZip struct{ files map[string]*zip.File }

// openOfficeZip opens the archive; kind names the format in messages.
func openOfficeZip(data []byte, kind string) (*officeZip, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("not %s: not a readable zip archive, as such a file is (damaged or cut off?): %w", kind, err)
	}
	z := &officeZip{files: map[string]*zip.File{}}
	for _, f := range zr.File {
		z.files[strings.TrimPrefix(f.Name, "/")] = f
	}
	return z, nil
}

// walk runs read over a part's XML. A missing part is an error only when
// required; what read returns names the part and the place in it.
func (p *officeZip) walk(name string, read func(*xml.Decoder) error, required bool) error {
	f := p.files[name]
	if f == nil {
		if required {
			return fmt.Errorf("the Word document has no %s", name)
		}
		return nil
	}
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("%s in the archive: %w", name, err)
	}
	defer rc.Close()
	limited := &io.LimitedReader{R: rc, N: MaxDocumentFileSize + 1}
	d := xml.NewDecoder(limited)
	d.Strict = true
	err = read(d)
	if limited.N <= 0 {
		return fmt.Errorf("%s unpacks to more than %s: refused as a zip bomb", name, humanSize(MaxDocumentFileSize))
	}
	if err != nil && err != io.EOF {
		line, col := d.InputPos()
		return fmt.Errorf("%s line %d, column %d: %w", name, line, col, err)
	}
	return nil
}

// docxCore is what the core properties say of the document.
type docxCore struct{ title, creator string }

// read takes the first title and creator wherever they sit: at the top
// of a .docx's core properties, in the office:meta of an .odt's meta.xml.
func (c *docxCore) read(d *xml.Decoder) error {
	return eachStart(d, func(se xml.StartElement) (bool, error) {
		var field *string
		switch se.Name.Local {
		case "title":
			field = &c.title
		case "creator", "initial-creator":
			field = &c.creator
		default:
			return true, nil
		}
		text, err := elementText(d)
		if err != nil {
			return false, err
		}
		if *field == "" {
			*field = strings.TrimSpace(text)
		}
		return true, nil
	})
}

// eachStart calls fn with each element that starts in d, in order, until
// fn says no more (nil is returned then) or fails, or d fails or ends
// (its error, io.EOF at the end, is returned).
func eachStart(d *xml.Decoder, fn func(xml.StartElement) (more bool, err error)) error {
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if more, err := fn(se); err != nil || !more {
			return err
		}
	}
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
