package web

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"claimdesk/app/dataset"
)

// IsAddress reports whether s is meant as a web address rather than a
// file: it starts with http:// or https:// (in any case). Anything else
// given to an import is a path.
func IsAddress(s string) bool {
	lower := strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://")
}

// HasScheme reports whether s starts the way any URL does, with a scheme
// and "://" ("gopher://", "file://"): named to an import and not an
// existing file, it is a web address Claimdesk refuses, not a missing file.
func HasScheme(s string) bool {
	scheme, _, ok := strings.Cut(strings.TrimSpace(s), "://")
	if !ok || scheme == "" {
		return false
	}
	for i, r := range scheme {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if !letter && (i == 0 || !(r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.')) {
			return false
		}
	}
	return true
}

// CheckAddress parses an address and refuses what Claimdesk does not
// fetch: schemes other than http and https, and addresses without a host.
func CheckAddress(address string) (*url.URL, error) {
	u, err := url.Parse(address)
	if err != nil {
		return nil, fail(address, "not a web address: %v", errText(err))
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	case "":
		return nil, fail(address, "not a web address: it lacks http:// or https://")
	default:
		return nil, fail(address, "only http and https addresses are fetched, not %s", u.Scheme)
	}
	if u.Host == "" {
		return nil, fail(address, "not a web address: no host after %s://", u.Scheme)
	}
	return u, nil
}

// errText is a url.Error's reason without the address it repeats.
func errText(err error) string {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err.Error()
	}
	return err.Error()
}

// ListedAddress is one address of an address list, with the line that
// holds it.
type ListedAddress struct {
	Address string
	Line    int
}

// ReadAddressList reads a text file of web addresses, one a line; blank
// lines and lines starting with # are left out. A line that is not an
// http or https address is a Problem naming file and line; the others are
// still returned.
func ReadAddressList(path string) ([]ListedAddress, []dataset.Problem, error) {
	data, err := readSmallFile(path)
	if err != nil {
		return nil, nil, err
	}
	var (
		out      []ListedAddress
		problems []dataset.Problem
	)
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, len(data)+1)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\uFEFF"))
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if !IsAddress(text) {
			problems = append(problems, dataset.Problem{File: path, Line: line,
				Message: fmt.Sprintf("%q is not a web address (want one http:// or https:// address a line)", text)})
			continue
		}
		out = append(out, ListedAddress{Address: text, Line: line})
	}
	if len(out) == 0 && len(problems) == 0 {
		return nil, nil, dataset.Problem{File: path, Message: "no web addresses in the list"}
	}
	return out, problems, nil
}

// ShortcutExtensions are the files desktops write for a dragged link:
// Windows' Internet Shortcut and macOS's .webloc.
var ShortcutExtensions = []string{".url", ".webloc"}

// IsShortcut reports whether path is a link file ReadShortcut reads.
func IsShortcut(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	for _, e := range ShortcutExtensions {
		if ext == e {
			return true
		}
	}
	return false
}

// ReadShortcut gives the web address a .url or .webloc file points to.
func ReadShortcut(path string) (string, error) {
	data, err := readSmallFile(path)
	if err != nil {
		return "", err
	}
	var address string
	if strings.EqualFold(filepath.Ext(path), ".webloc") {
		address = weblocAddress(data)
	} else {
		address = internetShortcutAddress(data)
	}
	if address == "" {
		return "", dataset.Problem{File: path, Message: "a link file without a web address in it"}
	}
	if !IsAddress(address) {
		return "", dataset.Problem{File: path, Message: fmt.Sprintf("the link points to %q, not an http or https address", address)}
	}
	return address, nil
}

// internetShortcutAddress reads the URL= line of an [InternetShortcut]
// section.
func internetShortcutAddress(data []byte) string {
	inSection := false
	for line := range strings.Lines(string(data)) {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") {
			inSection = strings.EqualFold(line, "[InternetShortcut]")
			continue
		}
		if key, value, ok := strings.Cut(line, "="); ok && inSection && strings.EqualFold(strings.TrimSpace(key), "URL") {
			return strings.TrimSpace(value)
		}
	}
	return ""
}

// weblocAddress reads the string after the URL key of a .webloc's XML
// property list (binary property lists are not read).
func weblocAddress(data []byte) string {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var lastKey string
	for {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		start, ok := tok.(xml.StartElement)
		if !ok || (start.Name.Local != "key" && start.Name.Local != "string") {
			continue // descend into plist and dict
		}
		var value string
		if err := dec.DecodeElement(&value, &start); err != nil {
			return ""
		}
		switch start.Name.Local {
		case "key":
			lastKey = value
		case "string":
			if lastKey == "URL" {
				return strings.TrimSpace(value)
			}
		}
	}
}

// maxListSize bounds an address list or a link file: a list of a hundred
// thousand addresses is far below it.
const maxListSize = 8 << 20

func readSmallFile(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, dataset.FileProblem(path, err)
	}
	if !info.Mode().IsRegular() {
		return nil, dataset.Problem{File: path, Message: "not a regular file"}
	}
	if info.Size() > maxListSize {
		return nil, dataset.Problem{File: path, Message: fmt.Sprintf("%d bytes is too large for a list of addresses or a link file (the limit is %d MiB)", info.Size(), maxListSize>>20)}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, dataset.FileProblem(path, err)
	}
	return data, nil
}
