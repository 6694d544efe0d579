package importer

import (
	"errors"

	"claimdesk/app/dataset"
	"claimdesk/storage"
)

// unitLog is what one file adds to the report, in order, held back until
// every article of the file has been committed: the report, and progress,
// tell only of articles on disk, and read exactly as if each article had
// been stored the moment it was parsed.
type unitLog struct {
	path     string
	index    int // 1-based place among the files, for progress
	parts    []logPart
	docs     []*pendingDoc     // every article of the file, stored or not
	problems []dataset.Problem // from parsing; some depend on which articles landed
	parsed   bool              // every article of the file has been handed on
	waiting  int               // articles handed to the store, not yet settled
}

// logPart is either entries known at once or an article whose outcome its
// batch decides.
type logPart struct {
	fixed *Report
	doc   *pendingDoc
}

// pendingDoc is an article of a file and, once settled, what became of
// it: stored under id with its title and claims, or refused with err.
type pendingDoc struct {
	unit        *unitLog
	path        string
	line        int
	title       string
	norm        storage.Normalization
	settled     bool
	err         error
	id          uint64
	storedTitle string
	claims      int
	merged      bool // the claims went to an article stored already
	duplicates  int  // claims exactly like stored ones, not stored again
	leftOut     int  // claims of the file not stored with the article
}

// errLeftOut marks an article skipped before it reached the store.
var errLeftOut = errors.New("left out")

// fixed returns the entries, known at once, that come next in the file's
// report.
func (u *unitLog) fixed() *Report {
	if n := len(u.parts); n > 0 && u.parts[n-1].fixed != nil {
		return u.parts[n-1].fixed
	}
	r := &Report{}
	u.parts = append(u.parts, logPart{fixed: r})
	return r
}

// skip records an article left out before it reached the store.
func (u *unitLog) skip(path string, doc dataset.Document, reason string) {
	u.docs = append(u.docs, &pendingDoc{path: path, line: doc.Line, title: doc.Title, settled: true, err: errLeftOut})
	r := u.fixed()
	r.Skipped = append(r.Skipped, Skipped{Path: path, Line: doc.Line, Title: doc.Title, Reason: reason})
}

// await records an article handed to the store in a batch.
func (u *unitLog) await(path string, doc dataset.Document) *pendingDoc {
	d := &pendingDoc{unit: u, path: path, line: doc.Line, title: doc.Title, norm: doc.Normalization, leftOut: doc.SpansLeftOut}
	u.docs = append(u.docs, d)
	u.waiting++
	u.parts = append(u.parts, logPart{doc: d})
	return d
}

func (d *pendingDoc) settle(r storage.ImportResult) {
	d.settled, d.err = true, r.Err
	d.unit.waiting--
	d.id, d.storedTitle, d.claims = r.Article.ID, r.Article.Title, len(r.Claims)
	d.merged, d.duplicates = r.Merged, r.SkippedClaims
}

// done reports whether the file's report entries are final.
func (u *unitLog) done() bool { return u.parsed && u.waiting == 0 }

func (d *pendingDoc) landed() bool { return d.settled && d.err == nil }

// writeTo appends the file's entries to the report. An article whose batch
// never committed is left out: the import failed, and its error says so.
func (u *unitLog) writeTo(r *Report) {
	for _, p := range u.parts {
		if p.fixed != nil {
			r.merge(*p.fixed)
		} else if p.doc.settled {
			p.doc.writeTo(r)
		}
	}
	for _, p := range u.problems {
		switch {
		case !p.Warning:
			r.Failed = append(r.Failed, p)
		case !u.aboutSkipped(p):
			r.Warnings = append(r.Warnings, p)
		}
	}
}

// aboutSkipped reports whether a warning concerns an article that was not
// stored, which makes it noise: a file of one article, or a corpus record
// on the warning's line.
func (u *unitLog) aboutSkipped(p dataset.Problem) bool {
	for _, d := range u.docs {
		if !d.landed() && (d.line == 0 || d.line == p.Line) {
			return true
		}
	}
	return false
}

func (d *pendingDoc) writeTo(r *Report) {
	var dup *storage.DuplicateError
	switch err := d.err; {
	case errors.As(err, &dup):
		r.Skipped = append(r.Skipped, Skipped{Path: d.path, Line: d.line, Title: d.title, Reason: dup.Error()})
	case err != nil:
		r.Failed = append(r.Failed, dataset.Problem{File: d.path, Line: d.line, Message: err.Error()})
	default:
		if d.norm.Changed() {
			r.Warnings = append(r.Warnings, dataset.Problem{File: d.path, Line: d.line, Warning: true,
				Message: "text normalised: " + d.norm.String()})
		}
		r.ClaimsLeftOut += d.leftOut
		r.DuplicateClaims += d.duplicates
		r.Imported = append(r.Imported, Imported{Path: d.path, Line: d.line, ArticleID: d.id,
			Title: d.storedTitle, Claims: d.claims, Normalization: d.norm, Merged: d.merged, DuplicateClaims: d.duplicates})
	}
}
