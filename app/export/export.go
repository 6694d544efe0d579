// Package export writes Claimdesk's labeled claims as datasets in the
// formats NLP people train and evaluate with: doccano JSONL, spans JSONL
// (Prodigy, spaCy, Hugging Face datasets), Label Studio JSON tasks, brat
// standoff, CoNLL BIO, CSV and a claims JSONL for classifiers.
//
// Offsets everywhere are Unicode code points of the stored article text,
// end exclusive: for every span in every format Python's text[start:end]
// equals the quote. The one exception is asked for by name: doccano with
// OffsetsUTF16, for doccano's editor, which counts as JavaScript does. Collect gathers what to export from a store (filters by
// label, status and annotator); Write writes it, optionally split into
// train/dev/test by article, with progress reports and cancellation.
//
// Write never leaves a half-written file where a good one was: every file
// is written in a staging folder inside the destination folder, flushed to
// disk, and only renamed into place once the whole export has succeeded.
// Staging folders that killed exports left behind are removed by the next
// export into the same folder (stale.go).
//
// The package knows nothing of Fyne: the window and the command line both
// drive it.
package export

import (
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf16"

	"claimdesk/app/dataset"
	"claimdesk/storage"
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
	// Offsets is the unit of doccano's offsets: OffsetsCodePoints (the
	// default, "" too) or OffsetsUTF16. Other formats take code points only.
	Offsets string
	// CoNLL is the layout of CoNLL's lines: CoNLL2003 (the default, "" too)
	// or CoNLLTSV. Only the conll format takes it.
	CoNLL string
	// Progress, when set, is called on Write's goroutine with the number
	// of articles written so far, first with done == 0.
	Progress func(done, total int)
}

// Units of offsets. Code points are Claimdesk's contract and what Python,
// spaCy, Prodigy, brat and Label Studio count; doccano's web editor counts
// UTF-16 code units, as JavaScript does, so spans after an emoji or any other
// character outside the Basic Multilingual Plane land elsewhere there.
const (
	OffsetsCodePoints = "codepoints"
	OffsetsUTF16      = dataset.OffsetsUTF16
)

// Validate refuses options Write cannot honour: an unknown format, offsets
// unit or CoNLL layout, an option the format has no use for, and a bad
// split. The command line calls it before it opens the store.
func (o Options) Validate() error {
	f, err := FormatByName(o.Format)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	switch o.Offsets {
	case "", OffsetsCodePoints:
	case OffsetsUTF16:
		if f.Name != "doccano" {
			return fmt.Errorf("export: UTF-16 offsets are for the doccano format only, whose web editor counts them; %s counts code points", f.Title)
		}
	default:
		return fmt.Errorf("export: unknown offsets unit %q (valid: %s, %s)", o.Offsets, OffsetsCodePoints, OffsetsUTF16)
	}
	if o.CoNLL != "" {
		if _, ok := conllLayouts[o.CoNLL]; !ok {
			return fmt.Errorf("export: unknown CoNLL layout %q (valid: %s)", o.CoNLL, strings.Join(CoNLLLayouts(), ", "))
		}
		if f.Name != "conll" {
			return fmt.Errorf("export: a CoNLL layout is for the conll format only, not %s", f.Title)
		}
	}
	return o.Split.Validate()
}

// DestIsFolder reports whether Write expects a folder as its destination:
// for folder formats, and for every format when the data is split (then
// train, dev and test files or subfolders go into that folder).
func (o Options) DestIsFolder() bool {
	f, err := FormatByName(o.Format)
	return err == nil && (f.Folder || o.Split.Enabled())
}

// Result tells what Write wrote.
type Result struct {
	// Files are the paths written, data and configuration files alike.
	Files []string
	// Articles counts the articles written (CSV and claims JSONL have no
	// row for an article without claims); Claims counts the claims written.
	Articles, Claims int
	// Omitted counts claims the format could not express (CoNLL BIO has
	// no room for overlaps); OmittedRule says which were left out and why.
	Omitted     int
	OmittedRule string
}

