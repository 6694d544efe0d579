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

// Filter chooses what Collect takes from the store. The zero value takes
// everything.
type Filter struct {
	// Labels keeps only claims with these labels; empty keeps all labels.
	Labels []string
	// OnlyDone keeps only articles whose status is done.
	OnlyDone bool
	// Annotator keeps only claims by this annotator (case-insensitive);
	// empty keeps everyone's.
	Annotator string
}

// Options tell Write what to write.
type Options struct {
	// Format is a Format's Name.
	Format string
	// Filter is not applied by Write (Collect applies it); it is carried
	// here so the window and the command line can keep one value.
	Filter Filter
	// Split divides articles into train/dev/test; the zero value writes
	// one dataset.
	Split Split
	// Progress, when set, is called on Write's goroutine with the number
	// of articles written so far, first with done == 0.
	Progress func(done, total int)
}

// DestIsFolder reports whether Write expects a folder as its destination:
// for folder formats, and for every format when the data is split (then
// train, dev and test files or subfolders go into that folder).
func (o Options) DestIsFolder() bool {
	f, err := FormatByName(o.Format)
	return err == nil && (f.Folder || o.Split.Enabled())
}
