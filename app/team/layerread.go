package team

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"

	"claimdesk/storage"
)

// readOtherLayers reads each other annotator's layer file that changed
// since the last sync into the store. Files are read and checked in
// parallel, as many at once as there are processors, while the store takes
// the ones already checked, one transaction each, in name order.
func readOtherLayers(ctx context.Context, store *storage.Store, f *folder, m *storage.TeamMembership, report *SyncReport, progress func(SyncProgress)) error {
	names, conflicts, err := f.layerFiles()
	if err != nil {
		return err
	}
	noteConflicts(conflicts, m, report)
	if m.Imported == nil {
		m.Imported = map[string]string{}
	}
	// The layers this store writes are not read back: its own, and gold
	// where it adjudicates.
	others := slices.DeleteFunc(names, func(n string) bool { return n == m.Annotator || (m.Adjudicator && n == Gold) })
	copies, err := store.ClaimsFingerprints(others...)
	if err != nil {
		return err
	}
	var pending []*checkedLayer
	for _, name := range others {
		// A copy changed here (an import under their name) is replaced too.
		if hash := f.fileHash(layerPath(name)); hash != "" && hash+" "+copies[name] == m.Imported[name] {
			report.Layers = append(report.Layers, LayerReport{Annotator: name, Unchanged: true})
			continue
		}
		pending = append(pending, &checkedLayer{name: name, ready: make(chan struct{})})
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go checkLayers(ctx, store, f, pending)
	for i, c := range pending {
		progress(SyncProgress{Step: "reading " + c.name + "'s layer", Done: i, Total: len(pending)})
		if err := ctx.Err(); err != nil {
			return err
		}
		select {
		case <-c.ready:
		case <-ctx.Done():
			return ctx.Err()
		}
		if c.err != nil {
			report.Problems = append(report.Problems, c.err)
			continue
		}
		replaced, err := importLayer(store, c.name, c.items, c.missing, &report.LabelsAdded)
		if err != nil {
			report.Problems = append(report.Problems, err)
			continue
		}
		copies, err := store.ClaimsFingerprints(c.name)
		if err != nil {
			return err
		}
		m.Imported[c.name] = c.hash + " " + copies[c.name]
		report.Layers = append(report.Layers, LayerReport{Annotator: c.name, LayerReplacement: replaced})
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	slices.SortFunc(report.Layers, func(a, b LayerReport) int { return strings.Compare(a.Annotator, b.Annotator) })
	progress(SyncProgress{Step: "done", Done: len(pending), Total: len(pending)})
	return nil
}

// checkedLayer is one layer file read and checked, or why it could not be;
// ready closes when it is.
type checkedLayer struct {
	name    string
	ready   chan struct{}
	hash    string
	items   []storage.LayerArticle
	missing []string
	err     error
}

// checkLayers reads and checks layer files, as many at once as there are
// processors, closing each one's ready when it is done.
func checkLayers(ctx context.Context, store *storage.Store, f *folder, layers []*checkedLayer) {
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	for _, c := range layers {
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			return
		}
		go func() {
			defer func() { <-slots; close(c.ready) }()
			var layer layerFile
			layer, c.hash, c.err = f.readLayer(c.name)
			if c.err == nil {
				c.items, c.missing, c.err = checkLayer(ctx, store, f, layer)
			}
		}()
	}
}

// importLayer puts a checked layer in place of the store's copy of it, in
// one transaction. Labels the store lacks are added first (a label is the
// store's, not a layer's; an extra one harms nothing should the layer then
// be refused).
func importLayer(store *storage.Store, name string, items []storage.LayerArticle, missing []string, labelsAdded *[]string) (storage.LayerReplacement, error) {
	labels, err := newLabelAdder(store)
	if err != nil {
		return storage.LayerReplacement{}, err
	}
	for _, label := range missing {
		if err := labels.add(label); err != nil {
			return storage.LayerReplacement{}, &FileError{File: layerPath(name), Err: err}
		}
	}
	if labelsAdded != nil {
		*labelsAdded = append(*labelsAdded, labels.added...)
	}
	replaced, err := store.ReplaceLayer(name, items)
	if err != nil {
		return replaced, &FileError{File: layerPath(name), Err: err}
	}
	return replaced, nil
}

// checkLayer checks every claim of a layer file against its article's
// text, from the store or else from the folder, and returns the layer as
// the store takes it and the labels it uses that the store lacks. It
// writes nothing; a problem names the file's line.
func checkLayer(ctx context.Context, store *storage.Store, f *folder, layer layerFile) ([]storage.LayerArticle, []string, error) {
	rel := layerPath(layer.Annotator)
	labels, err := store.Labels()
	if err != nil {
		return nil, nil, err
	}
	known := map[string]bool{}
	for _, l := range labels {
		known[l.Name] = true
	}
	var missing []string
	items := make([]storage.LayerArticle, 0, len(layer.Articles))
	for _, a := range layer.Articles {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		art, err := articleForLayer(store, f, a)
		if err != nil {
			return nil, nil, &FileError{File: rel, Line: a.Line, Err: err}
		}
		offsets := runeOffsets(art.Text)
		for i, c := range a.Claims {
			if err := checkSpan(art.Text, offsets, c); err != nil {
				return nil, nil, &FileError{File: rel, Line: a.ClaimLines[i], Err: err}
			}
			label := strings.TrimSpace(c.Label)
			if known[label] {
				continue
			}
			if storage.LabelName(label) != label {
				return nil, nil, &FileError{File: rel, Line: a.ClaimLines[i],
					Err: fmt.Errorf("label %q is no label name (no white space, at most %d characters)", label, storage.MaxLabelName)}
			}
			known[label] = true
			missing = append(missing, label)
		}
		art.Status = a.Status // the layer's annotator's own, which ReplaceLayer records as theirs
		items = append(items, storage.LayerArticle{Article: art, Claims: a.Claims})
	}
	return items, missing, nil
}

// articleForLayer is the stored article a layer names, or, where the store
// lacks it, the article as the folder has it.
func articleForLayer(store *storage.Store, f *folder, a layerArticle) (storage.Article, error) {
	stored, ok, err := store.ArticleByHash(a.Hash)
	if err != nil || ok {
		return stored, err
	}
	text, err := f.readArticle(a.Hash)
	if err != nil {
		return storage.Article{}, err
	}
	return storage.Article{Title: a.Title, Source: a.Source, Text: text, SHA256: a.Hash, Added: a.Added, Meta: a.Meta}, nil
}

// checkSpan refuses a claim whose span does not fit the text or whose
// quote is not the text there, before the store would, so that the refusal
// can name the claim's line. offsets are the text's runeOffsets.
func checkSpan(text string, offsets []int, c storage.Claim) error {
	n := len(offsets) - 1 // code points
	if c.End > n {
		return fmt.Errorf("span %d–%d does not fit the article's %d characters", c.Start, c.End, n)
	}
	if quote := text[offsets[c.Start]:offsets[c.End]]; c.Quote != "" && c.Quote != quote {
		return fmt.Errorf("quote %q is not the text at %d–%d, which reads %q", c.Quote, c.Start, c.End, quote)
	}
	return nil
}

// runeOffsets gives the byte offset of every code point of text and of its
// end, so that a hundred claims of an article are cut from it without
// walking it a hundred times.
func runeOffsets(text string) []int {
	offsets := make([]int, 0, len(text)+1)
	for i := range text {
		offsets = append(offsets, i)
	}
	return append(offsets, len(text))
}

// labelAdder adds the labels a layer uses that the store lacks, each in a
// colour of its own.
type labelAdder struct {
	store  *storage.Store
	labels []storage.Label
	added  []string
}

func newLabelAdder(store *storage.Store) (*labelAdder, error) {
	labels, err := store.Labels()
	if err != nil {
		return nil, err
	}
	return &labelAdder{store: store, labels: labels}, nil
}

// add adds a label unless the store has it (another layer of the same sync
// may have brought it).
func (la *labelAdder) add(name string) error {
	for _, l := range la.labels {
		if l.Name == name {
			return nil
		}
	}
	l := storage.Label{Name: name, Colour: storage.NextLabelColour(la.labels), Description: "came with a team layer"}
	if err := la.store.AddLabel(l); err != nil {
		return err
	}
	la.labels = append(la.labels, l)
	la.added = append(la.added, name)
	return nil
}
