package dataset

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"golang.org/x/text/transform"
)

// parseBratFiles reads a brat pair from disk: annPath and the .txt of the
// same name.
func parseBratFiles(annPath string) ([]Document, []Problem, error) {
	txtPath := siblingWithExt(annPath, ".txt")
	if !fileExists(txtPath) {
		return nil, nil, Problem{File: annPath, Message: "no " + txtPath + " next to it: a brat .ann file is read with the .txt of the same name"}
	}
	text, err := readArticleFile(txtPath, false)
	if err != nil {
		return nil, nil, err
	}
	ann, err := readArticleFile(annPath, true)
	if err != nil {
		return nil, nil, err
	}
	return ParseBrat(txtPath, annPath, text, ann)
}

// readArticleFile reads a file of at most MaxArticleFileSize bytes.
func readArticleFile(path string, emptyOK bool) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fileProblem(path, err)
	}
	if !(emptyOK && info.Size() == 0) {
		if err := checkSize(formatBrat, info.Size()); err != nil {
			return nil, fileProblem(path, err)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fileProblem(path, err)
	}
	return data, nil
}

// ParseBrat parses a brat standoff pair: the article text (the .txt) and
// its annotations (the .ann). Offsets count code points of the .txt as
// brat reads it (a UTF-8 byte-order mark counts, CRs count); when a T line's
// quote shows another count was used, that is detected and reported.
// Text-bound annotations (T) become spans; fragments separated only by
// white space make one span. AnnotatorNotes in the form ParseBratNote reads,
// and notes or attributes named Speaker, Target or Note, fill those fields.
// Problems name the .ann line. An empty .ann is an article without claims.
func ParseBrat(textName, annName string, text, ann []byte) ([]Document, []Problem, error) {
	if err := checkSize(formatBrat, int64(len(text))); err != nil {
		return nil, nil, fileProblem(textName, err)
	}
	if len(ann) > MaxArticleFileSize {
		return nil, nil, fileProblem(annName, checkSize(formatBrat, int64(len(ann))))
	}
	raw, fromUTF16, err := articleText(text)
	if err != nil {
		return nil, nil, fileProblem(textName, err)
	}
	if strings.TrimSpace(raw) == "" {
		return nil, nil, Problem{File: textName, Message: "no text"}
	}
	annText, err := claimText(ann)
	if err != nil {
		return nil, nil, fileProblem(annName, err)
	}
	spans, problems := parseAnn(annName, annText, raw)
	d := draft{file: annName, source: textName, text: raw, spans: spans, bomConsumed: fromUTF16}
	doc, more, err := d.finish()
	if err != nil {
		return nil, nil, err
	}
	return []Document{doc}, sortProblems(append(problems, more...)), nil
}

// annotationText decodes a .ann file; a byte-order mark there belongs to
// the file, not to any annotation.
func claimText(ann []byte) (string, error) {
	if hasUTF16BOM(ann) {
		var err error
		if ann, _, err = transform.Bytes(utf16Decoder(), ann); err != nil {
			return "", fmt.Errorf("decoding UTF-16: %w", err)
		}
	}
	ann = bytes.TrimPrefix(ann, bomUTF8)
	if err := checkText(ann, false); err != nil {
		return "", err
	}
	return string(ann), nil
}
