package export

import (
	"fmt"
	"io"
	"math"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"claimdesk/app/dataset"
	"claimdesk/storage"
)

// bratLineBreakRule is why brat may leave a claim out: its .ann files are
// line-oriented, and fragments between line breaks need some text.
const bratLineBreakRule = "brat cannot hold a claim made only of line breaks"

// bratConfHeader opens the configuration files a brat export writes; a
// folder whose annotation.conf starts so is one a new export may replace.
const bratConfHeader = "# Written by Claimdesk: "

// writeBrat writes a .txt and .ann pair per article, plus annotation.conf
// and visual.conf, into the destination (or its train/dev/test folder, each
// with its own configuration, so a set can be copied alone). When the
// export holds the claims of more than one annotator, each annotator gets
// a collection of their own (bratCollections): brat shows one .ann per
// text, so layers written into one would be folded together.
func writeBrat(j *job, p part) error {
	types := bratTypes(j.labels)
	collections := bratCollections(j.annotators)
	for _, c := range collections {
		if err := writeBratConf(j, path.Join(partDir(p), c.folder), types, c); err != nil {
			return err
		}
	}
	used := make(map[string]bool, len(p.docs))
	return j.eachDoc(p, func(d Doc, _ *textIndex) error {
		stem := uniqueStem(used, docFileStem(d.Article.ID, d.Article.Title))
		layers := map[string][]storage.Claim{}
		for _, l := range layersOf(d.Claims) {
			layers[l.annotator] = l.claims
		}
		for _, c := range collections {
			claims := d.Claims
			if c.folder != "" {
				claims = layers[c.annotator]
			}
			if err := writeBratPair(j, path.Join(partDir(p), c.folder, stem), d.Article.Text, claims, types); err != nil {
				return err
			}
		}
		return nil
	})
}

// writeBratPair writes one article's text and standoff as stem.txt and
// stem.ann.
func writeBratPair(j *job, stem, text string, claims []storage.Claim, types map[string]string) error {
	err := j.writeFile(stem+".txt", func(w *stagedFile) error {
		_, err := w.WriteString(text)
		return err
	})
	if err != nil {
		return err
	}
	return j.writeFile(stem+".ann", func(w *stagedFile) error {
		_, err := w.WriteString(bratAnn(j, claims, types))
		return err
	})
}

// bratCollection is a folder of a brat export holding one annotator's
// claims on every article; folder "" is the export's own folder, holding
// every claim, which is what an export of one annotator (or filtered to
// one) writes.
type bratCollection struct {
	annotator, folder string
}

// bratCollections names a folder per annotator when there are several:
// the name in brat-safe letters (bratFolderName), "unnamed" for claims
// without an annotator, made unique with -2, -3.
func bratCollections(annotators []string) []bratCollection {
	if len(annotators) < 2 {
		return []bratCollection{{folder: ""}}
	}
	used := map[string]bool{"train": true, "dev": true, "test": true}
	out := make([]bratCollection, len(annotators))
	for i, a := range annotators {
		out[i] = bratCollection{annotator: a, folder: uniqueStem(used, bratFolderName(a))}
	}
	return out
}