// Write writes the dataset at dest in the format opts.Format names.
//
// dest is a file for single-file formats and a folder (created when
// missing) for folder formats and for split exports, where train, dev and
// test files — or subfolders for brat — go inside it; Options.DestIsFolder
// tells which. Label Studio's labeling configuration is written beside the
// tasks file. Files already at dest are replaced only when the whole export
// has succeeded; a failed or cancelled export leaves them as they were. A
// brat export replaces its folder whole, and only a folder that is empty
// or a brat export of Claimdesk with nothing else in it (bratReplaceable).
// Cancelling ctx stops the export between articles; the error then wraps
// ctx.Err().
func Write(ctx context.Context, d Dataset, dest string, opts Options) (Result, error) {
	if err := opts.Validate(); err != nil {
		return Result{}, err
	}
	f, _ := FormatByName(opts.Format)
	root, base, err := resolveDest(dest, f, opts.Split.Enabled())
	if err != nil {
		return Result{}, err
	}
	var swap *folderSwap
	if replaceable := writers[f.Name].replaceable; replaceable != nil {
		if swap, err = newFolderSwap(root, replaceable); err != nil {
			return Result{}, err
		}
		root = swap.fresh
	}
	j, err := startJob(ctx, d, root, base, opts)
	if err != nil {
		if swap != nil {
			swap.abort()
		}
		return Result{}, err
	}
	if err := j.run(partition(d.Docs, opts.Split)); err != nil {
		j.out.abort()
		if swap != nil {
			swap.abort()
		}
		return Result{}, err
	}
	files, err := j.out.commit()
	if swap != nil {
		if err != nil {
			swap.abort()
			return Result{}, err
		}
		files, err = swap.commit(files)
	}
	if err != nil {
		return Result{Files: files}, err
	}
	return j.result(files), nil
}

// WriteTo writes a one-file export to w, such as standard output. The data
// is staged in the system's temporary folder first, so a failed or
// cancelled export writes nothing to w; files that go beside the data
// (Label Studio's labeling configuration) are left out, and Result.Files
// is empty. Folder formats and split exports need a folder: Write.
func WriteTo(ctx context.Context, d Dataset, w io.Writer, opts Options) (Result, error) {
	if err := opts.Validate(); err != nil {
		return Result{}, err
	}
	f, _ := FormatByName(opts.Format)
	if opts.DestIsFolder() {
		return Result{}, fmt.Errorf("export: %s writes several files; it needs a folder, not a stream", f.Title)
	}
	j, err := startJob(ctx, d, os.TempDir(), "export"+f.Extension, opts)
	if err != nil {
		return Result{}, err
	}
	defer j.out.abort()
	if err := j.run(partition(d.Docs, opts.Split)); err != nil {
		return Result{}, err
	}
	if err := j.out.copyTo(w, j.base); err != nil {
		return Result{}, err
	}
	return j.result(nil), nil
}

// startJob prepares the staging folder in root and the job that fills it.
func startJob(ctx context.Context, d Dataset, root, base string, opts Options) (*job, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("export cancelled: %w", err)
	}
	out, err := newOutput(root)
	if err != nil {
		return nil, err
	}
	f, _ := FormatByName(opts.Format)
	return &job{ctx: ctx, out: out, base: base, format: f, labels: d.labelsUsed(), opts: opts, load: d.load,
		progress: opts.Progress, total: len(d.Docs), omitted: map[string]int{}}, nil
}

// resolveDest splits dest into the folder files land in and, for a
// single-file export, the data file's name.
func resolveDest(dest string, f Format, split bool) (root, base string, err error) {
	if strings.TrimSpace(dest) == "" {
		return "", "", fmt.Errorf("export: no destination given")
	}
	if f.Folder || split {
		return filepath.Clean(dest), "", nil
	}
	isDir := strings.HasSuffix(dest, "/") || strings.HasSuffix(dest, string(os.PathSeparator))
	if info, err := os.Stat(dest); err == nil && info.IsDir() {
		isDir = true
	}
	if isDir {
		return "", "", fmt.Errorf("export: %s is a folder; %s needs a file name such as %s",
			dest, f.Title, filepath.Join(dest, "claims"+f.Extension))
	}
	return filepath.Dir(dest), filepath.Base(dest), nil
}

// job is one run of Write: where files go, what has been written so far.
type job struct {
	ctx      context.Context
	out      *output
	base     string // data file name of a single-file export without split
	format   Format
	opts     Options
	labels   []storage.Label
	load     func(id uint64) (string, []storage.Claim, error) // see Dataset.load
	progress func(done, total int)
	done     int
	total    int
	claims   int
	omitted  map[string]int // claims left out, by the rule that left them out
	// annotators are the names on the export's claims, sorted, the same
	// for every part of a split ("" for claims without one).
	annotators []string
}

func (j *job) run(parts []part) error {
	w, ok := writers[j.format.Name]
	if !ok {
		return fmt.Errorf("export: format %q has no writer", j.format.Name)
	}
	j.annotators = annotatorsOf(parts)
	j.report()
	if w.shared != nil {
		if err := w.shared(j, len(parts) > 1); err != nil {
			return err
		}
	}
	for _, p := range parts {
		if err := w.part(j, p); err != nil {
			return err
		}
	}
	return j.cancelled()
}

func (j *job) cancelled() error {
	if err := j.ctx.Err(); err != nil {
		return fmt.Errorf("export cancelled: %w", err)
	}
	return nil
}

