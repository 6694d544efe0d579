package dataset

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/text/transform"

	"claimdesk/storage"
)

// parseBratFiles reads a brat pair from disk: annPath and the .txt of the
// same name.
func parseBratFiles(annPath string) ([]Document, []Problem, error) {
	txtPath := siblingWithExt(annPath, ".txt")
	if !fileExists(txtPath) {
		return nil, nil, Problem{File: annPath, Message: "no " + txtPath + " next to it: a brat .ann file is read with the .txt of the same name"}
	}
	text, err := readArticleFile(txtPath, false)
	if err != nil {
		return nil, nil, err
	}
	ann, err := readArticleFile(annPath, true)
	if err != nil {
		return nil, nil, err
	}
	return ParseBrat(txtPath, annPath, text, ann)
}

// readArticleFile reads a file of at most MaxArticleFileSize bytes.
func readArticleFile(path string, emptyOK bool) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, FileProblem(path, err)
	}
	if !(emptyOK && info.Size() == 0) {
		if err := checkSize(formatBrat, info.Size()); err != nil {
			return nil, FileProblem(path, err)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, FileProblem(path, err)
	}
	return data, nil
}

// ParseBrat parses a brat standoff pair: the article text (the .txt) and
// its annotations (the .ann). Offsets count code points of the .txt as
// brat reads it (a UTF-8 byte-order mark counts, CRs count); when a T line's
// quote shows another count was used, that is detected and reported.
// Text-bound annotations (T) become spans; fragments separated only by
// white space make one span. AnnotatorNotes in the form ParseBratNote reads,
// and notes or attributes named Speaker, Target or Note, fill those fields.
// Problems name the .ann line. An empty .ann is an article without claims.
func ParseBrat(textName, annName string, text, ann []byte) ([]Document, []Problem, error) {
	if err := checkSize(formatBrat, int64(len(text))); err != nil {
		return nil, nil, FileProblem(textName, err)
	}
	if len(ann) > MaxArticleFileSize {
		return nil, nil, FileProblem(annName, checkSize(formatBrat, int64(len(ann))))
	}
	raw, fromUTF16, err := articleText(text)
	if err != nil {
		return nil, nil, FileProblem(textName, err)
	}
	if strings.TrimSpace(raw) == "" {
		return nil, nil, Problem{File: textName, Message: "no text"}
	}
	annText, err := decodeAnn(ann)
	if err != nil {
		return nil, nil, FileProblem(annName, err)
	}
	spans, problems := parseAnn(annName, annText, raw)
	d := draft{file: annName, source: textName, text: raw, spans: spans, bomConsumed: fromUTF16}
	doc, more, err := d.finish()
	if err != nil {
		return nil, nil, err
	}
	return []Document{doc}, sortProblems(append(problems, more...)), nil
}

// decodeAnn decodes a .ann file; a byte-order mark there belongs to the
// file, not to any annotation.
func decodeAnn(ann []byte) (string, error) {
	if hasUTF16BOM(ann) {
		var err error
		if ann, _, err = transform.Bytes(utf16Decoder(), ann); err != nil {
			return "", fmt.Errorf("decoding UTF-16: %w", err)
		}
	}
	ann = bytes.TrimPrefix(ann, bomUTF8)
	if err := checkText(ann, false); err != nil {
		return "", err
	}
	return string(ann), nil
}

// bratKinds names the annotation kinds Claimdesk does not import, by the
// first letter of their id.
var bratKinds = map[byte]string{'R': "relation", 'E': "event", 'N': "normalization", '*': "equivalence"}

// annReader collects the annotations of one .ann file.
type annReader struct {
	file     string
	raw      string // the article text, for checking fragment gaps
	spans    map[string]*rawSpan
	order    []string
	notes    []annNote
	ignored  map[string]int
	problems []Problem
}

// annNote is a note or attribute to apply once every T line is known.
type annNote struct {
	line             int
	id, kind, target string
	value            string
}