// bratFolderName is an annotator's name as a folder name every file system
// and brat's URLs take: ASCII letters, digits, '.', '-', '_' and '@' kept,
// accents dropped (dataset.BratType's rule), anything else '_'; never
// hidden, never empty.
func bratFolderName(annotator string) string {
	if strings.TrimSpace(annotator) == "" {
		return "unnamed"
	}
	var b strings.Builder
	for _, r := range dataset.FoldAccents(annotator) {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '@', r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	name := strings.TrimLeft(b.String(), ".")
	if name == "" {
		name = "_"
	}
	return name
}

// bratTypes gives every label its brat type (dataset.BratTypes): a
// label brat cannot name as it is leaves under a type of brat's syntax,
// and visual.conf keeps its own name.
func bratTypes(labels []storage.Label) map[string]string {
	names := make([]string, len(labels))
	for i, l := range labels {
		names[i] = l.Name
	}
	return dataset.BratTypes(names)
}

// bratType is the type of a claim's label; a label the export's list
// lacks (a hand-built Dataset) is made valid on its own.
func bratType(types map[string]string, label string) string {
	if t, ok := types[label]; ok {
		return t
	}
	return dataset.BratType(label)
}

// bratFolderFiles are the names a brat export writes besides the .txt
// and .ann pairs; brat's server adds .stats_cache.
var bratFolderFiles = map[string]bool{"annotation.conf": true, "visual.conf": true, ".stats_cache": true}

// bratReplaceable allows a brat export to replace the folder dir whole:
// only one a brat export of Claimdesk wrote (its annotation.conf, at the
// top or in a train/dev/test folder, says so) and that holds nothing else
// than what such an export writes, so no analyst's file is deleted with it.
func bratReplaceable(dir string) error {
	ours, foreign, err := scanBratFolder(dir, 0)
	switch {
	case err != nil:
		return fmt.Errorf("export: cannot read folder %s: %w", dir, unwrapPath(err))
	case foreign != "":
		return fmt.Errorf("export: %s holds %s, which a brat export does not write; as a brat export replaces its whole folder "+
			"(so articles since deleted leave it too), move that away or choose a new or empty folder", dir, foreign)
	case !ours && !emptyDir(dir):
		return fmt.Errorf("export: %s is not a brat export of Claimdesk (no annotation.conf Claimdesk wrote); "+
			"as a brat export replaces its whole folder, choose a new or empty folder", dir)
	}
	return nil
}

// scanBratFolder reports whether dir holds an annotation.conf Claimdesk
// wrote, and names the first entry a brat export does not write. depth is
// 0 for the export's folder: it may hold train/dev/test folders and, as
// they may, a collection per annotator — a folder with an annotation.conf
// Claimdesk wrote; a collection holds no folder.
func scanBratFolder(dir string, depth int) (ours bool, foreign string, err error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false, "", err
	}
	for _, e := range entries {
		name, path := e.Name(), filepath.Join(dir, e.Name())
		switch {
		case isStagingName(name):
		case e.IsDir() && depth < 2:
			sub, f, err := scanBratFolder(path, depth+1)
			if err != nil || f != "" {
				return false, f, err
			}
			split := depth == 0 && (name == "train" || name == "dev" || name == "test")
			if !split && !sub {
				return false, path, nil
			}
			ours = ours || sub
		case e.Type().IsRegular() && name == "annotation.conf":
			ours = ours || writtenByClaimdesk(path)
		case e.Type().IsRegular() && (bratFolderFiles[name] || strings.HasSuffix(name, ".txt") || strings.HasSuffix(name, ".ann")):
		default:
			return false, path, nil
		}
	}
	return ours, "", nil
}

func writtenByClaimdesk(confPath string) bool {
	f, err := os.Open(confPath)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(bratConfHeader))
	_, err = io.ReadFull(f, head)
	return err == nil && string(head) == bratConfHeader
}

func emptyDir(dir string) bool {
	entries, err := os.ReadDir(dir)
	return err == nil && len(entries) == 0
}

// writeBratConf writes annotation.conf (one entity type per label, every
// overlap allowed, as claims may overlap) and visual.conf (each type shown
// under its label's name, in its colour, and a collection's annotator in a
// comment Claimdesk's import reads back) into dir.
func writeBratConf(j *job, dir string, types map[string]string, c bratCollection) error {
	var ann strings.Builder
	ann.WriteString(bratConfHeader + "one entity type per claim label.\n[entities]\n")
	for _, l := range j.labels {
		ann.WriteString(types[l.Name] + "\n")
	}
	ann.WriteString("\n[relations]\n# Claims may overlap in any way.\n" +
		"<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n[events]\n\n[attributes]\n")
	if err := j.writeFile(path.Join(dir, "annotation.conf"), func(w *stagedFile) error {
		_, err := w.WriteString(ann.String())
		return err
	}); err != nil {
		return err
	}
	var vis strings.Builder
	vis.WriteString(bratConfHeader + "the names and colours of the claim labels.\n" +
		"# A label brat cannot take as a type name is shown, and read back by Claimdesk, from [labels].\n")
	if c.folder != "" {
		vis.WriteString(dataset.BratAnnotatorLine(c.annotator))
	}
	vis.WriteString("[labels]\n")
	for _, l := range j.labels {
		vis.WriteString(types[l.Name] + " | " + dataset.BratVisualLabel(l.Name) + "\n")
	}
	vis.WriteString("\n[drawing]\n")
	for _, l := range j.labels {
		fmt.Fprintf(&vis, "%s\tbgColor:%s, fgColor:%s\n", types[l.Name], l.Colour, textColourOn(l.Colour))
	}
	return j.writeFile(path.Join(dir, "visual.conf"), func(w *stagedFile) error {
		_, err := w.WriteString(vis.String())
		return err
	})
}

