package export

import (
	"fmt"
	"slices"
	"strings"

	"claimdesk/storage"
)

// Doc is one article with the claims to export, in text order.
type Doc struct {
	Article storage.Article
	Claims  []storage.Claim
	// stored counts the claims a Doc of Collect's will have once read, and
	// storedBy names their annotators; its Claims stay in the store until
	// then (Dataset.load).
	stored   int
	storedBy []string
}

// Dataset is what Write writes: articles with their claims, and the labels
// the configuration files of brat and Label Studio declare.
type Dataset struct {
	Docs   []Doc
	Labels []storage.Label
	// load, when set, reads an article's text and chosen claims as the
	// export reaches it: Collect leaves both in the store, so an export
	// holds one article at a time, not the whole store.
	load func(id uint64) (string, []storage.Claim, error)
}

// Count returns how many articles and claims the dataset holds.
func (d Dataset) Count() (articles, claims int) {
	for _, doc := range d.Docs {
		claims += len(doc.Claims) + doc.stored
	}
	return len(d.Docs), claims
}

// Filter chooses what Collect takes from the store. The zero value takes
// everything.
type Filter struct {
	// Labels keeps only claims with these labels; empty keeps all labels.
	Labels []string
	// OnlyDone keeps only articles whose status is done. With Annotator
	// set it is that annotator's own status, or where they set none the
	// unnamed analyst's (a store's status from before statuses per
	// annotator); without, the article's (the status set last, by anyone).
	OnlyDone bool
	// Annotator keeps only claims by this annotator (case-insensitive);
	// empty keeps everyone's.
	Annotator string
}

// Collect reads from the store what the filter selects, articles in id
// order and each article's claims in text order.
//
// The filter removes claims, not articles: an article left with no claim is
// still exported, because for span labeling (NER-style training) an article
// without claims is a valid negative example. To export only articles an
// analyst has finished reading — so that "no claims" really means none —
// set OnlyDone. Labels names unknown to the store are refused, so a typo
// does not silently export nothing.
func Collect(store *storage.Store, f Filter) (Dataset, error) {
	all, err := store.Labels()
	if err != nil {
		return Dataset{}, fmt.Errorf("export: read labels: %w", err)
	}
	labels, err := chooseLabels(all, f.Labels)
	if err != nil {
		return Dataset{}, err
	}
	wanted := make(map[string]bool, len(labels))
	for _, l := range labels {
		wanted[l.Name] = true
	}
	annotator := strings.TrimSpace(f.Annotator)
	chosen := func(c storage.Claim) bool {
		return wanted[c.Label] && (annotator == "" || strings.EqualFold(strings.TrimSpace(c.Annotator), annotator))
	}
	perArticle := make(map[uint64]int)
	annotators := make(map[uint64][]string)
	err = store.ForEachClaim(func(c storage.Claim) error {
		if chosen(c) {
			perArticle[c.ArticleID]++
			if names := annotators[c.ArticleID]; !slices.Contains(names, c.Annotator) {
				annotators[c.ArticleID] = append(names, c.Annotator)
			}
		}
		return nil
	})
	if err != nil {
		return Dataset{}, fmt.Errorf("export: read claims: %w", err)
	}
	own, err := statusesOf(store, f.OnlyDone, annotator)
	if err != nil {
		return Dataset{}, err
	}
	d := Dataset{Labels: labels}
	err = store.ForEachArticle(func(a storage.Article) error {
		status, ok := own[a.ID]
		switch {
		case own == nil:
			status = a.Status
		case !ok:
			status = storage.StatusNew
		}
		if f.OnlyDone && status != storage.StatusDone {
			return nil
		}
		a.Text = "" // read again when its turn comes: see Dataset.load
		d.Docs = append(d.Docs, Doc{Article: a, stored: perArticle[a.ID], storedBy: annotators[a.ID]})
		return nil
	})
	if err != nil {
		return Dataset{}, fmt.Errorf("export: read articles: %w", err)
	}
	d.load = func(id uint64) (string, []storage.Claim, error) {
		a, err := store.Article(id)
		if err != nil {
			return "", nil, fmt.Errorf("export: read article %d: %w", id, err)
		}
		all, err := store.Claims(id)
		if err != nil {
			return "", nil, fmt.Errorf("export: read the claims of article %d: %w", id, err)
		}
		claims := all[:0]
		for _, c := range all {
			if chosen(c) {
				claims = append(claims, c)
			}
		}
		storage.SortInTextOrder(claims)
		return a.Text, claims, nil
	}
	return d, nil
}

// statusesOf is, by article, where annotator (in any case) stands with it
// (storage.Standing), when OnlyDone asks for one annotator's; nil
// otherwise.
func statusesOf(store *storage.Store, onlyDone bool, annotator string) (map[uint64]storage.Status, error) {
	if !onlyDone || annotator == "" {
		return nil, nil
	}
	statuses, err := store.AllAnnotatorStatuses()
	if err != nil {
		return nil, fmt.Errorf("export: read statuses: %w", err)
	}
	byArticle := map[uint64][]storage.AnnotatorStatus{}
	for _, st := range statuses {
		byArticle[st.ArticleID] = append(byArticle[st.ArticleID], st)
	}
	theirs := func(name string) bool { return strings.EqualFold(name, annotator) }
	own := make(map[uint64]storage.Status, len(byArticle))
	for id, set := range byArticle {
		own[id] = storage.Standing(set, theirs)
	}
	return own, nil
}

// chooseLabels keeps the store's labels named in names, in the store's
// order; no names keeps them all.
func chooseLabels(all []storage.Label, names []string) ([]storage.Label, error) {
	if len(names) == 0 {
		return all, nil
	}
	byName := make(map[string]storage.Label, len(all))
	known := make([]string, len(all))
	for i, l := range all {
		byName[l.Name] = l
		known[i] = l.Name
	}
	keep := make(map[string]bool, len(names))
	for _, n := range names {
		n = strings.TrimSpace(n)
		if _, ok := byName[n]; !ok {
			return nil, fmt.Errorf("export: unknown label %q (labels: %s)", n, strings.Join(known, ", "))
		}
		keep[n] = true
	}
	var out []storage.Label
	for _, l := range all {
		if keep[l.Name] {
			out = append(out, l)
		}
	}
	return out, nil
}

// labelsUsed is the dataset's labels plus any label a claim uses that the
// list lacks (a Dataset built by hand may omit them), so configuration
// files always declare every label the data holds.
func (d Dataset) labelsUsed() []storage.Label {
	out := append([]storage.Label(nil), d.Labels...)
	seen := make(map[string]bool, len(out))
	for _, l := range out {
		seen[l.Name] = true
	}
	for _, doc := range d.Docs {
		for _, c := range doc.Claims {
			if !seen[c.Label] {
				seen[c.Label] = true
				out = append(out, storage.Label{Name: c.Label, Colour: storage.UnknownLabelColour})
			}
		}
	}
	return out
}
