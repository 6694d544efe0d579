package team

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"claimdesk/app/atomicfile"
	"claimdesk/storage"
)

// ErrNotJoined is returned by Sync and Status for a store that has joined
// no team folder.
var ErrNotJoined = errors.New("this store has joined no team folder: claimdesk team join DIR --as NAME")

// SyncProgress is told to the caller of Sync as it goes: Step says what it is
// doing, Done of Total how far (both 0 where there is nothing to count).
type SyncProgress struct {
	Step  string
	Done  int
	Total int
}

// SyncReport is what a sync did.
type SyncReport struct {
	Folder    string `json:"folder"`
	Annotator string `json:"annotator"`
	// Wrote tells whether this annotator's layer file changed;
	// ArticlesWritten counts the article texts the folder lacked.
	Wrote           bool `json:"wrote"`
	ArticlesWritten int  `json:"articles_written"`
	// Adjudicator: this member writes the gold layer; WroteGold tells
	// whether claims/gold.jsonl changed.
	Adjudicator bool `json:"adjudicator,omitempty"`
	WroteGold   bool `json:"wrote_gold,omitempty"`
	// Conflicts are the conflict copies of layer files that appeared since
	// the last sync (Syncthing's claims/NAME.sync-conflict-….jsonl), each
	// reported once; team status lists every one still there.
	Conflicts   []string      `json:"conflicts,omitempty"`
	Git         *GitReport    `json:"git,omitempty"`
	Layers      []LayerReport `json:"layers"`
	LabelsAdded []string      `json:"labels_added,omitempty"`
	// Problems are the layer files skipped, each named by file and line;
	// the store keeps its previous copy of those layers.
	Problems []error `json:"-"`
}

// LayerReport is what became of one other annotator's layer.
type LayerReport struct {
	Annotator string `json:"annotator"`
	// Unchanged: the file is the one read last time, so it was not read.
	Unchanged bool `json:"unchanged"`
	storage.LayerReplacement
}

// syncing keeps two syncs of one process from running at once (the window
// syncs on start and after changes): they would race on git's index.
var syncing sync.Mutex

// Join ties the store to a team folder under an annotator's name, which
// Sync then uses. dir is made if it does not exist. If the folder holds a
// layer of that name already and the store none, the store takes it (the
// same analyst on a new machine); if both hold different claims, Join
// refuses rather than let the next sync overwrite either.
//
// adjudicator makes this member the one who writes the team's gold layer,
// claims/gold.jsonl; the others read it, read-only. An adjudicator taking
// over a folder's gold takes its claims as its layer of its own is taken;
// a member who does not adjudicate may not bring gold claims the folder's
// gold would replace.
func Join(ctx context.Context, store *storage.Store, dir, name string, adjudicator bool) error {
	if err := checkName(name); err != nil {
		return err
	}
	if name == Gold {
		return fmt.Errorf("annotator name %q: gold is the adjudicated layer's name; join --adjudicator to write it", name)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("team folder %s: %w", dir, err)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return fmt.Errorf("team folder: %w", err)
	}
	old, _, err := store.TeamMembership()
	if err != nil {
		return err
	}
	f := newFolder(abs, name)
	if _, err := os.Stat(f.abs(layerPath(name))); err == nil {
		if err := takeLayer(ctx, store, f, name, "join under another name (--as), so that neither is overwritten"); err != nil {
			return err
		}
	}
	m := storage.TeamMembership{Folder: abs, Annotator: name, Joined: time.Now().UTC()}
	if old.Folder == abs && old.Annotator == name {
		m = old
	}
	goldFile := f.fileHash(layerPath(Gold))
	switch {
	case adjudicator && goldFile != "" && goldFile != m.WrittenGoldFile:
		if err := takeLayer(ctx, store, f, Gold, "export this store's gold first (claimdesk export --annotator gold), or adjudicate in a store without gold claims"); err != nil {
			return err
		}
		// The file taken is the one this store may overwrite: its next
		// sync writes gold under this member's name.
		m.WrittenGold, m.WrittenGoldFile = "", goldFile
	case !adjudicator && !(old.Folder == abs && !old.Adjudicator):
		if err := checkGoldKept(store, f); err != nil {
			return err
		}
	}
	m.Adjudicator = adjudicator
	return store.SetTeamMembership(m)
}