// maxSlug bounds the title part of a file name: long enough to recognise
// the article, short enough for any file system and a terminal listing.
const maxSlug = 40

// docFileStem names an article's files in a folder export: its id, padded
// so names sort in id order, then the title in lower-case ASCII letters and
// digits. The id makes names unique whatever the titles; the slug keeps
// only characters that are safe on every file system and in brat's URLs,
// so "../x", "CON" or a title in Arabic cannot escape the folder or clash.
func docFileStem(id uint64, title string) string {
	stem := fmt.Sprintf("%04d", id)
	if s := slug(title); s != "" {
		stem += "-" + s
	}
	return stem
}

func slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') {
			dash = true
			continue
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteRune(r)
	}
	return cutAtWord(b.String(), maxSlug)
}

// cutAtWord shortens s to at most limit bytes (s is ASCII), at a word's
// end when there is one to cut at.
func cutAtWord(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	if s[limit] == '-' {
		return s[:limit]
	}
	if i := strings.LastIndexByte(s[:limit], '-'); i > 0 {
		return s[:i]
	}
	return s[:limit]
}

// uniqueStem guards against equal stems, which only a hand-built Dataset
// with repeated article ids can produce.
func uniqueStem(used map[string]bool, stem string) string {
	name := stem
	for n := 2; used[name]; n++ {
		name = stem + "-" + strconv.Itoa(n)
	}
	used[name] = true
	return name
}

// bratAnn is the standoff of one article: a T line per claim and, when
// the claim has a speaker, target or note, an AnnotatorNotes line in the
// form Claimdesk's importer reads back.
func bratAnn(j *job, claims []storage.Claim, types map[string]string) string {
	var b strings.Builder
	t, notes := 0, 0
	for _, c := range claims {
		frags := bratFragments(c)
		if len(frags) == 0 {
			j.omit(bratLineBreakRule)
			continue
		}
		t++
		spans := make([]string, len(frags))
		texts := make([]string, len(frags))
		for i, f := range frags {
			spans[i] = strconv.Itoa(f.start) + " " + strconv.Itoa(f.end)
			texts[i] = f.text
		}
		// brat joins the texts of fragments with one space.
		fmt.Fprintf(&b, "T%d\t%s %s\t%s\n", t, bratType(types, c.Label), strings.Join(spans, ";"), strings.Join(texts, " "))
		// The importer reads notes back with dataset.ParseBratNote; one
		// writer keeps the two sides of the convention from drifting apart.
		if note := dataset.BratNote(c.Speaker, c.Target, c.Note); note != "" {
			notes++
			fmt.Fprintf(&b, "#%d\tAnnotatorNotes T%d\t%s\n", notes, t, note)
		}
		j.claims++
	}
	return b.String()
}

type fragment struct {
	start, end int // code points of the article text
	text       string
}

// bratFragments cuts a claim at its line breaks: brat reads a .ann line
// by line, ending lines where Python's splitlines does (at U+2028 and NEL
// too: dataset.IsBratLineBreak), so a claim over several lines becomes
// fragments "s1 e1;s2 e2" whose texts leave the breaks out. An importer
// that takes the first start and the last end gets the claim back; only
// line breaks at the very start or end of a claim are lost.
func bratFragments(c storage.Claim) []fragment {
	var frags []fragment
	pos, segStart, segByte := c.Start, c.Start, 0
	for i, r := range c.Quote {
		if dataset.IsBratLineBreak(r) {
			if pos > segStart {
				frags = append(frags, fragment{segStart, pos, c.Quote[segByte:i]})
			}
			segStart, segByte = pos+1, i+utf8.RuneLen(r)
		}
		pos++
	}
	if pos > segStart {
		frags = append(frags, fragment{segStart, pos, c.Quote[segByte:]})
	}
	return frags
}

// textColourOn picks black or white label text for a "#RRGGBB" background,
// whichever contrasts more (WCAG relative luminance).
func textColourOn(colour string) string {
	c, ok := storage.ParseColour(colour)
	if !ok {
		return "black"
	}
	lum := 0.2126*linear(c.R) + 0.7152*linear(c.G) + 0.0722*linear(c.B)
	// Black and white contrast equally with a luminance of about 0.179.
	if lum < 0.179 {
		return "white"
	}
	return "black"
}

// linear is a sRGB channel as light intensity, 0 to 1.
func linear(v uint8) float64 {
	c := float64(v) / 255
	if c <= 0.04045 {
		return c / 12.92
	}
	return math.Pow((c+0.055)/1.055, 2.4)
}
