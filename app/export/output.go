package export

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// output stages an export's files in a hidden folder inside the final
// folder (so renames stay on one file system and are atomic) and moves
// them into place only when everything has been written. Until commit,
// files that were at the destination stay exactly as they were.
//
// The staging folder holds the staged tree under files/ and an owner file
// whose lock the export holds until the folder is gone; see sweepStale.
type output struct {
	root   string   // the folder the files end up in
	stage  string   // the staging folder inside root
	staged string   // where the staged tree starts inside stage
	owner  *os.File // the locked owner file of stage
	made   []string // folders newOutput created, innermost first
	files  []string // staged files, relative to root, in the order written
	syncs  syncPool // flushes closed files to disk in the background
}

// Names inside the destination and the staging folder.
const (
	stagePrefix = ".claimdesk-export-"
	ownerFile   = "owner"
	stagedDir   = "files"
)

// newOutput prepares root (creating it when missing) and its staging
// folder, and removes staging folders that killed exports left there. A
// root that cannot be written is reported by name.
func newOutput(root string) (*output, error) {
	if info, err := os.Stat(root); err == nil && !info.IsDir() {
		return nil, fmt.Errorf("export: %s is a file, not a folder", root)
	}
	o := &output{root: root, made: missingDirs(root), syncs: newSyncPool()}
	if err := os.MkdirAll(root, 0o755); err != nil {
		o.removeMade()
		return nil, fmt.Errorf("export: cannot create folder %s: %w", root, unwrapPath(err))
	}
	stage, err := os.MkdirTemp(root, stagePrefix+"*")
	if err != nil {
		o.removeMade()
		return nil, fmt.Errorf("export: cannot write in %s: %w", root, unwrapPath(err))
	}
	o.stage, o.staged = stage, filepath.Join(stage, stagedDir)
	if o.owner, err = claimStage(stage); err != nil {
		_ = os.RemoveAll(stage)
		o.removeMade()
		return nil, fmt.Errorf("export: cannot write in %s: %w", root, unwrapPath(err))
	}
	sweepStale(root, stage)
	return o, nil
}

// missingDirs lists dir and those of its parents that do not exist yet,
// innermost first: what a failed export must take away again.
func missingDirs(dir string) []string {
	var out []string
	for {
		if _, err := os.Lstat(dir); err == nil {
			return out
		}
		out = append(out, dir)
		parent := filepath.Dir(dir)
		if parent == dir {
			return out
		}
		dir = parent
	}
}

// removeMade removes the folders newOutput created, if they are still
// empty, so a failed export into a new folder leaves no trace.
func (o *output) removeMade() {
	for _, dir := range o.made {
		if os.Remove(dir) != nil {
			return
		}
	}
}

// create opens a staged file at rel (slash-separated, relative to root).
func (o *output) create(rel string) (*stagedFile, error) {
	path := filepath.Join(o.staged, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("export: cannot write in %s: %w", o.root, unwrapPath(err))
	}
	// 0666 before the umask, like any file a program saves; the staging
	// folder is new, so O_EXCL never meets a stranger's file.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return nil, fmt.Errorf("export: cannot write %s: %w", o.final(rel), unwrapPath(err))
	}
	o.files = append(o.files, rel)
	return newStagedFile(f, o.final(rel), &o.syncs), nil
}

func (o *output) final(rel string) string {
	return filepath.Join(o.root, filepath.FromSlash(rel))
}

// commit moves every staged file into place and removes the staging
// folder. It first makes sure no file would replace a folder, so a
// predictable refusal happens before anything is touched.
func (o *output) commit() ([]string, error) {
	if err := o.syncs.wait(); err != nil {
		o.abort()
		return nil, err
	}
	for _, rel := range o.files {
		if info, err := os.Lstat(o.final(rel)); err == nil && info.IsDir() {
			o.abort()
			return nil, fmt.Errorf("export: %s is a folder; a file of the export would replace it", o.final(rel))
		}
	}
	done := make([]string, 0, len(o.files))
	for _, rel := range o.files {
		dst := o.final(rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			o.abort()
			return done, fmt.Errorf("export: cannot create folder %s: %w", filepath.Dir(dst), unwrapPath(err))
		}
		if err := os.Rename(filepath.Join(o.staged, filepath.FromSlash(rel)), dst); err != nil {
			o.abort()
			return done, fmt.Errorf("export: cannot move %s into place: %w", dst, unwrapPath(err))
		}
		done = append(done, dst)
	}
	syncDir(o.root)
	o.release()
	return done, os.RemoveAll(o.stage)
}