// checkGoldKept refuses a member who does not adjudicate when the store
// holds gold claims the folder's gold would replace at the next sync.
func checkGoldKept(store *storage.Store, f *folder) error {
	mine, err := store.Layer(Gold)
	if err != nil {
		return err
	}
	stored := layerOf(Gold, mine)
	if stored.claims() == 0 {
		return nil
	}
	layer := layerFile{Annotator: Gold}
	if _, err := os.Stat(f.abs(layerPath(Gold))); err == nil {
		if layer, _, err = f.readLayer(Gold); err != nil {
			return err
		}
	}
	if !sameClaims(stored, layer) {
		return fmt.Errorf("this store holds %s of gold, which the team's gold (%s, written by its adjudicator) would replace at the next sync: "+
			"join with --adjudicator to write gold, or export this store's gold first (claimdesk export --annotator gold)",
			storage.Plural(stored.claims(), "claim"), layerPath(Gold))
	}
	return nil
}

// takeLayer reads the folder's layer of name into a store that holds none
// of its claims, and refuses, saying what to do instead, when the store
// holds others.
func takeLayer(ctx context.Context, store *storage.Store, f *folder, name, instead string) error {
	layer, _, err := f.readLayer(name)
	if err != nil {
		return fmt.Errorf("the folder already holds a layer of %s, which cannot be read: %w", name, err)
	}
	mine, err := store.Layer(name)
	if err != nil {
		return err
	}
	stored := layerOf(name, mine)
	if stored.claims() == 0 {
		items, missing, err := checkLayer(ctx, store, f, layer)
		if err == nil {
			_, err = importLayer(store, name, items, missing, nil)
		}
		return err
	}
	if !sameClaims(stored, layer) {
		return fmt.Errorf("%s already holds a layer of %s (%s) and this store holds other claims of %s (%s): %s",
			f.abs(layerPath(name)), name, storage.Plural(layer.claims(), "claim"), name, storage.Plural(stored.claims(), "claim"), instead)
	}
	return nil
}

// sameClaims tells whether two layers hold the same claims.
func sameClaims(a, b layerFile) bool {
	count := map[string]int{}
	key := func(hash string, c storage.Claim) string {
		return fmt.Sprintf("%s|%d|%d|%q|%q|%q|%q", hash, c.Start, c.End, c.Label, c.Speaker, c.Target, c.Note)
	}
	for _, art := range a.Articles {
		for _, c := range art.Claims {
			count[key(art.Hash, c)]++
		}
	}
	for _, art := range b.Articles {
		for _, c := range art.Claims {
			count[key(art.Hash, c)]--
		}
	}
	for _, n := range count {
		if n != 0 {
			return false
		}
	}
	return true
}

// Sync exchanges layers with the team folder the store joined: it writes
// this annotator's layer and the texts of articles the folder lacks; in a
// git work tree it commits them, pulls with rebase and pushes; then it
// reads every other annotator's layer into the store, each replacing the
// previous copy whole, adding the articles the store lacks. A layer file
// that cannot be read whole is skipped and named in Report.Problems, the
// previous copy kept. ctx cancels it between files and git commands:
// what was written stays consistent (each file and each layer is replaced
// whole), and the next sync completes the rest. progress may be nil.
func Sync(ctx context.Context, store *storage.Store, progress func(SyncProgress)) (SyncReport, error) {
	syncing.Lock()
	defer syncing.Unlock()
	return syncWith(ctx, store, progress, nil)
}

// syncWith is Sync with the folder's file writer replaceable by tests.
func syncWith(ctx context.Context, store *storage.Store, progress func(SyncProgress), writeFile func(string, []byte) error) (SyncReport, error) {
	if progress == nil {
		progress = func(SyncProgress) {}
	}
	m, ok, err := store.TeamMembership()
	if err != nil {
		return SyncReport{}, err
	}
	if !ok {
		return SyncReport{}, ErrNotJoined
	}
	report := SyncReport{Folder: m.Folder, Annotator: m.Annotator, Layers: []LayerReport{}}
	f := newFolder(m.Folder, m.Annotator)
	if writeFile != nil {
		f.writeFile, f.writeText = writeFile, writeFile
	}
	if info, err := os.Stat(m.Folder); err != nil {
		return report, fmt.Errorf("the team folder is not there (a disk not mounted, a share not connected?): %w", err)
	} else if !info.IsDir() {
		return report, fmt.Errorf("the team folder %s is a file, not a folder", m.Folder)
	}
	if err := f.prepare(); err != nil {
		return report, err
	}
	progress(SyncProgress{Step: "writing your layer"})
	if err := writeOwnLayer(store, f, &m, &report); err != nil {
		return report, err
	}
	ownFiles := []string{layerPath(m.Annotator), articlesFolder}
	if report.Adjudicator = m.Adjudicator; m.Adjudicator {
		progress(SyncProgress{Step: "writing the gold layer"})
		if err := writeGoldLayer(store, f, &m, &report); err != nil {
			if !isFileError(err) {
				return report, err
			}
			report.Problems = append(report.Problems, err)
		}
		ownFiles = append(ownFiles, layerPath(Gold))
	}
	if err := ctx.Err(); err != nil {
		return report, err
	}
	repo, err := openGit(ctx, m.Folder, m.Annotator)
	if err != nil {
		return report, err
	}
	if repo != nil {
		progress(SyncProgress{Step: "exchanging through git"})
		report.Git = &GitReport{}
		message := fmt.Sprintf("claimdesk: %s's layer", m.Annotator)
		if report.Git.Committed, err = repo.commit(ctx, message, ownFiles...); err != nil {
			return report, err
		}
		if err := repo.exchange(ctx, report.Git); err != nil {
			return report, err
		}
	}
	if err := readOtherLayers(ctx, store, f, &m, &report, progress); err != nil {
		return report, err
	}
	m.LastSync = time.Now().UTC()
	return report, store.SetTeamMembership(m)
}

