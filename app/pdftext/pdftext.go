// Package pdftext reads the text layer of a PDF through poppler, the
// library Debian's pdftotext is built on (libpoppler-cpp, through cgo and
// the small C face in poppler.cpp). Each page comes back as pdftotext
// writes it: columns one after the other in reading order, right-to-left
// runs in logical order, words hyphenated at a line end joined again, a
// blank line between blocks of text. Package dataset makes an article of
// it.
//
// The package only reads bytes it is given: it never follows links, runs
// scripts or fills forms.
package pdftext

/*
#cgo pkg-config: poppler-cpp
#cgo CXXFLAGS: -std=c++17
#include <stdlib.h>
#include "poppler.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"unsafe"
)

// ErrEncrypted is returned for a PDF that opens only with a password.
var ErrEncrypted = errors.New("the PDF is encrypted: it opens only with a password")

// ErrDamaged wraps the reason poppler gives for a PDF it cannot read.
var ErrDamaged = errors.New("the PDF is damaged")

// Document is the text layer of a PDF.
type Document struct {
	// Title is the title in the document's metadata, "" when it has none.
	Title string
	// Heading is the first words of the first page set clearly larger
	// than its body text, "" when there are none. Words come in the order
	// they are placed, which for right-to-left text is not reading order.
	Heading string
	// Pages hold each page's text, lines ending in "\n", a blank line
	// between blocks.
	Pages []string
}

// poppler is used by one goroutine at a time: its error hook and font
// caches are global.
var poppler sync.Mutex

// Read extracts the text of every page of a PDF held in data.
func Read(data []byte) (Document, error) {
	if len(data) == 0 {
		return Document{}, fmt.Errorf("%w: the file is empty", ErrDamaged)
	}
	poppler.Lock()
	defer poppler.Unlock()
	// Poppler reads from the buffer while the document is open, so it
	// gets a copy the Go collector cannot move.
	buf := C.CBytes(data)
	defer C.free(buf)
	var status C.int
	var reason *C.char
	doc := C.pdf_open((*C.char)(buf), C.int(len(data)), &status, &reason)
	if doc == nil {
		return Document{}, openError(status, takeString(reason))
	}
	defer C.pdf_close(doc)
	out := Document{
		Title:   strings.TrimSpace(takeString(C.pdf_title(doc))),
		Heading: strings.TrimSpace(takeString(C.pdf_first_heading(doc))),
	}
	n := int(C.pdf_pages(doc))
	out.Pages = make([]string, n)
	for i := range out.Pages {
		text := C.pdf_page_text(doc, C.int(i))
		if text == nil {
			return Document{}, fmt.Errorf("%w: page %d cannot be read", ErrDamaged, i+1)
		}
		out.Pages[i] = takeString(text)
	}
	return out, nil
}

func openError(status C.int, reason string) error {
	if status == C.PDF_ENCRYPTED {
		return ErrEncrypted
	}
	if reason == "" {
		return fmt.Errorf("%w: poppler cannot open it", ErrDamaged)
	}
	return fmt.Errorf("%w: %s", ErrDamaged, strings.TrimSuffix(strings.TrimPrefix(reason, "error: "), "."))
}

// takeString copies a string the C side allocated and frees it.
func takeString(s *C.char) string {
	if s == nil {
		return ""
	}
	defer C.free(unsafe.Pointer(s))
	return C.GoString(s)
}
