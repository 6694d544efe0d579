package export

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"claimdesk/storage"
)

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
