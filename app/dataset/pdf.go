package dataset

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"claimdesk/app/pdftext"
	"claimdesk/storage"
)

// parsePDF makes an article of a PDF's text layer, which poppler gives
// page by page in reading order with hyphenation at line ends undone. The
// title is the metadata's, else the first heading (the first words set
// larger than the body), else the first line.
// Running headers and footers — the lines that repeat at the top or
// bottom of the pages, page numbers among them — are left out; the lines
// of a paragraph are joined into one, paragraphs kept apart by a blank
// line, a paragraph that runs on over a page break made whole again.
func parsePDF(name string, data []byte) (draft, []Problem, error) {
	if !bytes.Contains(data[:min(len(data), pdfTailSize)], []byte("%PDF-")) {
		return draft{}, nil, errors.New("not a PDF: the file does not begin with %PDF- (another kind of file named .pdf?)")
	}
	if !bytes.Contains(data[max(0, len(data)-pdfTailSize):], []byte("%%EOF")) {
		return draft{}, nil, errors.New("the PDF ends early (no %%EOF marker at its end): it was cut off while downloading or copying")
	}
	doc, err := pdftext.Read(data)
	switch {
	case errors.Is(err, pdftext.ErrEncrypted):
		return draft{}, nil, errors.New("the PDF is encrypted: it opens only with a password; save or print an unprotected copy and import that")
	case err != nil:
		return draft{}, nil, err
	case len(doc.Pages) == 0:
		return draft{}, nil, errors.New("the PDF has no pages")
	}
	pages := make([][]string, len(doc.Pages))
	for i, p := range doc.Pages {
		pages[i] = pdfPageLines(p)
	}
	dropped := dropRunningLines(pages)
	text := strings.Join(pdfParagraphs(pages), "\n\n")
	if strings.TrimSpace(text) == "" {
		where := "on its page"
		if len(doc.Pages) > 1 {
			where = fmt.Sprintf("on any of its %d pages", len(doc.Pages))
		}
		return draft{}, nil, fmt.Errorf("no text layer %s: a scan or pictures of text; run OCR on it (ocrmypdf, for one) and import the result", where)
	}
	if err := checkExtractedText(text); err != nil {
		return draft{}, nil, err
	}
	var warnings []Problem
	if len(dropped) > 0 {
		warnings = append(warnings, Problem{File: name, Warning: true, Message: "left out as running headers, footers or page numbers: " + shortList(dropped)})
	}
	meta := storage.Meta{"pages": []byte(strconv.Itoa(len(doc.Pages)))}
	title := usableTitle(doc.Title)
	if title == "" && doc.Heading != "" && strings.Contains(strings.Join(strings.Fields(text), " "), doc.Heading) {
		// Only a heading the text holds as it is: right-to-left words come
		// from poppler in the order they are placed, not read.
		title = doc.Heading
	}
	return draft{file: name, title: title, text: text, meta: meta}, warnings, nil
}

// pdfTailSize is how far from its end a PDF's %%EOF marker may sit, and
// from its start its %PDF- header: writers add a line break, some a
// little padding or a byte-order mark before.
const pdfTailSize = 1024

// pdfPageLines splits a page into lines, "" where poppler ends a block.
// The directional embeddings poppler wraps right-to-left runs in
// (U+202A–U+202E) are not in the document and go: the text is already in
// logical order.
func pdfPageLines(page string) []string {
	page = strings.Map(func(r rune) rune {
		if r >= '\u202A' && r <= '\u202E' || r == '\f' {
			return -1
		}
		return r
	}, page)
	lines := strings.Split(page, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return lines
}

// runningLineDepth is how many lines at a page's top and bottom may be a
// running header or footer (a title line and a date line, say).
const runningLineDepth = 2

// dropRunningLines blanks the lines at the top and bottom of pages that
// repeat on at least half the pages (and two), digits aside so that
// "Page 3 of 9" repeats too. It returns the first of each kind left out.
func dropRunningLines(pages [][]string) []string {
	if len(pages) < 2 {
		return nil
	}
	count := map[string]int{}
	for _, lines := range pages {
		seen := map[string]bool{}
		for _, i := range edgeLines(lines) {
			if k := runningKey(lines[i]); !seen[k] {
				seen[k] = true
				count[k]++
			}
		}
	}
	need := max(2, (len(pages)+1)/2)
	var dropped []string
	reported := map[string]bool{}
	for _, lines := range pages {
		for _, i := range edgeLines(lines) {
			if k := runningKey(lines[i]); count[k] >= need {
				if !reported[k] {
					reported[k] = true
					dropped = append(dropped, describeRunning(lines[i]))
				}
				lines[i] = ""
			}
		}
	}
	return dropped
}

// edgeLines gives the indexes of a page's first and last non-empty lines.
func edgeLines(lines []string) []int {
	var idx []int
	for i, n := 0, 0; i < len(lines) && n < runningLineDepth; i++ {
		if lines[i] != "" {
			idx = append(idx, i)
			n++
		}
	}
	for i, n := len(lines)-1, 0; i >= 0 && n < runningLineDepth; i-- {
		if lines[i] != "" && !slices.Contains(idx, i) {
			idx = append(idx, i)
			n++
		}
	}
	return idx
}

var (
	digitRun   = regexp.MustCompile(`\d+`)
	pageNumber = regexp.MustCompile(`^\W*\d+\W*$`)
)

// describeRunning names a running line for the report: page numbers as
// such, anything else quoted as its first page has it.
func describeRunning(line string) string {
	if pageNumber.MatchString(line) {
		return "page numbers"
	}
	return strconv.Quote(line)
}

// runningKey is a line as repeated headers and footers have it in common:
// numbers (page numbers, dates) become #, case and spacing are ignored.
func runningKey(line string) string {
	return strings.ToLower(strings.Join(strings.Fields(digitRun.ReplaceAllString(line, "#")), " "))
}

// pdfParagraphs joins each paragraph's lines into one. A block poppler
// found is one or more paragraphs: a line clearly shorter than the
// block's usual line ends one when what follows does not start in lower
// case (it ends a paragraph, or is a heading).
func pdfParagraphs(pages [][]string) []string {
	var paras []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, joinLines(cur))
			cur = nil
		}
	}
	for p, lines := range pages {
		for b, block := range splitBlocks(lines) {
			if p > 0 && b == 0 && len(paras) > 0 && runsOn(paras[len(paras)-1], block[0]) {
				// The page broke a paragraph: take it up again.
				cur = []string{paras[len(paras)-1]}
				paras = paras[:len(paras)-1]
			}
			usual := usualLength(block)
			for i, line := range block {
				cur = append(cur, line)
				if i+1 < len(block) && endsParagraph(line, block[i+1], usual) {
					flush()
				}
			}
			flush()
		}
	}
	return paras
}

