// Package atomicfile replaces a file so that whoever reads it, or finds it
// after a kill or a power cut, finds the old file or the whole new one,
// never part of it: the new content goes into a temporary file beside the
// old, is put on disk, and is renamed over it. The window's memory, the
// team folder's files and `claimdesk classify -o` all write so.
package atomicfile

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Options say how a file is written.
type Options struct {
	// Pattern names the temporary file, as os.CreateTemp's pattern ("*"
	// is replaced by a random string): a writer that sweeps its own
	// leftovers in a shared folder knows them by it. "" is ".NAME.*".
	Pattern string
	// Perm is the new file's permission bits; 0 keeps CreateTemp's 0600.
	Perm os.FileMode
	// Fast leaves out putting the file and the folder on disk: a kill
	// still leaves the old file or the new one (its data is in the
	// system's cache), and only a power cut can leave a short file. For
	// files that are written by the thousand and can be made again.
	Fast bool
}

// Write replaces the file at path with what write writes. When write
// fails the old file stays as it was, and write's error is returned.
func Write(path string, opts Options, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	pattern := opts.Pattern
	if pattern == "" {
		pattern = "." + filepath.Base(path) + ".*"
	}
	tmp, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	name := tmp.Name()
	buffered := bufio.NewWriter(tmp)
	err = write(buffered)
	if err == nil {
		err = buffered.Flush()
	}
	if err == nil && !opts.Fast {
		err = tmp.Sync()
	}
	if closeErr := tmp.Close(); err == nil {
		err = closeErr
	}
	if err == nil && opts.Perm != 0 {
		err = os.Chmod(name, opts.Perm)
	}
	if err == nil {
		err = os.Rename(name, path)
	}
	if err != nil {
		_ = os.Remove(name)
		return fmt.Errorf("write %s: %w", path, err)
	}
	if !opts.Fast {
		SyncFolder(dir)
	}
	return nil
}

// WriteBytes is Write of data.
func WriteBytes(path string, opts Options, data []byte) error {
	return Write(path, opts, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// SyncFolder asks the system to put a folder's entries on disk, so that a
// rename in it survives a power cut. It is best effort: not every system
// can sync a folder.
func SyncFolder(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}
