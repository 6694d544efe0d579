package dataset

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"claimdesk/storage"
)

// Options tune Import.
type Options struct {
	// LabelMap maps an incoming label to an existing one, e.g.
	// PERSON=accusation; keys match in any case. Labels neither mapped nor
	// existing are created.
	LabelMap map[string]string
	// Annotator is recorded on claims that arrive without one.
	Annotator string
	// Progress, when set, is called with done 0 before the first file and
	// after every file, on the goroutine that runs Import. A brat pair
	// counts as one file.
	Progress func(done, total int, path string)
}

// Import reads files and folders (recursively) and stores every article
// in them with its claims, each article in one transaction. A bad file,
// line or span never stops the rest; all of it is in the report. The error
// is for what stops the whole import: an unknown label in LabelMap, or a
// store that cannot be written.
func Import(store *storage.Store, paths []string, opts Options) (Report, error) {
	if store == nil {
		return Report{}, errors.New("import: no store")
	}
	im := &importer{store: store, opts: opts, seen: map[string]string{}}
	labels, err := newLabelResolver(store, opts.LabelMap, &im.report)
	if err != nil {
		return Report{}, err
	}
	im.labels = labels
	units := collect(paths)
	if opts.Progress != nil {
		opts.Progress(0, len(units), "")
	}
	for i, u := range units {
		if err := im.importUnit(u); err != nil {
			return im.report, err
		}
		if opts.Progress != nil {
			opts.Progress(i+1, len(units), u.path)
		}
	}
	return im.report, nil
}

type importer struct {
	store  *storage.Store
	opts   Options
	labels *labelResolver
	seen   map[string]string // text hash -> where it was first seen
	report Report
}

func (im *importer) importUnit(u unit) error {
	switch {
	case u.failure != nil:
		im.fail(u.failure)
		return nil
	case u.skip != "":
		im.report.Skipped = append(im.report.Skipped, Skipped{Path: u.path, Reason: u.skip})
		return nil
	}
	docs, problems, err := ParseFile(u.path)
	if err != nil {
		im.fail(err)
		return nil
	}
	var skipped []Document
	for _, doc := range docs {
		stored, err := im.importDoc(u.path, doc)
		if err != nil {
			return err
		}
		if !stored {
			skipped = append(skipped, doc)
		}
	}
	for _, p := range problems {
		switch {
		case !p.Warning:
			im.report.Failed = append(im.report.Failed, p)
		case !aboutSkipped(p, skipped):
			im.report.Warnings = append(im.report.Warnings, p)
		}
	}
	return nil
}

// aboutSkipped reports whether a warning concerns an article that was not
// stored, which makes it noise: a file of one article, or a corpus record
// on the warning's line.
func aboutSkipped(p Problem, skipped []Document) bool {
	for _, d := range skipped {
		if d.Line == 0 || d.Line == p.Line {
			return true
		}
	}
	return false
}

func (im *importer) fail(err error) {
	var p Problem
	if !errors.As(err, &p) {
		p = Problem{Message: err.Error()}
	}
	im.report.Failed = append(im.report.Failed, p)
}

// importDoc stores one article, unless its text is in the store or earlier
// in this import already; stored says which. The error stops the import.
func (im *importer) importDoc(path string, doc Document) (stored bool, err error) {
	where := location(path, doc.Line)
	skip := func(reason string) {
		im.report.Skipped = append(im.report.Skipped, Skipped{Path: path, Line: doc.Line, Title: doc.Title, Reason: reason})
	}
	hash := storage.HashText(doc.Text)
	if first, ok := im.seen[hash]; ok {
		skip("same text as " + first + " earlier in this import")
		return false, nil
	}
	im.seen[hash] = where
	if old, ok, err := im.store.ArticleByHash(hash); err != nil {
		return false, fmt.Errorf("import %s: %w", where, err)
	} else if ok {
		skip((&storage.DuplicateError{ExistingID: old.ID, ExistingTitle: old.Title}).Error())
		return false, nil
	}
	anns := im.claims(path, doc)
	article := storage.Article{Title: doc.Title, Source: absSource(doc.Source), Text: doc.Text, Meta: doc.Meta}
	article, claims, _, err := im.store.ImportArticle(article, anns)
	var dup *storage.DuplicateError
	switch {
	case errors.As(err, &dup):
		skip(dup.Error())
		return false, nil
	case errors.Is(err, storage.ErrInvalid):
		im.report.Failed = append(im.report.Failed, Problem{File: path, Line: doc.Line, Message: err.Error()})
		return false, nil
	case err != nil:
		return false, fmt.Errorf("import %s: %w", where, err)
	}
	if n := doc.Normalization.InvalidUTF8; n > 0 {
		im.report.Warnings = append(im.report.Warnings, Problem{File: path, Line: doc.Line, Warning: true,
			Message: countNoun(n, "invalid UTF-8 sequence") + " replaced by U+FFFD"})
	}
	im.report.Imported = append(im.report.Imported, Imported{Path: path, Line: doc.Line, ArticleID: article.ID,
		Title: article.Title, Claims: len(claims), Normalization: doc.Normalization})
	return true, nil
}

// claims turns a document's spans into annotations under the store's
// labels; a span whose label cannot be had is reported and left out.
func (im *importer) claims(path string, doc Document) []storage.Annotation {
	anns := make([]storage.Annotation, 0, len(doc.Spans))
	for _, s := range doc.Spans {
		label, err := im.labels.resolve(s.Label, path)
		if err != nil {
			im.report.Warnings = append(im.report.Warnings, Problem{File: path, Line: doc.Line, Warning: true,
				Message: fmt.Sprintf("span %d–%d: %v%s", s.Start, s.End, err, leftOut)})
			continue
		}
		annotator := s.Annotator
		if annotator == "" {
			annotator = im.opts.Annotator
		}
		anns = append(anns, storage.Annotation{Start: s.Start, End: s.End, Label: label,
			Speaker: s.Speaker, Target: s.Target, Note: s.Note, Annotator: annotator, Origin: storage.OriginImported})
	}
	return anns
}

// absSource makes a document's source, a path or "path:line", absolute,
// so the article still says where it came from when the import was given a
// relative path.
func absSource(source string) string {
	file, line := source, ""
	if i := strings.LastIndexByte(source, ':'); i > 0 && isDigits(source[i+1:]) {
		file, line = source[:i], source[i:]
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return source
	}
	return abs + line
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}