// writeOwnLayer writes the texts of the store's articles the folder lacks,
// then this annotator's layer: a reader never meets a claim whose text has
// not been written. A layer unchanged since it was last written, whose
// file is still the one written, is neither read nor written again.
func writeOwnLayer(store *storage.Store, f *folder, m *storage.TeamMembership, report *SyncReport) error {
	wrote, err := writeLayer(store, f, layerWrite{name: f.annotator, fingerprint: &m.WrittenLayer, file: &m.WrittenFile}, report)
	report.Wrote = wrote
	return err
}

// layerWrite is one layer a member writes to the folder, with where the
// membership keeps what was last written of it.
type layerWrite struct {
	name, writtenBy   string
	fingerprint, file *string
}

// writeLayer writes a layer's article texts the folder lacks, then the
// layer file, unless both the layer and its file are as last written.
func writeLayer(store *storage.Store, f *folder, lw layerWrite, report *SyncReport) (bool, error) {
	fingerprint, err := store.LayerFingerprint(lw.name)
	if err != nil {
		return false, err
	}
	if fingerprint == *lw.fingerprint && f.fileHash(layerPath(lw.name)) == *lw.file {
		return false, nil
	}
	articles, err := store.Layer(lw.name)
	if err != nil {
		return false, err
	}
	written := 0
	for _, la := range articles {
		if f.hasArticle(la.Article.SHA256, len(la.Article.Text)) {
			continue
		}
		if err := f.writeText(f.abs(articlePath(la.Article.SHA256)), []byte(la.Article.Text)); err != nil {
			return false, err
		}
		written++
	}
	if written > 0 {
		atomicfile.SyncFolder(f.abs(articlesFolder))
		report.ArticlesWritten += written
	}
	layer := layerOf(lw.name, articles)
	layer.WrittenBy = lw.writtenBy
	data, err := layer.encode()
	if err != nil {
		return false, fmt.Errorf("%s's layer: %w", lw.name, err)
	}
	wrote, err := f.writeIfChanged(layerPath(lw.name), data)
	if err != nil {
		return wrote, err
	}
	*lw.fingerprint, *lw.file = fingerprint, hashBytes(data)
	return wrote, nil
}

// writeGoldLayer writes the gold layer, claims/gold.jsonl, which the
// team's adjudicator alone writes: its header names who. A gold file
// another member wrote since this store last wrote or took it is left
// alone and reported: two adjudicators would overwrite each other's work.
func writeGoldLayer(store *storage.Store, f *folder, m *storage.TeamMembership, report *SyncReport) error {
	if hash := f.fileHash(layerPath(Gold)); hash != "" && hash != m.WrittenGoldFile {
		layer, _, err := f.readLayer(Gold)
		if err != nil {
			return err
		}
		if layer.WrittenBy != m.Annotator {
			return &FileError{File: layerPath(Gold), Line: 1, Err: fmt.Errorf("written by %s, not by you: a team has one adjudicator. "+
				"Join again without --adjudicator to read their gold, or with it to take the file over", writerName(layer.WrittenBy))}
		}
	}
	wrote, err := writeLayer(store, f, layerWrite{name: Gold, writtenBy: m.Annotator, fingerprint: &m.WrittenGold, file: &m.WrittenGoldFile}, report)
	report.WroteGold = wrote
	return err
}

// writerName is who wrote a gold file, as messages say it.
func writerName(by string) string {
	if by == "" {
		return "someone else (the file names nobody)"
	}
	return by
}

func isFileError(err error) bool {
	var fe *FileError
	return errors.As(err, &fe)
}

// noteConflicts puts in the report the conflict copies that appeared since
// the last sync, and remembers every one still there, so each is reported
// once.
func noteConflicts(conflicts []string, m *storage.TeamMembership, report *SyncReport) {
	for _, c := range conflicts {
		if !slices.Contains(m.Conflicts, c) {
			report.Conflicts = append(report.Conflicts, c)
		}
	}
	m.Conflicts = conflicts
}

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