// endsParagraph reports whether line ends its paragraph, seen the line
// after it: it is clearly shorter than the block's usual line and what
// follows does not start in lower case, or the writing direction turns
// (an Arabic paragraph, then a line of English), which a paragraph does
// not do at a line break.
func endsParagraph(line, next string, usual int) bool {
	if utf8.RuneCountInString(line) < usual*7/10 && !startsLower(next) {
		return true
	}
	d, nd := lineDirection(line), lineDirection(next)
	return d != 0 && nd != 0 && d != nd
}

// lineDirection is the direction of a line's first letter: 1 right to
// left (Arabic, Hebrew, Syriac, Thaana, N'Ko), -1 left to right, 0 when
// it has no letter.
func lineDirection(s string) int {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		if unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko) {
			return 1
		}
		return -1
	}
	return 0
}

// splitBlocks cuts a page's lines at the empty ones.
func splitBlocks(lines []string) [][]string {
	var blocks [][]string
	var cur []string
	for _, l := range append(lines, "") {
		if l != "" {
			cur = append(cur, l)
		} else if len(cur) > 0 {
			blocks = append(blocks, cur)
			cur = nil
		}
	}
	return blocks
}

// runsOn reports whether a paragraph ended by a page break goes on in the
// next page's first line: it stops mid-sentence and that line starts in
// lower case.
func runsOn(prev, next string) bool {
	last, _ := utf8.DecodeLastRuneInString(prev)
	return !strings.ContainsRune(".!?:;\"”’»)", last) && startsLower(next)
}

// usualLength is the median length of a block's lines but its last,
// which ends a paragraph and so is often short.
func usualLength(block []string) int {
	if len(block) < 2 {
		return 0
	}
	n := make([]int, len(block)-1)
	for i, l := range block[:len(block)-1] {
		n[i] = utf8.RuneCountInString(l)
	}
	slices.Sort(n)
	return n[len(n)/2]
}

// joinLines makes one paragraph of lines, undoing a hyphen that breaks a
// word at a line end (poppler undoes most; this catches those at a page
// break).
func joinLines(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			prev := b.String()
			last, _ := utf8.DecodeLastRuneInString(prev)
			first, _ := utf8.DecodeRuneInString(l)
			switch {
			case strings.HasSuffix(prev, "-") && len(prev) > 1 && isLetterBefore(prev) && startsLower(l):
				b.Reset()
				b.WriteString(strings.TrimSuffix(prev, "-"))
			case isSpacelessScript(last) && isSpacelessScript(first):
				// Chinese and Japanese put no space between words, so a
				// line break inside a sentence is no space either.
			default:
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

func isSpacelessScript(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || unicode.Is(unicode.Po, r) && r >= 0x3000 && r < 0x3040
}

func isLetterBefore(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(s, "-"))
	return unicode.IsLetter(r)
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// usableTitle keeps a title from a document's metadata unless it is what
// writing programs put there by themselves: a file name, "Untitled",
// "Microsoft Word - draft.docx".
func usableTitle(title string) string {
	title = strings.Join(strings.Fields(title), " ")
	lower := strings.ToLower(title)
	switch {
	case lower == "untitled", strings.HasPrefix(lower, "microsoft word - "):
		return ""
	case fileNameTitle.MatchString(lower):
		return ""
	}
	return title
}

var fileNameTitle = regexp.MustCompile(`\.(pdf|docx?|odt|rtf|txt|tex|dvi|ps|indd|pages|html?)$`)

// shortList shows up to five items of a list.
func shortList(items []string) string {
	shown := items[:min(len(items), 5)]
	out := strings.Join(shown, ", ")
	if len(items) > len(shown) {
		out += fmt.Sprintf(" and %d more", len(items)-len(shown))
	}
	return out
}
