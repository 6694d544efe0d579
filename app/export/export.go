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
	"os"
	"path/filepath"
	"strings"

	"claimdesk/app/dataset"
)

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
