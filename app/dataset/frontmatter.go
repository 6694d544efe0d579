package dataset

import (
	"strings"
)

// splitFrontMatter separates a leading YAML front matter block ("---" lines
// around "key: value" lines, as static site generators and note apps write)
// from a Markdown body. Only flat scalar keys are read; they become meta.
func splitFrontMatter(src string) (body string, meta map[string]string) {
	rest, ok := cutLine(src, "---")
	if !ok {
		return src, nil
	}
	meta = map[string]string{}
	for rest != "" {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		line = strings.TrimRight(line, "\r")
		if line == "---" || line == "..." {
			return rest, meta
		}
		key, value, found := strings.Cut(line, ":")
		key = strings.TrimSpace(key)
		if !found || key == "" || strings.HasPrefix(key, "#") || strings.ContainsAny(key, " \t") {
			continue
		}
		if value = unquoteYAML(strings.TrimSpace(value)); value != "" {
			meta[key] = value
		}
	}
	return src, nil // never closed: not front matter
}

// cutLine reports whether s starts with the line want and returns the rest.
func cutLine(s, want string) (string, bool) {
	line, rest, found := strings.Cut(s, "\n")
	if !found || strings.TrimRight(line, "\r ") != want {
		return s, false
	}
	return rest, true
}

func unquoteYAML(v string) string {
	if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
		return v[1 : len(v)-1]
	}
	return v
}
