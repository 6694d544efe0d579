package importer

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"claimdesk/app/dataset"
	"claimdesk/app/web"
)

// unit is one thing to import: a file, or a brat pair under its .ann name,
// a web address, a feed's entry, or what went wrong finding it.
type unit struct {
	path    string
	failure error  // the path cannot be read
	skip    string // the reason a file found in a folder is left out
	// address is a web address to fetch; path then names it in reports.
	address string
	// entry is a feed's entry, imported from its content or its page.
	entry *feedEntry
}

// collect expands folders (recursively, hidden entries left out, files in
// name order) and names each file as dataset.ParsedAs does, so the .txt
// and .ann of a brat pair make one unit. A file named twice is imported
// once. Web addresses, link files (.url, .webloc) named on their own, and
// with addressLists the addresses listed in each file, become address
// units; nothing is fetched yet.
func collect(paths []string, addressLists bool) []unit {
	var units []unit
	seen := map[string]bool{}
	add := func(u unit) {
		if u.failure == nil && u.skip == "" && u.address == "" {
			u.path = dataset.ParsedAs(u.path)
		}
		key := u.path
		if u.address != "" {
			key = u.address
		} else if abs, err := filepath.Abs(u.path); err == nil {
			key = abs
		}
		if !seen[key] {
			seen[key] = true
			units = append(units, u)
		}
	}
	for _, p := range paths {
		if web.IsAddress(p) {
			add(unit{path: strings.TrimSpace(p), address: strings.TrimSpace(p)})
			continue
		}
		info, err := os.Stat(p)
		switch {
		case err != nil && web.HasScheme(p):
			_, refused := web.CheckAddress(p)
			add(unit{path: p, failure: refused})
		case err != nil:
			add(unit{path: p, failure: dataset.FileProblem(p, err)})
		case info.IsDir():
			walkFolder(p, add)
		case !info.Mode().IsRegular():
			// Opening a named pipe would wait for a writer, with the store's lock held.
			add(unit{path: p, failure: dataset.Problem{File: p, Message: "not a regular file (a named pipe, device or socket)"}})
		case addressLists:
			addListed(p, add)
		case web.IsShortcut(p):
			addShortcut(p, add)
		default:
			add(unit{path: p})
		}
	}
	return units
}

// addListed adds every address a list file names; a line that is not an
// address is a failure of its own.
func addListed(path string, add func(unit)) {
	listed, problems, err := web.ReadAddressList(path)
	if err != nil {
		add(unit{path: path, failure: err})
		return
	}
	for _, p := range problems {
		add(unit{path: dataset.Location(path, p.Line), failure: p})
	}
	for _, l := range listed {
		add(unit{path: l.Address, address: l.Address})
	}
}

// addShortcut adds the address a .url or .webloc file points to.
func addShortcut(path string, add func(unit)) {
	address, err := web.ReadShortcut(path)
	if err != nil {
		add(unit{path: path, failure: err})
		return
	}
	add(unit{path: address, address: address})
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
		case web.IsShortcut(path):
			add(unit{path: path, skip: "a link file: nothing is fetched from a folder; import or drop the link file on its own to fetch its address"})
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
