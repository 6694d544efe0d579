package dataset

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// unit is one thing to import: a file, or a brat pair under its .ann name,
// or what went wrong finding it.
type unit struct {
	path    string
	failure error  // the path cannot be read
	skip    string // the reason a file found in a folder is left out
}

// collect expands folders (recursively, hidden entries left out, files in
// name order) and pairs brat files: a .txt with a .ann of the same name
// next to it is the text of that pair, imported once under the .ann.
// A file named twice is imported once.
func collect(paths []string) []unit {
	var units []unit
	seen := map[string]bool{}
	add := func(u unit) {
		if u.failure == nil && u.skip == "" && formatOf(u.path) == formatText {
			if ann := siblingWithExt(u.path, ".ann"); fileExists(ann) {
				u.path = ann
			}
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
			add(unit{path: p, failure: fileProblem(p, err)})
		case info.IsDir():
			walkFolder(p, add)
		default:
			add(unit{path: p})
		}
	}
	return units
}

func walkFolder(root string, add func(unit)) {
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			add(unit{path: path, failure: fileProblem(path, err)})
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
		case d.Type()&fs.ModeSymlink != 0 && !fileExists(path):
			add(unit{path: path, skip: "a link to a folder or to nothing (links to folders are not followed)"})
		case !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0:
			add(unit{path: path, skip: "not a regular file"})
		case formatOf(path) == formatUnknown:
			add(unit{path: path, skip: skipReason(path)})
		default:
			add(unit{path: path})
		}
		return nil
	})
}

func skipReason(path string) string {
	if ext := filepath.Ext(path); ext != "" {
		return "not a format Claimdesk imports (" + ext + ")"
	}
	return "not a format Claimdesk imports (no extension)"
}