func parseAnn(file, ann, raw string) ([]rawSpan, []Problem) {
	r := annReader{file: file, raw: raw, spans: map[string]*rawSpan{}, ignored: map[string]int{}}
	for n, line := range strings.Split(ann, "\n") {
		r.line(n+1, strings.TrimRight(line, "\r"))
	}
	for _, note := range r.notes {
		r.apply(note)
	}
	spans := make([]rawSpan, 0, len(r.order))
	for _, id := range r.order {
		spans = append(spans, *r.spans[id])
	}
	return spans, append(r.problems, r.summary()...)
}

func (r *annReader) warn(line int, format string, args ...any) {
	r.problems = append(r.problems, Problem{File: r.file, Line: line, Message: fmt.Sprintf(format, args...), Warning: true})
}

func (r *annReader) line(n int, line string) {
	if strings.TrimSpace(line) == "" {
		return
	}
	fields := strings.SplitN(line, "\t", 3)
	id := fields[0]
	switch {
	case len(fields) < 2 || id == "":
		r.warn(n, "not a brat annotation line (expected ID<TAB>TYPE ...)")
	case id[0] == 'T':
		r.textBound(n, fields)
	case id[0] == '#' && len(fields) == 3:
		kind, target, _ := strings.Cut(fields[1], " ")
		r.notes = append(r.notes, annNote{line: n, id: id, kind: kind, target: strings.TrimSpace(target), value: fields[2]})
	case id[0] == 'A' || id[0] == 'M':
		parts := strings.Fields(strings.Join(fields[1:], " "))
		if len(parts) < 3 || !isClaimField(strings.ToLower(parts[0])) {
			r.ignored["attribute"]++
			return
		}
		r.notes = append(r.notes, annNote{line: n, id: id, kind: parts[0], target: parts[1], value: strings.Join(parts[2:], " ")})
	case bratKinds[id[0]] != "":
		r.ignored[bratKinds[id[0]]]++
	default:
		r.warn(n, "%s: unknown kind of brat annotation", id)
	}
}

// textBound reads "T1<TAB>denial 10 20;21 42<TAB>quote". Fragments
// separated only by white space (brat splits spans at line ends) make one
// claim; fragments with text between them cannot, and are reported.
func (r *annReader) textBound(n int, fields []string) {
	id := fields[0]
	if _, dup := r.spans[id]; dup {
		r.warn(n, "%s is defined twice; the first one is kept", id)
		return
	}
	label, offsets, _ := strings.Cut(fields[1], " ")
	frags, err := parseFragments(offsets)
	if err != nil {
		r.warn(n, "%s: %v%s", id, err, ClaimLeftOut)
		return
	}
	for i := 1; i < len(frags); i++ {
		gap, ok := storage.Slice(r.raw, frags[i-1][1], frags[i][0])
		if ok && strings.TrimSpace(gap) != "" {
			r.warn(n, "%s: fragments %s are separated by text (%q), and a claim is one stretch of text%s", id, offsets, clip(gap), ClaimLeftOut)
			return
		}
	}
	s := &rawSpan{Span: Span{Start: frags[0][0], End: frags[len(frags)-1][1], Label: label}, line: n, ref: id}
	if len(fields) == 3 {
		s.quote, s.hasQuote = fields[2], true
	}
	r.spans[id] = s
	r.order = append(r.order, id)
}

// parseFragments reads "10 20;21 42" into ordered [start, end] pairs.
func parseFragments(offsets string) ([][2]int, error) {
	var frags [][2]int
	for part := range strings.SplitSeq(offsets, ";") {
		f := strings.Fields(part)
		if len(f) != 2 {
			return nil, fmt.Errorf("offsets %q are not of the form START END[;START END...]", offsets)
		}
		start, err1 := strconv.Atoi(f[0])
		end, err2 := strconv.Atoi(f[1])
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("offsets %q are not whole numbers", offsets)
		}
		frags = append(frags, [2]int{start, end})
	}
	sort.Slice(frags, func(i, j int) bool { return frags[i][0] < frags[j][0] })
	for i := 1; i < len(frags); i++ {
		if frags[i][0] < frags[i-1][1] {
			return nil, fmt.Errorf("fragments %q overlap", offsets)
		}
	}
	return frags, nil
}

