package export

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

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
// has succeeded; a failed or cancelled export leaves them as they were.
// Cancelling ctx stops the export between articles; the error then wraps
// ctx.Err().
func Write(ctx context.Context, d Dataset, dest string, opts Options) (Result, error) {
	f, err := FormatByName(opts.Format)
	if err != nil {
		return Result{}, fmt.Errorf("export: %w", err)
	}
	if err := opts.Split.Validate(); err != nil {
		return Result{}, err
	}
	root, base, err := resolveDest(dest, f, opts.Split.Enabled())
	if err != nil {
		return Result{}, err
	}
	if err := ctx.Err(); err != nil {
		return Result{}, fmt.Errorf("export cancelled: %w", err)
	}
	out, err := newOutput(root)
	if err != nil {
		return Result{}, err
	}
	j := &job{ctx: ctx, out: out, base: base, format: f, labels: d.labelsUsed(),
		progress: opts.Progress, total: len(d.Docs), omitted: map[string]int{}}
	if err := j.run(partition(d.Docs, opts.Split)); err != nil {
		out.abort()
		return Result{}, err
	}
	files, err := out.commit()
	if err != nil {
		return Result{Files: files}, err
	}
	return j.result(files), nil
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
