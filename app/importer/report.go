package importer

import (
	"fmt"
	"strings"

	"claimdesk/app/dataset"
	"claimdesk/storage"
)

// Report tells what an Import did with every file and record it was given.
type Report struct {
	Imported []Imported
	Skipped  []Skipped
	// Failed lists what was not stored: refused files, records that could
	// not be read, articles the store refused.
	Failed []dataset.Problem
	// Warnings lists what landed changed or incomplete: spans left out of an
	// imported article, labels renamed, text repaired.
	Warnings      []dataset.Problem
	CreatedLabels []string
	// ClaimsLeftOut counts the claims the files gave articles that landed
	// but that were not stored with them, each named among Warnings.
	ClaimsLeftOut int
	// DuplicateClaims counts the claims not stored because the article
	// held exactly that claim already: same annotator, start, end, label.
	DuplicateClaims int
}

// Imported is an article that landed in the store.
type Imported struct {
	Path          string
	Line          int // the record's line in a corpus; 0 for one-article files
	ArticleID     uint64
	Title         string
	Claims        int
	Normalization storage.Normalization
	// Merged says the text was stored already (or came earlier in the
	// import) and Claims were added to that article, under their
	// annotator; DuplicateClaims were exactly like claims it held.
	Merged          bool
	DuplicateClaims int
}

// Skipped is an article or file left out on purpose, mostly because its
// text is stored already.
type Skipped struct {
	Path   string
	Line   int
	Title  string
	Reason string
}

// Claims counts the claims of all imported articles.
func (r Report) Claims() int {
	n := 0
	for _, im := range r.Imported {
		n += im.Claims
	}
	return n
}

// HasFailures reports whether anything given could not be imported, or
// every claim that came with the imported articles was left out (an import
// of labeled data that stored none of its labels did not do its job); the
// command line exits non-zero then.
func (r Report) HasFailures() bool { return len(r.Failed) > 0 || r.AllClaimsLeftOut() }

// AllClaimsLeftOut reports whether the imported articles came with claims
// and none of them was stored.
func (r Report) AllClaimsLeftOut() bool { return r.ClaimsLeftOut > 0 && r.Claims() == 0 }

// Merged counts the imported articles whose claims went to an article
// stored already.
func (r Report) Merged() int {
	n := 0
	for _, im := range r.Imported {
		if im.Merged {
			n++
		}
	}
	return n
}

// Summary is one line: "3 imported (12 claims), 1 skipped, 2 failed",
// followed by the number of warnings and new labels when there are any.
// Articles whose claims joined a stored article are counted among the
// imported and named: "3 imported (12 claims; 2 added to stored
// articles, 1 duplicate claim skipped)".
func (r Report) Summary() string {
	var merged []string
	if n := r.Merged(); n > 0 {
		merged = append(merged, fmt.Sprintf("%d added to stored articles", n))
	}
	if n := r.DuplicateClaims; n > 0 {
		merged = append(merged, storage.Plural(n, "duplicate claim")+" skipped")
	}
	claims := storage.Plural(r.Claims(), "claim")
	if len(merged) > 0 {
		claims += "; " + strings.Join(merged, ", ")
	}
	s := fmt.Sprintf("%d imported (%s), %d skipped, %d failed",
		len(r.Imported), claims, len(r.Skipped), len(r.Failed))
	switch n := r.ClaimsLeftOut; {
	case r.AllClaimsLeftOut():
		s += ", all " + storage.Plural(n, "claim") + " left out"
	case n > 0:
		s += ", " + storage.Plural(n, "claim") + " left out"
	}
	if n := len(r.Warnings); n > 0 {
		s += ", " + storage.Plural(n, "warning")
	}
	if n := len(r.CreatedLabels); n > 0 {
		s += ", " + storage.Plural(n, "new label")
	}
	return s
}

// String is the whole report, a line per item and the summary last: for
// stderr and the import dialog.
func (r Report) String() string {
	var b strings.Builder
	for _, im := range r.Imported {
		if im.Merged {
			dup := ""
			if im.DuplicateClaims > 0 {
				dup = ", " + storage.Plural(im.DuplicateClaims, "duplicate") + " skipped"
			}
			fmt.Fprintf(&b, "added     %s: %s to article %d %q, stored already%s\n", dataset.Location(im.Path, im.Line), storage.Plural(im.Claims, "claim"), im.ArticleID, im.Title, dup)
			continue
		}
		fmt.Fprintf(&b, "imported  %s: %q (%s, article %d)\n", dataset.Location(im.Path, im.Line), im.Title, storage.Plural(im.Claims, "claim"), im.ArticleID)
	}
	for _, s := range r.Skipped {
		if s.Title != "" {
			fmt.Fprintf(&b, "skipped   %s: %q: %s\n", dataset.Location(s.Path, s.Line), s.Title, s.Reason)
		} else {
			fmt.Fprintf(&b, "skipped   %s: %s\n", dataset.Location(s.Path, s.Line), s.Reason)
		}
	}
	for _, p := range r.Failed {
		fmt.Fprintf(&b, "failed    %s\n", p)
	}
	for _, p := range r.Warnings {
		fmt.Fprintf(&b, "warning   %s\n", p)
	}
	for _, l := range r.CreatedLabels {
		fmt.Fprintf(&b, "new label %s\n", l)
	}
	b.WriteString(r.Summary())
	b.WriteByte('\n')
	return b.String()
}

// merge appends o's entries to r's.
func (r *Report) merge(o Report) {
	r.Imported = append(r.Imported, o.Imported...)
	r.Skipped = append(r.Skipped, o.Skipped...)
	r.Failed = append(r.Failed, o.Failed...)
	r.Warnings = append(r.Warnings, o.Warnings...)
	r.CreatedLabels = append(r.CreatedLabels, o.CreatedLabels...)
	r.ClaimsLeftOut += o.ClaimsLeftOut
	r.DuplicateClaims += o.DuplicateClaims
}
