package storage

import "golang.org/x/sys/unix"

// releaseMapped unmaps the pages of size bytes mapped at data from the
// process (MADV_DONTNEED: a shared file mapping's pages are then read
// again from the page cache when touched).
func releaseMapped(data uintptr, size int64) error {
	if _, _, errno := unix.Syscall(unix.SYS_MADVISE, data, uintptr(size), unix.MADV_DONTNEED); errno != 0 {
		return errno
	}
	return nil
}