func (j *job) report() {
	if j.progress != nil {
		j.progress(j.done, j.total)
	}
}

// eachDoc calls fn for every article of p, with the article's text index,
// after checking that every claim fits its text; it stops when the export
// is cancelled and reports progress after each article.
func (j *job) eachDoc(p part, fn func(d Doc, ix *textIndex) error) error {
	for _, d := range p.docs {
		if err := j.cancelled(); err != nil {
			return err
		}
		if j.load != nil {
			text, claims, err := j.load(d.Article.ID)
			if err != nil {
				return err
			}
			d.Article.Text, d.Claims = text, claims // in this copy only, gone with it
		}
		ix := newTextIndex(d.Article.Text)
		if err := checkClaims(d, ix); err != nil {
			return err
		}
		if err := fn(d, ix); err != nil {
			return err
		}
		j.done++
		j.report()
	}
	return nil
}

// checkClaims refuses a claim whose offsets or quote disagree with the
// text: written out, it would teach a model the wrong span.
func checkClaims(d Doc, ix *textIndex) error {
	for _, c := range d.Claims {
		got, ok := ix.Slice(c.Start, c.End)
		switch {
		case !ok:
			return fmt.Errorf("export: article %d %q: claim %d at %d-%d lies outside the text of %d characters",
				d.Article.ID, d.Article.Title, c.ID, c.Start, c.End, ix.Len())
		case got != c.Quote:
			return fmt.Errorf("export: article %d %q: claim %d at %d-%d: quote %q does not match the text %q",
				d.Article.ID, d.Article.Title, c.ID, c.Start, c.End, c.Quote, got)
		}
	}
	return nil
}

// writeFile stages the file rel and fills it with fn. Write errors of the
// disk are reported with the destination's name.
func (j *job) writeFile(rel string, fn func(w *stagedFile) error) error {
	f, err := j.out.create(rel)
	if err != nil {
		return err
	}
	if err := fn(f); err != nil {
		f.discard()
		if f.fw.err != nil {
			return fmt.Errorf("export: write %s: %w", f.name, f.fw.err)
		}
		return err
	}
	return f.close()
}

// partFile is the data file of a part: the destination's name without a
// split, else train, dev or test with the format's extension.
func (j *job) partFile(p part) string {
	if p.name == "" {
		return j.base
	}
	return p.name + j.format.Extension
}

// partDir is the folder of a part for folder formats, relative to the
// destination ("." without a split).
func partDir(p part) string {
	if p.name == "" {
		return "."
	}
	return p.name
}

func (j *job) omit(rule string) { j.omitted[rule]++ }

// result sums up the run. With one rule of omission OmittedRule is that
// rule; with several, each carries its count.
func (j *job) result(files []string) Result {
	r := Result{Files: files, Articles: j.done, Claims: j.claims}
	rules := slices.Sorted(maps.Keys(j.omitted))
	for _, rule := range rules {
		r.Omitted += j.omitted[rule]
	}
	if len(rules) == 1 {
		r.OmittedRule = rules[0]
		return r
	}
	for i, rule := range rules {
		rules[i] = fmt.Sprintf("%s (%d)", rule, j.omitted[rule])
	}
	r.OmittedRule = strings.Join(rules, "; ")
	return r
}

// textIndex is storage's code-point index of one article text, built
// once per article by an export, with the UTF-16 offsets Label Studio
// needs, made on first use.
type textIndex struct {
	*storage.TextIndex
	// units is the UTF-16 offset of every code point, plus the end, built on
	// the first call of utf16At; nil when every code point is one unit.
	units     []int32
	unitsMade bool
}

func newTextIndex(text string) *textIndex {
	return &textIndex{TextIndex: storage.NewTextIndex(text)}
}

// utf16At is code point r's offset in UTF-16 code units, as JavaScript
// counts: a code point outside the Basic Multilingual Plane (most emoji,
// rarer CJK) takes two. r must be in [0, n].
func (x *textIndex) utf16At(r int) int {
	if !x.unitsMade {
		x.units, x.unitsMade = utf16Offsets(x.Text(), x.Len()), true
	}
	if x.units == nil {
		return r
	}
	return int(x.units[r])
}

// utf16Offsets is the table utf16At reads; nil when text has no code point
// that takes two units, which is most texts.
func utf16Offsets(text string, n int) []int32 {
	if !strings.ContainsFunc(text, func(r rune) bool { return utf16.RuneLen(r) == 2 }) {
		return nil
	}
	units := make([]int32, 0, n+1)
	u := int32(0)
	for _, r := range text {
		units = append(units, u)
		// Ranging over a string never yields a surrogate or an invalid rune
		// (bad bytes come as U+FFFD), so RuneLen is 1 or 2.
		u += int32(utf16.RuneLen(r))
	}
	return append(units, u)
}
