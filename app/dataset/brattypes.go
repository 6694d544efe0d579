package dataset

import (
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// brat stores a type under a name of ASCII letters, digits, "_" and "-"
// only (projectconfig.normalize_to_storage_form); a configuration naming a
// type otherwise is renamed there, and every annotation of the original
// name is then "not a known textbound type". A label of any other spelling
// (Name_Calling,Labeling; négation) leaves under a brat type and comes back
// through visual.conf's [labels] section, which brat shows instead of the
// type and where any spelling may stand.

// BratType is the brat type a label is written as: accents dropped
// (négation → negation), every other character outside brat's
// [A-Za-z0-9_-] made "_" as brat itself does, and "label" for a name with
// nothing left. Two labels may give one type; BratTypes makes them unique.
func BratType(label string) string {
	folded, _, err := transform.String(accentFolder(), label)
	if err != nil {
		folded = label
	}
	var b strings.Builder
	for _, r := range folded {
		if isBratTypeChar(r) {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	if strings.Trim(b.String(), "_") == "" {
		return "label"
	}
	return b.String()
}

// FoldAccents drops the accents of s (é → e), as BratType does, for other
// names brat must take, such as an export's per-annotator folders.
func FoldAccents(s string) string {
	folded, _, err := transform.String(accentFolder(), s)
	if err != nil {
		return s
	}
	return folded
}

// accentFolder decomposes characters and drops the combining marks, so é
// becomes e; built per call, as a transformer holds state.
func accentFolder() transform.Transformer {
	return transform.Chain(norm.NFKD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}

func isBratTypeChar(r rune) bool {
	return r < 0x80 && (r == '_' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
}

// bratReservedTypes are names brat's visual.conf gives a meaning of their
// own; a label called so gets another type.
var bratReservedTypes = map[string]bool{"SEPARATOR": true, "SPAN_DEFAULT": true, "ARC_DEFAULT": true, "ATTRIBUTE_DEFAULT": true}

// BratTypes gives each label its brat type: BratType, with "_2", "_3"…
// added where two labels would share one or a type is one brat reserves.
// Labels already valid as types keep their name, whatever their order.
func BratTypes(labels []string) map[string]string {
	types := make(map[string]string, len(labels))
	taken := map[string]bool{}
	for _, l := range labels {
		if BratType(l) == l && !bratReservedTypes[l] {
			types[l], taken[l] = l, true
		}
	}
	for _, l := range labels {
		if _, ok := types[l]; ok {
			continue
		}
		base := BratType(l)
		t := base
		for n := 2; taken[t] || bratReservedTypes[t]; n++ {
			t = base + "_" + strconv.Itoa(n)
		}
		types[l], taken[t] = t, true
	}
	return types
}

// visualLabelEscaper keeps a label name within visual.conf's syntax: "|"
// separates a type's names there, and brat refuses a whole file that holds
// "<…>" other than its own macros. "%" is escaped so unescaping is exact.
var visualLabelEscaper = strings.NewReplacer("%", "%25", "|", "%7C", "<", "%3C", ">", "%3E")

// BratVisualLabel is the name written after a type in visual.conf's
// [labels] section: the label as it is, but for the few characters that
// section cannot hold, percent-escaped. BratLabelNames reads it back.
func BratVisualLabel(label string) string { return visualLabelEscaper.Replace(label) }

// bratVisualSection finds a section header in a brat configuration file.
var bratVisualSection = regexp.MustCompile(`^\s*\[(.*)\]\s*$`)

// BratLabelNames reads visual.conf and returns the label names its
// [labels] section gives brat types, for the types that stand for them:
// a type is mapped back only when it is BratType of the name, possibly
// with a number added (as BratTypes writes), and the name holds no white
// space, so a project's own display names ("Org | Organization",
// "Protein_binding | Protein binding") never rename its labels.
func BratLabelNames(visualConf string) map[string]string {
	names := map[string]string{}
	section := ""
	for line := range strings.SplitSeq(visualConf, "\n") {
		if m := bratVisualSection.FindStringSubmatch(line); m != nil {
			section = m[1]
			continue
		}
		trimmed := strings.TrimSpace(line)
		if section != "labels" || trimmed == "" || trimmed[0] == '#' {
			continue
		}
		terms, _, _ := strings.Cut(trimmed, "\t")
		parts := strings.Split(terms, "|")
		if len(parts) < 2 {
			continue
		}
		typ := strings.TrimSpace(parts[0])
		name := strings.TrimSpace(parts[1])
		if unescaped, err := url.PathUnescape(name); err == nil {
			name = unescaped
		}
		// A name with white space is no Claimdesk label, and storing it
		// would give back the type.
		if name != typ && standsFor(typ, name) && !strings.ContainsFunc(name, unicode.IsSpace) {
			names[typ] = name
		}
	}
	return names
}

// standsFor reports whether typ is the brat type BratTypes may have
// written for label.
func standsFor(typ, label string) bool {
	base := BratType(label)
	if typ == base {
		return true
	}
	n, ok := strings.CutPrefix(typ, base+"_")
	return ok && n != "" && strings.Trim(n, "0123456789") == ""
}

// bratAnnotatorComment starts the comment line in which a Claimdesk brat
// export's visual.conf names the annotator whose collection the folder is;
// brat ignores comments. The name is percent-escaped (url.PathEscape), so
// any name stays on its line.
const bratAnnotatorComment = "# Claimdesk annotator: "

// BratAnnotatorLine is the visual.conf comment naming a collection's
// annotator, with its line break.
func BratAnnotatorLine(annotator string) string {
	return bratAnnotatorComment + url.PathEscape(annotator) + "\n"
}

// BratAnnotator is the annotator a visual.conf names (BratAnnotatorLine),
// or "" when it names none.
func BratAnnotator(visualConf string) string {
	for line := range strings.SplitSeq(visualConf, "\n") {
		if name, ok := strings.CutPrefix(strings.TrimRight(line, "\r"), bratAnnotatorComment); ok {
			if unescaped, err := url.PathUnescape(name); err == nil {
				return unescaped
			}
			return name
		}
	}
	return ""
}

// bratVisualConf finds the visual.conf brat would use for a document in
// dir: the first in dir or a folder above it.
func bratVisualConf(dir string) (string, bool) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	for {
		path := filepath.Join(dir, "visual.conf")
		if info, err := os.Stat(path); err == nil && info.Mode().IsRegular() && info.Size() <= MaxArticleFileSize {
			if data, err := os.ReadFile(path); err == nil {
				return string(data), true
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}
