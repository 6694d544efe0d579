//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly || illumos

package export

import (
	"errors"
	"os"
	"syscall"
)

// lockOwner takes the owner file's lock, waiting while a sweeper holds it
// for the moment it takes to see the folder is alive. The system drops the
// lock when the process ends, however it ends: kill -9 included.
func lockOwner(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

// tryLockOwner takes the lock of another staging folder's owner file if
// nobody holds it; false means its export is running.
func tryLockOwner(f *os.File) (bool, error) {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, syscall.EWOULDBLOCK):
		return false, nil
	}
	return false, err
}
