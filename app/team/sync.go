package team

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
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
