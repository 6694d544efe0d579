//go:build !linux

package search

import "unsafe"

// adviseHugePages does nothing where huge pages are not asked for this way.
func adviseHugePages(unsafe.Pointer, uintptr) {}
