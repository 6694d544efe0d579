package export

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// An export killed while it writes (kill -9, a power cut) leaves its
// staging folder behind: partial files, up to the size of the whole
// export, inside the folder the analyst chose. The next export into the
// same folder removes such folders, and only those: each export holds a
// lock on the owner file in its staging folder for as long as it runs, and
// the system drops the lock when the process ends, however it ends. A
// process id would not do: the id of a killed export is soon another
// process's, while a lock cannot outlive its holder.

// ownerlessAge is how long a staging folder without an owner file must
// have seen no write before it counts as stale. Claimdesk wrote such
// folders before owner files existed; an export that is creating its
// owner file this very moment has just created the folder.
const ownerlessAge = time.Hour

// emptyOwnerAge is how long an owner file may stay empty. The owner writes
// it the moment it holds the lock, so an older empty one was left by a
// process killed between creating the file and locking it.
const emptyOwnerAge = time.Minute

// claimStage creates the owner file of a new staging folder and takes its
// lock for this process. It then writes who holds it, for a person who
// finds the folder; sweepers read that it is not empty, nothing more.
func claimStage(stage string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(stage, ownerFile), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	if err := lockOwner(f); err != nil {
		_ = f.Close()
		return nil, err
	}
	host, _ := os.Hostname()
	if _, err := fmt.Fprintf(f, "claimdesk export, process %d on %s, started %s\n",
		os.Getpid(), host, time.Now().Format(time.RFC3339)); err != nil {
		_ = f.Close()
		return nil, err
	}
	return f, nil
}

// sweepStale removes the staging folders in root whose export is gone,
// except own. It is best effort: a folder it cannot judge or remove stays,
// and the export goes on.
func sweepStale(root, own string) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return
	}
	for _, e := range entries {
		dir := filepath.Join(root, e.Name())
		if !e.IsDir() || !strings.HasPrefix(e.Name(), stagePrefix) || dir == own {
			continue
		}
		removeIfStale(dir, nil)
	}
}

// removeIfStale removes the staging folder dir if its export is gone,
// holding the folder's lock while it does, so no export can take it up.
// rescue, if given, runs first, to put back what the folder holds of the
// analyst's.
func removeIfStale(dir string, rescue func()) {
	f, err := os.OpenFile(filepath.Join(dir, ownerFile), os.O_RDWR, 0)
	if os.IsNotExist(err) {
		if newest, ok := newestChange(dir); ok && time.Since(newest) > ownerlessAge {
			if rescue != nil {
				rescue()
			}
			_ = os.RemoveAll(dir)
		}
		return
	}
	if err != nil {
		return
	}
	defer f.Close()
	free, err := tryLockOwner(f)
	if err != nil || !free {
		return
	}
	info, err := f.Stat()
	if err != nil || info.Size() == 0 && time.Since(info.ModTime()) < emptyOwnerAge {
		return // its export has created the file and is about to lock it
	}
	if rescue != nil {
		rescue()
	}
	_ = os.RemoveAll(dir)
}

// newestChange is the latest modification time of dir and everything in
// it: a running export writes its files continually.
func newestChange(dir string) (time.Time, bool) {
	var newest time.Time
	err := filepath.WalkDir(dir, func(_ string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		if info.ModTime().After(newest) {
			newest = info.ModTime()
		}
		return nil
	})
	return newest, err == nil
}
