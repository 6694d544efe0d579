package dataset

import (
	"regexp"
	"strings"
)

// parsePlainText keeps a .txt file's text whole; its first non-empty line
// becomes the title when the draft is finished.
func parsePlainText(name string, data []byte) (draft, error) {
	text, fromUTF16, err := articleText(data)
	if err != nil {
		return draft{}, err
	}
	return draft{file: name, text: text, bomConsumed: fromUTF16}, nil
}

var (
	spaceBeforeLineEnd = regexp.MustCompile(`[ \t\x{00A0}]+\n`)
	manyLineEnds       = regexp.MustCompile(`\n{3,}`)
)

// tidyParagraphs shapes text extracted from markup: no white space at line
// ends, paragraphs separated by exactly one blank line, none around.
func tidyParagraphs(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = spaceBeforeLineEnd.ReplaceAllString(s, "\n")
	s = manyLineEnds.ReplaceAllString(s, "\n\n")
	return strings.TrimSpace(s)
}
