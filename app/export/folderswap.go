package export

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// folderSwap replaces a folder export's destination as a whole: the new
// folder is written beside it, in a hidden holder folder of the same
// parent (so the renames stay on one file system), and swapped in only
// when complete. Files of articles deleted since the last export do not
// linger, and a failed or cancelled export leaves the old folder whole.
type folderSwap struct {
	dest   string   // the folder replaced or created
	holder string   // hidden folder beside dest: the new folder, then the old one
	fresh  string   // the new folder, inside holder
	made   []string // parents of dest that newFolderSwap created, innermost first
	owner  *os.File // the locked owner file of holder, see stale.go
}

// previousName is where, inside the holder, the old folder waits between
// the two renames of commit.
const previousName = "previous"

// newFolderSwap prepares the new folder for dest. An existing dest must
// pass replaceable, which refuses a folder holding what the export did not
// write; a new folder takes the old one's permissions.
func newFolderSwap(dest string, replaceable func(dir string) error) (*folderSwap, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, fmt.Errorf("export: %s: %w", dest, err)
	}
	sweepStaleSwaps(abs, "") // first: it may put dest back
	info, err := os.Stat(dest)
	switch {
	case err == nil && !info.IsDir():
		return nil, fmt.Errorf("export: %s is a file, not a folder", dest)
	case err == nil:
		if err := replaceable(dest); err != nil {
			return nil, err
		}
	default:
		info = nil
	}
	parent := filepath.Dir(abs)
	s := &folderSwap{dest: dest, made: missingDirs(parent)}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		s.removeMade()
		return nil, fmt.Errorf("export: cannot create folder %s: %w", dest, unwrapPath(err))
	}
	if s.holder, err = os.MkdirTemp(parent, holderPrefix(abs)+"*"); err != nil {
		s.removeMade()
		return nil, fmt.Errorf("export: cannot write in %s: %w", parent, unwrapPath(err))
	}
	if s.owner, err = claimStage(s.holder); err != nil {
		s.abort()
		return nil, fmt.Errorf("export: cannot write in %s: %w", parent, unwrapPath(err))
	}
	s.fresh = filepath.Join(s.holder, filepath.Base(abs))
	mode := fs.FileMode(0o755) // before the umask, like a folder any program makes
	if info != nil {
		mode = info.Mode().Perm()
	}
	err = os.Mkdir(s.fresh, mode)
	if err == nil && info != nil {
		err = os.Chmod(s.fresh, mode) // the umask may have taken bits the old folder had
	}
	if err != nil {
		s.abort()
		return nil, fmt.Errorf("export: cannot write in %s: %w", parent, unwrapPath(err))
	}
	return s, nil
}

// commit swaps the new folder in for the old one, which is then removed,
// and returns files (paths in the new folder) as paths under dest. Should
// the new folder not go into place, the old one is put back.
func (s *folderSwap) commit(files []string) ([]string, error) {
	previous := filepath.Join(s.holder, previousName)
	_, err := os.Lstat(s.dest)
	hadOld := err == nil
	if hadOld {
		if err := os.Rename(s.dest, previous); err != nil {
			s.abort()
			return nil, fmt.Errorf("export: cannot replace %s: %w", s.dest, unwrapPath(err))
		}
	}
	if err := os.Rename(s.fresh, s.dest); err != nil {
		if hadOld {
			_ = os.Rename(previous, s.dest)
		}
		s.abort()
		return nil, fmt.Errorf("export: cannot move the new %s into place: %w", s.dest, unwrapPath(err))
	}
	syncDir(filepath.Dir(s.holder))
	moved := make([]string, len(files))
	for i, f := range files {
		rel, err := filepath.Rel(s.fresh, f)
		if err != nil {
			rel = filepath.Base(f)
		}
		moved[i] = filepath.Join(s.dest, rel)
	}
	err = os.RemoveAll(s.holder)
	s.release()
	if err != nil {
		return moved, fmt.Errorf("export: %s is written, but the previous folder, moved to %s, could not be removed: %w", s.dest, previous, err)
	}
	return moved, nil
}

// abort removes the new folder and what newFolderSwap created; dest is
// left as it was.
func (s *folderSwap) abort() {
	_ = os.RemoveAll(s.holder)
	s.release()
	s.removeMade()
}

func (s *folderSwap) release() {
	if s.owner != nil {
		_ = s.owner.Close()
		s.owner = nil
	}
}

// holderPrefix is the name, before its random part, of the hidden holder
// folders beside dest (an absolute path).
func holderPrefix(dest string) string {
	return "." + filepath.Base(dest) + ".claimdesk-export-"
}

// sweepStaleSwaps removes the holder folders that killed exports of dest
// left beside it, except own. One killed between the renames of commit
// holds the analyst's old folder while dest is missing: that is put back
// first.
func sweepStaleSwaps(dest, own string) {
	parent := filepath.Dir(dest)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		holder := filepath.Join(parent, e.Name())
		if !e.IsDir() || !strings.HasPrefix(e.Name(), holderPrefix(dest)) || holder == own {
			continue
		}
		removeIfStale(holder, func() {
			if _, err := os.Lstat(dest); os.IsNotExist(err) {
				_ = os.Rename(filepath.Join(holder, previousName), dest)
			}
		})
	}
}

func (s *folderSwap) removeMade() {
	for _, dir := range s.made {
		if os.Remove(dir) != nil {
			return
		}
	}
}

// isStagingName reports whether a file name is one of an export's own
// staging folders, which a crashed export may leave behind.
func isStagingName(name string) bool {
	return strings.Contains(name, ".claimdesk-export-")
}
