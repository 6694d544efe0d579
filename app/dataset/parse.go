package dataset

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// format is a kind of input file, known by its extension.
type format int

const (
	formatUnknown format = iota
	formatText
	formatMarkdown
	formatHTML
	formatJSONL
	formatJSON
	formatBrat
	formatPDF
	formatWord
	formatODT
)

var formatNames = [...]string{"unknown", "text", "Markdown", "HTML", "JSONL", "JSON", "brat", "PDF", "Word", "OpenDocument"}

func (f format) String() string { return formatNames[f] }

var formatsByExt = map[string]format{
	".txt":      formatText,
	".md":       formatMarkdown,
	".markdown": formatMarkdown,
	".html":     formatHTML,
	".htm":      formatHTML,
	".jsonl":    formatJSONL,
	".json":     formatJSON,
	".ann":      formatBrat,
	".pdf":      formatPDF,
	".docx":     formatWord,
	".odt":      formatODT,
}

func formatOf(name string) format {
	return formatsByExt[strings.ToLower(filepath.Ext(name))]
}

// SupportedExtensions lists the file extensions ParseFile reads, with the dot,
// sorted: for file dialogs and help texts. A .json file is a Label Studio
// export (or an array of JSONL-style records); a .ann file is the half of a
// brat pair whose text is the .txt of the same name.
func SupportedExtensions() []string {
	exts := make([]string, 0, len(formatsByExt))
	for ext := range formatsByExt {
		exts = append(exts, ext)
	}
	sort.Strings(exts)
	return exts
}

// Supported reports whether ParseFile reads a file of this name.
func Supported(path string) bool { return formatOf(path) != formatUnknown }

// ParsedAs names the file ParseFile reads path as: a .txt with a .ann of
// the same name next to it is the text of that brat pair, read under the
// .ann; any other path is itself.
func ParsedAs(path string) string {
	if formatOf(path) == formatText {
		if ann := siblingWithExt(path, ".ann"); fileExists(ann) {
			return ann
		}
	}
	return path
}

// Options tune how ParseFileWith reads a format; the zero value reads
// every format with its defaults.
type Options struct {
	Brat BratOptions
}

// ParseFile reads one file by its extension. A .ann file is read with the
// .txt of the same name, and so is a .txt that has a .ann next to it: a
// brat pair is one document. The error, always a Problem, means the whole
// file was refused; problems are the records and spans left out of an
// otherwise readable file, or warnings about what was changed.
func ParseFile(path string) ([]Document, []Problem, error) {
	return ParseFileWith(path, Options{})
}

// ParseFileWith is ParseFile with options.
func ParseFileWith(path string, opts Options) ([]Document, []Problem, error) {
	path = ParsedAs(path)
	f := formatOf(path)
	if f == formatBrat {
		return parseBratFiles(path, opts.Brat)
	}
	if f == formatUnknown {
		return nil, nil, unsupported(path)
	}
	file, err := os.Open(path)
	if err != nil {
		return nil, nil, FileProblem(path, err)
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		return nil, nil, FileProblem(path, err)
	}
	if !info.Mode().IsRegular() {
		return nil, nil, Problem{File: path, Message: "not a regular file"}
	}
	if err := checkSize(f, info.Size()); err != nil {
		return nil, nil, FileProblem(path, err)
	}
	return parseReader(path, f, file)
}

// ParseBytes parses data as the file called name would be parsed. A brat
// .ann file needs its text: use ParseBrat for that pair.
func ParseBytes(name string, data []byte) ([]Document, []Problem, error) {
	f := formatOf(name)
	switch f {
	case formatUnknown:
		return nil, nil, unsupported(name)
	case formatBrat:
		return nil, nil, Problem{File: name, Message: "a brat .ann file is read together with its .txt (use ParseBrat)"}
	}
	if err := checkSize(f, int64(len(data))); err != nil {
		return nil, nil, FileProblem(name, err)
	}
	return parseReader(name, f, bytes.NewReader(data))
}

// parseReader parses an input whose size has been checked.
func parseReader(name string, f format, r io.Reader) ([]Document, []Problem, error) {
	docs, problems, err := parseFormat(name, f, r)
	return docs, sortProblems(problems), err
}

func parseFormat(name string, f format, r io.Reader) ([]Document, []Problem, error) {
	switch f {
	case formatJSONL:
		return parseJSONL(name, r)
	case formatJSON:
		return parseJSONFile(name, r)
	}
	data, err := readLimited(r, maxFileSize(f))
	if err != nil {
		return nil, nil, FileProblem(name, err)
	}
	var (
		d    draft
		warn []Problem
	)
	switch f {
	case formatText:
		d, err = parsePlainText(name, data)
	case formatMarkdown:
		d, err = parseMarkdown(name, data)
	case formatHTML:
		d, warn, err = parseHTML(name, data)
	case formatPDF:
		d, warn, err = parsePDF(name, data)
	case formatWord:
		d, warn, err = parseDocx(name, data)
	case formatODT:
		d, warn, err = parseODT(name, data)
	}
	if err != nil {
		return nil, nil, FileProblem(name, err)
	}
	doc, problems, err := d.finish()
	if err != nil {
		return nil, nil, err
	}
	return []Document{doc}, append(warn, problems...), nil
}

func unsupported(name string) error {
	ext := filepath.Ext(name)
	if ext == "" {
		return Problem{File: name, Message: "no file extension: cannot tell the format (supported: " + strings.Join(SupportedExtensions(), " ") + ")"}
	}
	return Problem{File: name, Message: "unsupported format " + ext + " (supported: " + strings.Join(SupportedExtensions(), " ") + ")"}
}

func siblingWithExt(path, ext string) string {
	return strings.TrimSuffix(path, filepath.Ext(path)) + ext
}

func fileExists(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular()
}
