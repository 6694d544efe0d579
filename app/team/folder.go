package team

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"claimdesk/app/atomicfile"
	"claimdesk/storage"
)

// A team folder holds two folders:
//
//	claims/NAME.jsonl     one annotator's layer, written by that annotator alone
//	articles/SHA256.txt   an article's text, named by its hash: two analysts
//	                      who import the same article write the same bytes
//	                      under the same name, so there is nothing to merge
//
// Every file is written whole to a temporary file beside it and renamed
// into place, so a reader — another analyst's sync, git, Syncthing — sees
// the old file or the new one, never a part, and a sync killed midway
// leaves only a temporary file the next one removes.
const (
	claimsFolder   = "claims"
	articlesFolder = "articles"
	layerExt       = ".jsonl"
	articleExt     = ".txt"
	tempPrefix     = ".claimdesk-tmp-"
)

// folder is a team folder on disk, as one annotator writes it.
type folder struct {
	dir       string
	annotator string
	// writeFile puts data at path atomically and durably, writeText
	// atomically (writeRenamed); tests make them fail midway.
	writeFile func(path string, data []byte) error
	writeText func(path string, data []byte) error
}

func newFolder(dir, annotator string) *folder {
	f := &folder{dir: dir, annotator: annotator}
	f.writeFile = func(path string, data []byte) error { return writeAtomic(path, annotator, data) }
	f.writeText = func(path string, data []byte) error { return writeRenamed(path, annotator, data, false) }
	return f
}

// layerPath and articlePath name a file of the folder as messages and git do: slash-separated,
// relative to the folder.
func layerPath(name string) string { return path.Join(claimsFolder, name+layerExt) }

func articlePath(hash string) string { return path.Join(articlesFolder, hash+articleExt) }

func (f *folder) abs(rel string) string { return filepath.Join(f.dir, filepath.FromSlash(rel)) }

// prepare makes the folder's two folders and removes the temporary files
// this annotator's earlier syncs left when they were killed.
func (f *folder) prepare() error {
	for _, sub := range []string{claimsFolder, articlesFolder} {
		if err := os.MkdirAll(f.abs(sub), 0o755); err != nil {
			return fmt.Errorf("team folder: %w", err)
		}
		leftovers, _ := filepath.Glob(filepath.Join(f.abs(sub), tempPrefix+globEscape(f.annotator)+"-*"))
		for _, p := range leftovers {
			_ = os.Remove(p)
		}
	}
	return nil
}

func globEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`)
	return r.Replace(s)
}

// writeAtomic replaces dest with data, on disk before it returns. The
// temporary file's name carries the annotator's, so that each sweeps only
// their own: in a shared folder another analyst's may be in the middle of
// its write.
func writeAtomic(dest, annotator string, data []byte) error {
	return writeRenamed(dest, annotator, data, true)
}

// writeRenamed is writeAtomic, with the syncs to disk left out when durable
// is false: a kill still leaves the old file or the new one, and only a
// power cut can leave a short file. Article texts are written so, a
// thousand fsyncs being seconds on a slow disk: hasArticle takes a text of
// the wrong size for a missing one, and the store, which holds every text,
// writes it again.
func writeRenamed(dest, annotator string, data []byte, durable bool) error {
	return atomicfile.WriteBytes(dest, atomicfile.Options{Pattern: tempPrefix + annotator + "-*", Perm: 0o644, Fast: !durable}, data)
}

// writeIfChanged writes rel unless it holds data already; it reports
// whether it wrote.
func (f *folder) writeIfChanged(rel string, data []byte) (bool, error) {
	if old, err := os.ReadFile(f.abs(rel)); err == nil && bytes.Equal(old, data) {
		return false, nil
	}
	return true, f.writeFile(f.abs(rel), data)
}

// hasArticle tells whether the folder holds the text of an article, of
// the text's size in bytes.
func (f *folder) hasArticle(hash string, size int) bool {
	info, err := os.Stat(f.abs(articlePath(hash)))
	return err == nil && info.Mode().IsRegular() && info.Size() == int64(size)
}

// readArticle reads an article's text and checks it is the text its name
// says: a file changed by hand would give claims a text they were not made in.
func (f *folder) readArticle(hash string) (string, error) {
	rel := articlePath(hash)
	raw, err := os.ReadFile(f.abs(rel))
	if errors.Is(err, fs.ErrNotExist) {
		return "", &FileError{File: rel, Err: errors.New("missing: the article's text has not arrived (yet)")}
	}
	if err != nil {
		return "", &FileError{File: rel, Err: err}
	}
	text := string(raw)
	if got := storage.HashText(text); got != hash {
		return "", &FileError{File: rel, Err: fmt.Errorf("its text hashes to %s, not to its name: it was changed after it was written", got)}
	}
	return text, nil
}

// layerFiles lists the annotators whose layer files the folder holds and,
// apart, the conflict copies a synced folder made of layer files, both
// sorted. A conflict copy is never read as a layer: its header names the
// annotator of the file it copies, and which of the two is right is for a
// person to decide.
func (f *folder) layerFiles() (names, conflicts []string, err error) {
	entries, err := os.ReadDir(f.abs(claimsFolder))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("team folder: %w", err)
	}
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), layerExt)
		switch {
		case !ok || !e.Type().IsRegular():
		case isConflictCopy(name):
			conflicts = append(conflicts, path.Join(claimsFolder, e.Name()))
		case checkName(name) == nil:
			names = append(names, name)
		}
	}
	slices.Sort(names)
	slices.Sort(conflicts)
	return names, conflicts, nil
}

// isConflictCopy tells a conflict copy by its name: Syncthing's
// NAME.sync-conflict-DATE-TIME-DEVICE, or Dropbox's and Nextcloud's
// "NAME (… conflicted copy …)".
func isConflictCopy(name string) bool {
	return strings.Contains(name, ".sync-conflict-") || strings.Contains(name, "conflicted copy")
}

// readLayer reads one annotator's layer file and returns it with the hash
// of its bytes, which tells whether it changed since it was last read.
func (f *folder) readLayer(name string) (layerFile, string, error) {
	rel := layerPath(name)
	raw, err := os.ReadFile(f.abs(rel))
	if err != nil {
		return layerFile{}, "", &FileError{File: rel, Err: err}
	}
	layer, err := decodeLayer(rel, bytes.NewReader(raw))
	if err != nil {
		return layerFile{}, "", err
	}
	if layer.Annotator != name {
		return layerFile{}, "", &FileError{File: rel, Line: 1, Err: fmt.Errorf("the layer says it is %q's; a layer file is named after its annotator", layer.Annotator)}
	}
	return layer, hashBytes(raw), nil
}

// fileHash is the hash of a file of the folder's bytes, "" if it cannot be
// read.
func (f *folder) fileHash(rel string) string {
	raw, err := os.ReadFile(f.abs(rel))
	if err != nil {
		return ""
	}
	return hashBytes(raw)
}

func hashBytes(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// maxName bounds an annotator's name, which is also a file name.
const maxName = 100

// checkName says why a name cannot be an annotator's name in a team folder,
// where it is also a file's name on every system the team uses.
func checkName(name string) error {
	switch {
	case strings.TrimSpace(name) != name || name == "":
		return fmt.Errorf("annotator name %q: empty, or white space at an end", name)
	case utf8.RuneCountInString(name) > maxName:
		return fmt.Errorf("annotator name %q: longer than %d characters", name, maxName)
	case strings.HasPrefix(name, "."):
		return fmt.Errorf("annotator name %q: starts with a dot", name)
	}
	for _, r := range name {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || strings.ContainsRune(" ._-@+", r)) {
			return fmt.Errorf("annotator name %q: %q cannot be in a file name on every system (letters, digits, space and . _ - @ + can)", name, r)
		}
	}
	return nil
}
