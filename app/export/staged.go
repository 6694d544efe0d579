package export

import (
	"bufio"
	"fmt"
	"os"
	"sync"
)

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
