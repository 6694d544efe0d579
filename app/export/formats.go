package export

import (
	"fmt"
	"strings"
)

// Format describes one output format. Folder formats write a folder of
// files at the destination; the others write one file (plus, for Label
// Studio, its labeling configuration beside it).
type Format struct {
	Name      string // what FormatByName and the command line take
	Title     string // what a person reads in a list of formats
	Extension string // of the data file, with its dot; "" for folder formats
	Folder    bool
}

var formats = []Format{
	{Name: "doccano", Title: "doccano JSONL", Extension: ".jsonl"},
	{Name: "spans", Title: "Spans JSONL (Prodigy, spaCy, Hugging Face)", Extension: ".jsonl"},
	{Name: "labelstudio", Title: "Label Studio JSON tasks", Extension: ".json"},
	{Name: "brat", Title: "brat standoff (folder of .txt and .ann)", Folder: true},
	{Name: "conll", Title: "CoNLL BIO (token per line)", Extension: ".conll"},
	{Name: "csv", Title: "CSV (a row per claim)", Extension: ".csv"},
	{Name: "claims", Title: "Claims JSONL with sentence context (classifiers)", Extension: ".jsonl"},
}

// formatWriter is what one format does: write a part's data, and files
// shared by every part (written once, before the parts).
type formatWriter struct {
	part   func(j *job, p part) error
	shared func(j *job, split bool) error
	// replaceable, for a folder format, allows an existing destination
	// folder to be replaced whole (folderSwap), or says why not.
	replaceable func(dir string) error
}

var writers = map[string]formatWriter{
	"doccano":     {part: writeDoccano},
	"spans":       {part: writeSpans},
	"labelstudio": {part: writeLabelStudio, shared: writeLabelStudioConfig},
	"brat":        {part: writeBrat, replaceable: bratReplaceable},
	"conll":       {part: writeCoNLL},
	"csv":         {part: writeCSV},
	"claims":      {part: writeClaims},
}

// Formats lists every format Write knows, in the order a menu shows them.
func Formats() []Format {
	return append([]Format(nil), formats...)
}

// FormatByName finds a format by its Name, ignoring case. The error for an
// unknown name lists the valid ones.
func FormatByName(name string) (Format, error) {
	name = strings.TrimSpace(name)
	if alias, ok := formatAliases[strings.ToLower(name)]; ok {
		name = alias
	}
	for _, f := range formats {
		if strings.EqualFold(f.Name, name) {
			return f, nil
		}
	}
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.Name
	}
	return Format{}, fmt.Errorf("unknown export format %q (valid: %s)", name, strings.Join(names, ", "))
}

// formatAliases are the other names people use: "jsonl" is what most
// tools mean by a labeled JSONL corpus, doccano's shape.
var formatAliases = map[string]string{
	"jsonl":   "doccano",
	"prodigy": "spans",
	"spacy":   "spans",
	"bio":     "conll",
}
