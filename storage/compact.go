package storage

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// CompactReport tells what Compact did: the file's size before and after.
type CompactReport struct {
	Before, After int64
}

// compactTxSize bounds each transaction of the copy, so compacting a store
// of millions of claims does not hold them all in memory at once.
const compactTxSize = 32 << 20

// Compact rewrites the store at path into a new file with no free pages
// and every page full (bbolt's Compact), then puts the new file in its
// place with one rename. It holds the store's lock throughout, so it is
// refused while another process uses the store (ErrLocked), and nobody
// writes meanwhile. The copy is written beside the store, synced to disk,
// and only then renamed over it, and the folder synced: a kill at any
// moment leaves either the old store or the new one, whole, at path, and
// perhaps a stray copy that the next Compact removes. A store that is
// damaged is refused: `claimdesk recover` is for those.
func Compact(path string) (CompactReport, error) {
	var report CompactReport
	src, err := Open(path)
	if err != nil {
		return report, err
	}
	defer src.Close()
	if info, err := os.Stat(path); err == nil {
		report.Before = info.Size()
	}
	removeStrayCopies(path)
	tmp := compactCopyPrefix(path) + strconv.Itoa(os.Getpid())
	if err := writeCompactCopy(src, tmp); err != nil {
		_ = os.Remove(tmp)
		return report, fmt.Errorf("compact %s: %w", path, err)
	}
	if testHookBeforeSwap != nil {
		testHookBeforeSwap()
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return report, fmt.Errorf("compact %s: %w", path, err)
	}
	if err := syncDir(filepath.Dir(path)); err != nil {
		return report, fmt.Errorf("compact %s: the new file is in place, but syncing its folder failed: %w", path, err)
	}
	if info, err := os.Stat(path); err == nil {
		report.After = info.Size()
	}
	return report, nil
}

// testHookBeforeSwap, when set by a test, runs once the copy is on disk
// and before it replaces the store.
var testHookBeforeSwap func()

// compactCopyPrefix is how the names of path's copies begin: hidden, in
// the same folder, so that the rename stays on one file system.
func compactCopyPrefix(path string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".compact-")
}

// removeStrayCopies deletes what a Compact killed midway left behind. Its
// caller holds the store's lock, so no Compact of the store is running.
func removeStrayCopies(path string) {
	prefix := compactCopyPrefix(path)
	matches, _ := filepath.Glob(globEscape(prefix) + "*")
	for _, m := range matches {
		if strings.HasPrefix(m, prefix) {
			_ = os.Remove(m)
		}
	}
}

func globEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "*", `\*`, "?", `\?`, "[", `\[`)
	return r.Replace(s)
}

// writeCompactCopy copies src into a new file at tmp and syncs it.
func writeCompactCopy(src *Store, tmp string) error {
	// Unsynced commits while copying: the file is synced once, whole,
	// before it can replace anything.
	dst, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: DefaultTimeout, NoSync: true})
	if err != nil {
		return err
	}
	dst.AllocSize = allocSize
	err = guard(src.path, func() error { return bolt.Compact(dst, src.db, compactTxSize) })
	if err == nil {
		err = dst.Sync()
	}
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	return err
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
