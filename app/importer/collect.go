package importer

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"claimdesk/app/dataset"
)

// unit is one thing to import: a file, or a brat pair under its .ann name,
// or what went wrong finding it.
type unit struct {
	path    string
	failure error  // the path cannot be read
	skip    string // the reason a file found in a folder is left out
}

// collect expands folders (recursively, hidden entries left out, files in
// name order) and names each file as dataset.ParsedAs does, so the .txt
// and .ann of a brat pair make one unit. A file named twice is imported
// once.
func collect(paths []string) []unit {
	var units []unit
	seen := map[string]bool{}
	add := func(u unit) {
		if u.failure == nil && u.skip == "" {
			u.path = dataset.ParsedAs(u.path)
		}
		key := u.path
		if abs, err := filepath.Abs(u.path); err == nil {
			key = abs
		}
		if !seen[key] {
			seen[key] = true
			units = append(units, u)
		}
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		switch {
		case err != nil:
			add(unit{path: p, failure: dataset.FileProblem(p, err)})
		case info.IsDir():
			walkFolder(p, add)
		case !info.Mode().IsRegular():
			// Opening a named pipe would wait for a writer, with the store's lock held.
			add(unit{path: p, failure: dataset.Problem{File: p, Message: "not a regular file (a named pipe, device or socket)"}})
		default:
			add(unit{path: p})
		}
	}
	return units
}

func walkFolder(root string, add func(unit)) {
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			add(unit{path: path, failure: dataset.FileProblem(path, err)})
			return nil
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		switch {
		case d.IsDir():
		case d.Type()&fs.ModeSymlink != 0 && !linksToFile(path):
			add(unit{path: path, skip: "a link to a folder or to nothing (links to folders are not followed)"})
		case !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0:
			add(unit{path: path, skip: "not a regular file"})
		case !dataset.Supported(path):
			add(unit{path: path, skip: skipReason(path)})
		default:
			add(unit{path: path})
		}
		return nil
	})
}

// linksToFile reports whether a symbolic link leads to a regular file.
func linksToFile(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular()
}

func skipReason(path string) string {
	if ext := filepath.Ext(path); ext != "" {
		return "not a format Claimdesk imports (" + ext + ")"
	}
	return "not a format Claimdesk imports (no extension)"
}