// copyTo copies the staged file rel to w, once every staged file is
// written and closed. Errors of w are reported as they are: w is the
// caller's (standard output, a closed pipe).
func (o *output) copyTo(w io.Writer, rel string) error {
	if err := o.syncs.wait(); err != nil {
		return err
	}
	f, err := os.Open(filepath.Join(o.staged, filepath.FromSlash(rel)))
	if err != nil {
		return fmt.Errorf("export: cannot read back the staged export: %w", err)
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}

// abort throws the staged files away; the destination is left as it was.
func (o *output) abort() {
	_ = o.syncs.wait() // files still open cannot be removed on every system
	o.release()
	_ = os.RemoveAll(o.stage)
	o.removeMade()
}

// release lets go of the owner file's lock, once nothing staged is left to
// move into place: a sweeper that then takes the folder for stale removes
// only what this export is removing anyway.
func (o *output) release() {
	if o.owner != nil {
		_ = o.owner.Close()
		o.owner = nil
	}
}

// syncDir makes the renames in dir durable where the system allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

// unwrapPath drops the *fs.PathError wrapper, whose path is the staging
// name the user never sees; messages name the real destination instead.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// stagedFile is a buffered file of the staging folder.
type stagedFile struct {
	*bufio.Writer
	f     *os.File
	fw    *fileWriter
	name  string // final path, for error messages
	syncs *syncPool
}

func newStagedFile(f *os.File, name string, syncs *syncPool) *stagedFile {
	fw := &fileWriter{f: f}
	return &stagedFile{Writer: bufio.NewWriterSize(fw, 64<<10), f: f, fw: fw, name: name, syncs: syncs}
}

// fileWriter remembers the first error of the disk, so a format's encoder
// failing halfway can be told apart from a refusal of bad data.
type fileWriter struct {
	f   *os.File
	err error
}

func (w *fileWriter) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	if err != nil && w.err == nil {
		w.err = err
	}
	return n, err
}

// close flushes the buffer and hands the file to the sync pool: its data
// reaches the disk before commit renames it into place, so a crash cannot
// leave an empty file where a good one was.
func (s *stagedFile) close() error {
	if err := s.Flush(); err != nil {
		_ = s.f.Close()
		return fmt.Errorf("export: write %s: %w", s.name, unwrapPath(err))
	}
	s.syncs.sync(s.f, s.name)
	return nil
}

// discard closes the file after a failure; commit will never see it.
func (s *stagedFile) discard() { _ = s.f.Close() }

// maxPendingSyncs bounds the files open at once while waiting for their
// sync: enough to keep the disk busy, far below any limit on open files.
const maxPendingSyncs = 32

// syncPool syncs and closes files in the background. One fsync after
// another made a brat export of a thousand articles five times slower:
// each waited for its own journal commit, while syncs in flight together
// share one.
type syncPool struct {
	slots chan struct{}
	wg    sync.WaitGroup
	mu    sync.Mutex
	err   error
}

func newSyncPool() syncPool { return syncPool{slots: make(chan struct{}, maxPendingSyncs)} }

func (p *syncPool) sync(f *os.File, name string) {
	p.slots <- struct{}{}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		err := f.Sync()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		<-p.slots
		if err != nil {
			p.mu.Lock()
			if p.err == nil {
				p.err = fmt.Errorf("export: write %s: %w", name, unwrapPath(err))
			}
			p.mu.Unlock()
		}
	}()
}

// wait returns once every file handed over is synced and closed, with the
// first error met.
func (p *syncPool) wait() error {
	p.wg.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}
