// Package importer stores the articles and claims of files and folders in
// the store. It walks folders, reads each file with package dataset, gives
// the claims the store's labels (mapping or creating them), commits
// articles in batches, and reports per file and line what landed, what was
// skipped and what failed — telling of an article only once it is on disk.
package importer

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"claimdesk/app/dataset"
	"claimdesk/app/web"
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
	// SpeakerRoles and TargetRoles name the brat event roles and relation
	// types whose span is the speaker or target of the claims linked to it;
	// empty means dataset.DefaultSpeakerRoles and DefaultTargetRoles. A brat
	// span that only triggers an event is a claim when LabelMap maps its
	// type.
	SpeakerRoles, TargetRoles []string
	// Progress, when set, is called with done 0 before the first file and
	// after every file, on the goroutine that runs Import. A brat pair
	// counts as one file, a web address as one, and each entry of a feed
	// as one more, so total grows when a feed has been read.
	Progress func(done, total int, path string)
	// Web says how web addresses among the paths are fetched and read.
	Web WebOptions
}

// Import reads files and folders (recursively) and stores every article
// in them with its claims, each article whole or not at all. Articles are
// committed in batches, many to a transaction; the report, and progress,
// tell of an article only once it is on disk, and Import returns only
// after the last batch is. A bad file, line or span never stops the rest;
// all of it is in the report. The error is for what stops the whole
// import: an unknown label in LabelMap, or a store that cannot be written.
func Import(store *storage.Store, paths []string, opts Options) (Report, error) {
	return importBatched(store, paths, opts, defaultBatchLimits)
}

// importBatched is Import with the batch limits given, so tests can make
// batches end anywhere.
func importBatched(store *storage.Store, paths []string, opts Options, limits batchLimits) (Report, error) {
	if store == nil {
		return Report{}, errors.New("import: no store")
	}
	im := &job{store: store, opts: opts, seen: map[string]string{}, batch: batch{limits: limits}}
	labels, err := newLabelResolver(store, opts.LabelMap, func() *Report { return im.current().fixed() })
	if err != nil {
		return Report{}, err
	}
	im.labels = labels
	im.units = collect(paths, opts.Web.AddressLists)
	im.total = len(im.units)
	if opts.Progress != nil {
		opts.Progress(0, len(im.units), "")
	}
	// A feed adds its entries after itself, so units grows as it is walked.
	for i := 0; i < len(im.units); i++ {
		u := im.units[i]
		im.queue = append(im.queue, &unitLog{path: u.path, index: i + 1})
		if err := im.importUnit(i, u); err != nil {
			return im.abort(err)
		}
		if err := im.endUnit(); err != nil {
			return im.abort(err)
		}
	}
	if err := im.flush(); err != nil {
		return im.abort(err)
	}
	return im.report, nil
}

// job is one Import call on its way: the files still to report and the
// articles waiting for their batch's commit.
type job struct {
	store  *storage.Store
	opts   Options
	labels *labelResolver
	seen   map[string]string // text hash -> where it was first seen
	report Report
	units  []unit     // what to import; feeds add their entries
	web    *webState  // what web imports have learned, made when first needed
	total  int        // files to import, for progress
	batch  batch      // articles waiting for their transaction
	queue  []*unitLog // files whose report entries wait for a batch
}

// current is the log of the file being imported.
func (im *job) current() *unitLog { return im.queue[len(im.queue)-1] }

func (im *job) importUnit(i int, u unit) error {
	log := im.current()
	switch {
	case u.entry != nil:
		return im.importEntry(u)
	case u.address != "":
		return im.importAddress(i, u)
	case u.failure != nil:
		fail(log.fixed(), u.path, u.failure)
		return nil
	case u.skip != "":
		r := log.fixed()
		r.Skipped = append(r.Skipped, Skipped{Path: u.path, Reason: u.skip})
		return nil
	}
	docs, problems, err := dataset.ParseFileWith(u.path, im.parseOptions())
	if err != nil {
		fail(log.fixed(), u.path, err)
		return nil
	}
	for _, doc := range docs {
		if err := im.importDoc(u.path, doc); err != nil {
			return err
		}
	}
	log.problems = problems
	return nil
}

// parseOptions are what the import's options ask of package dataset.
func (im *job) parseOptions() dataset.Options {
	triggers := make([]string, 0, len(im.opts.LabelMap))
	for from := range im.opts.LabelMap {
		triggers = append(triggers, from)
	}
	return dataset.Options{Brat: dataset.BratOptions{
		SpeakerRoles: im.opts.SpeakerRoles, TargetRoles: im.opts.TargetRoles, TriggerLabels: triggers}}
}

// endUnit marks the current file parsed and commits the batch when it is
// full; otherwise the file is reported at once if none of its articles
// waits.
func (im *job) endUnit() error {
	im.current().parsed = true
	if im.batch.full() {
		return im.flush()
	}
	im.release()
	return nil
}

// fail reports a file that is not imported at all.
func fail(r *Report, path string, err error) {
	r.Failed = append(r.Failed, dataset.FileProblem(path, err))
}

// importDoc hands one article to the batch. An article whose text is in
// the store or earlier in this import already goes too when it brings
// claims: the store adds them to that article as the file annotator's
// layer. Without claims it is skipped, there being nothing to add. The
// error stops the import.
func (im *job) importDoc(path string, doc dataset.Document) error {
	log := im.current()
	where := dataset.Location(path, doc.Line)
	hash := storage.HashText(doc.Text)
	first, seen := im.seen[hash]
	if !seen {
		im.seen[hash] = where
	}
	if len(doc.Spans) == 0 {
		if seen {
			log.skip(path, doc, "same text as "+first+" earlier in this import")
			return nil
		}
		if old, ok, err := im.store.ArticleByHash(hash); err != nil {
			return fmt.Errorf("import %s: %w", where, err)
		} else if ok {
			log.skip(path, doc, (&storage.DuplicateError{ExistingID: old.ID, ExistingTitle: old.Title}).Error())
			return nil
		}
	}
	claims := im.claims(path, &doc)
	article := storage.Article{Title: doc.Title, Source: absSource(doc.Source), Text: doc.Text, Meta: doc.Meta}
	im.batch.add(storage.ImportItem{Article: article, Claims: claims}, log.await(path, doc))
	if im.batch.full() {
		return im.flush()
	}
	return nil
}

// claims turns a document's spans into claims under the store's
// labels; a span whose label cannot be had is reported and left out.
func (im *job) claims(path string, doc *dataset.Document) []storage.Claim {
	claims := make([]storage.Claim, 0, len(doc.Spans))
	for _, s := range doc.Spans {
		label, err := im.labels.resolve(s.Label, path)
		if err != nil {
			r := im.current().fixed()
			r.Warnings = append(r.Warnings, dataset.Problem{File: path, Line: doc.Line, Warning: true,
				Message: fmt.Sprintf("span %d–%d: %v%s", s.Start, s.End, err, dataset.ClaimLeftOut)})
			doc.SpansLeftOut++
			continue
		}
		annotator := s.Annotator
		if annotator == "" {
			annotator = im.opts.Annotator
		}
		claims = append(claims, storage.Claim{Start: s.Start, End: s.End, Label: label,
			Speaker: s.Speaker, Target: s.Target, Note: s.Note, Annotator: annotator, Origin: storage.OriginImported})
	}
	return claims
}

// absSource makes a document's source, a path or "path:line", absolute,
// so the article still says where it came from when the import was given a
// relative path.
func absSource(source string) string {
	if web.IsAddress(source) {
		return source
	}
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
