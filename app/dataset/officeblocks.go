package dataset

import "strings"

// docxBody collects the document's paragraphs.
type docxBody struct {
	paragraphs   []string
	firstHeading string
}

// docxBlock is text being gathered: a paragraph, a table cell or row.
type docxBlock struct {
	kind    string // "p", "tc", "tr", "tbl", "txbxContent", "note-body", "note"
	text    strings.Builder
	parts   []string
	heading bool
}

// blockStack holds the blocks open at the current element, innermost last.
type blockStack []*docxBlock

func (s *blockStack) push(b *docxBlock) { *s = append(*s, b) }

func (s *blockStack) pop() *docxBlock {
	b := (*s)[len(*s)-1]
	*s = (*s)[:len(*s)-1]
	return b
}

// top is the innermost open block of one of kinds, nil if none is open.
func (s blockStack) top(kinds ...string) *docxBlock {
	for i := len(s) - 1; i >= 0; i-- {
		for _, k := range kinds {
			if s[i].kind == k {
				return s[i]
			}
		}
	}
	return nil
}

// emit adds a paragraph of the article, unless it is blank; the first
// heading is kept for the title.
func (out *docxBody) emit(text string, heading bool) {
	if text = strings.TrimSpace(text); text == "" {
		return
	}
	if heading && out.firstHeading == "" {
		out.firstHeading = text
	}
	out.paragraphs = append(out.paragraphs, text)
}

// closeBlock hands a finished block to the one around it in outer: a
// paragraph's text to its cell, a cell's to its row (cells apart by a
// tab), a row to its table (a line each); a table, or a paragraph in no
// cell, becomes a paragraph of the article, and a table in a cell part of
// the cell.
func closeBlock(b *docxBlock, outer blockStack, out *docxBody) {
	add := func(to *docxBlock, text string) {
		if to != nil && text != "" {
			to.parts = append(to.parts, text)
		}
	}
	switch b.kind {
	case "p":
		text := strings.TrimSpace(b.text.String())
		// A text box's paragraphs are the article's; a note's (in an
		// .odt) gather like a cell's.
		if cell := outer.top("tc", "txbxContent", "note-body"); cell != nil && cell.kind != "txbxContent" {
			add(cell, text)
		} else {
			out.emit(text, b.heading)
		}
	case "tc":
		add(outer.top("tr"), strings.Join(b.parts, " "))
	case "tr":
		add(outer.top("tbl"), strings.Join(b.parts, "\t"))
	case "tbl":
		text := strings.Join(b.parts, "\n")
		if cell := outer.top("tc"); cell != nil {
			add(cell, text)
		} else {
			out.emit(text, false)
		}
	}
}