// apply sets the speaker, target or note a note or attribute carries.
func (r *annReader) apply(note annNote) {
	s := r.spans[note.target]
	if s == nil {
		r.warn(note.line, "%s refers to %q, which is not a text-bound annotation (T) of this file; ignored", note.id, note.target)
		return
	}
	var speaker, target, text string
	switch strings.ToLower(note.kind) {
	case "speaker":
		speaker = note.value
	case "target":
		target = note.value
	case "note":
		text = note.value
	default: // AnnotatorNotes, and any other note a tool wrote
		speaker, target, text = ParseBratNote(note.value)
	}
	s.Speaker = joinNote(s.Speaker, speaker)
	s.Target = joinNote(s.Target, target)
	s.Note = joinNote(s.Note, text)
}

func joinNote(have, add string) string {
	switch add = strings.TrimSpace(add); {
	case add == "" || have == add:
		return have
	case have == "":
		return add
	}
	return have + "; " + add
}

func (r *annReader) summary() []Problem {
	if len(r.ignored) == 0 {
		return nil
	}
	kinds := make([]string, 0, len(r.ignored))
	for k, n := range r.ignored {
		kinds = append(kinds, storage.Plural(n, k))
	}
	sort.Strings(kinds)
	return []Problem{{File: r.file, Warning: true, Message: strings.Join(kinds, ", ") +
		" ignored; Claimdesk imports text-bound annotations (T) and their notes"}}
}

// claimNoteKey finds the parts of a claim note: at the start, or after a
// "|" (or ";") separator, a speaker:, target: or note: key.
var claimNoteKey = regexp.MustCompile(`(?i)(?:^|\s*[|;]\s*)(speaker|target|note)\s*:\s*`)

// noteLineBreaks turns what a .ann line cannot hold into spaces; other
// spacing is kept as typed.
var noteLineBreaks = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ")

// BratNote writes a claim's speaker, target and note as the AnnotatorNotes
// text of Claimdesk's brat files:
//
//	speaker: <s> | target: <t> | note: <n>
//
// with empty parts left out, and "" when all are empty (write no note line
// then). Line ends and tabs become spaces, as a .ann line cannot hold them.
// ParseBratNote reads it back.
func BratNote(speaker, target, note string) string {
	var parts []string
	for _, kv := range [...][2]string{{"speaker", speaker}, {"target", target}, {"note", note}} {
		if v := strings.TrimSpace(noteLineBreaks.Replace(kv[1])); v != "" {
			parts = append(parts, kv[0]+": "+v)
		}
	}
	return strings.Join(parts, " | ")
}

// ParseBratNote reads a claim note written by BratNote. The note comes
// last and runs to the end, so it may hold "|" itself; "; " is accepted
// between parts as well. Text of any other form is a plain note.
func ParseBratNote(text string) (speaker, target, note string) {
	keys := claimNoteKey.FindAllStringSubmatchIndex(text, -1)
	if len(keys) == 0 || keys[0][0] != 0 {
		return "", "", strings.TrimSpace(text)
	}
	for i, k := range keys {
		key := strings.ToLower(text[k[2]:k[3]])
		end := len(text)
		if i+1 < len(keys) && key != "note" {
			end = keys[i+1][0]
		}
		value := strings.TrimSpace(text[k[1]:end])
		switch key {
		case "speaker":
			speaker = joinNote(speaker, value)
		case "target":
			target = joinNote(target, value)
		case "note":
			return speaker, target, value
		}
	}
	return speaker, target, note
}
