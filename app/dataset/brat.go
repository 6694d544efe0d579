package dataset

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/transform"

	"claimdesk/storage"
)

// parseBratFiles reads a brat pair from disk: annPath and the .txt of the
// same name. The types of the visual.conf brat would use for it (in its
// folder or one above) are mapped back to the label names written there.
func parseBratFiles(annPath string, opts BratOptions) ([]Document, []Problem, error) {
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
	if conf, ok := bratVisualConf(filepath.Dir(annPath)); ok {
		if opts.LabelNames == nil {
			opts.LabelNames = BratLabelNames(conf)
		}
		if opts.Annotator == "" {
			opts.Annotator = BratAnnotator(conf)
		}
	}
	return ParseBratWith(txtPath, annPath, text, ann, opts)
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

// BratOptions tell ParseBratWith how to read a corpus's types, events and
// relations. The zero value reads with the defaults.
type BratOptions struct {
	// SpeakerRoles and TargetRoles name the event roles, relation roles
	// and relation types whose span is the speaker or the target of the
	// claims an event or relation links it to; case does not matter, nor a
	// number ending a role (Source2). Empty means DefaultSpeakerRoles and
	// DefaultTargetRoles.
	SpeakerRoles, TargetRoles []string
	// TriggerLabels are the types (or the label names they map back to)
	// whose event triggers are claims of their own; in any case. Other
	// spans that are only an event's trigger are not claims: they mark the
	// event, and usually repeat a span of its own. The importer passes the
	// FROM names of --map.
	TriggerLabels []string
	// LabelNames maps brat types to label names (BratLabelNames); nil
	// leaves types as they are. ParseFile reads it from visual.conf.
	LabelNames map[string]string
	// Annotator is whose claims the pair holds, when a Claimdesk export's
	// visual.conf names the annotator of its collection (BratAnnotator);
	// ParseFile reads it from there. brat's files carry no annotator.
	Annotator string
}

// DefaultSpeakerRoles and DefaultTargetRoles are the role names of
// attribution and opinion corpora: Source–Cue–Content events (PARC),
// Agent in event corpora, Holder–Target in opinion corpora (MPQA).
var (
	DefaultSpeakerRoles = []string{"Source", "Speaker", "Agent", "Holder"}
	DefaultTargetRoles  = []string{"Target"}
)

// ParseBrat parses a brat standoff pair with the default BratOptions.
func ParseBrat(textName, annName string, text, ann []byte) ([]Document, []Problem, error) {
	return ParseBratWith(textName, annName, text, ann, BratOptions{})
}

// ParseBratWith parses a brat standoff pair: the article text (the .txt)
// and its annotations (the .ann). Offsets count code points of the .txt as
// brat reads it (a UTF-8 byte-order mark counts, CRs count); when a T line's
// quote shows another count was used, that is detected and reported.
// Text-bound annotations (T) become spans; fragments, in any order, that
// touch or are separated only by white space or line breaks make one span,
// and the quote is checked as brat checks it (the fragments' texts in the
// order listed, joined by a space). AnnotatorNotes in the form
// ParseBratNote reads, and notes or attributes named Speaker, Target or
// Note, fill those fields; so do events and relations (see BratOptions).
// Problems name the .ann line. An empty .ann is an article without claims.
func ParseBratWith(textName, annName string, text, ann []byte, opts BratOptions) ([]Document, []Problem, error) {
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
	spans, problems := parseAnn(annName, annText, raw, opts)
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
var bratKinds = map[byte]string{'N': "normalization", '*': "equivalence"}

// annReader collects the annotations of one .ann file.
type annReader struct {
	file     string
	raw      string // the article text, for checking fragment gaps
	opts     BratOptions
	spans    map[string]*rawSpan
	types    map[string]string // T id -> brat type as written
	order    []string
	notes    []annNote
	links    []bratLink // events and relations
	ignored  map[string]int
	problems []Problem
}

// annNote is a note or attribute to apply once every T line is known.
type annNote struct {
	line             int
	id, kind, target string
	value            string
}

func parseAnn(file, ann, raw string, opts BratOptions) ([]rawSpan, []Problem) {
	r := annReader{file: file, raw: raw, opts: opts, spans: map[string]*rawSpan{}, types: map[string]string{}, ignored: map[string]int{}}
	for n, line := range strings.Split(ann, "\n") {
		r.line(n+1, strings.TrimRight(line, "\r"))
	}
	dropped := r.resolveLinks()
	for _, note := range r.notes {
		if !dropped[note.target] {
			r.apply(note)
		}
	}
	spans := make([]rawSpan, 0, len(r.order))
	for _, id := range r.order {
		if !dropped[id] {
			spans = append(spans, *r.spans[id])
		}
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
	case id[0] == 'E' || id[0] == 'R':
		r.link(n, id, fields[1])
	case bratKinds[id[0]] != "":
		r.ignored[bratKinds[id[0]]]++
	default:
		r.warn(n, "%s: unknown kind of brat annotation", id)
	}
}

// textBound reads "T1<TAB>denial 10 20;21 42<TAB>quote". Fragments that
// touch or are separated only by white space (brat splits spans at line
// ends, and tools list fragments in any order) make one claim; fragments
// with text between them cannot, and are reported.
func (r *annReader) textBound(n int, fields []string) {
	id := fields[0]
	if _, dup := r.spans[id]; dup {
		r.warn(n, "%s is defined twice; the first one is kept", id)
		return
	}
	typ, offsets, _ := strings.Cut(fields[1], " ")
	frags, err := parseFragments(offsets)
	if err != nil {
		r.warn(n, "%s: %v%s", id, err, ClaimLeftOut)
		return
	}
	ordered := slices.Clone(frags)
	sort.Slice(ordered, func(i, j int) bool { return ordered[i][0] < ordered[j][0] })
	for i := 1; i < len(ordered); i++ {
		if ordered[i][0] < ordered[i-1][1] {
			r.warn(n, "%s: fragments %q overlap%s", id, offsets, ClaimLeftOut)
			return
		}
		gap, ok := storage.Slice(r.raw, ordered[i-1][1], ordered[i][0])
		if ok && !onlyBreaks(gap) {
			r.warn(n, "%s: fragments %s are separated by text (%q), and a claim is one stretch of text%s", id, offsets, clip(gap), ClaimLeftOut)
			return
		}
	}
	label := typ
	if name, ok := r.opts.LabelNames[typ]; ok {
		label = name
	}
	s := &rawSpan{Span: Span{Start: ordered[0][0], End: ordered[len(ordered)-1][1], Label: label, Annotator: r.opts.Annotator}, line: n, ref: id}
	if len(frags) > 1 {
		s.frags = frags
	}
	if len(fields) == 3 {
		s.quote, s.hasQuote = fields[2], true
	}
	r.spans[id] = s
	r.types[id] = typ
	r.order = append(r.order, id)
}

// parseFragments reads "10 20;21 42" into [start, end] pairs, in the
// order listed.
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
	return frags, nil
}

// IsBratLineBreak reports whether brat ends a .ann line at r. brat reads
// a .ann line by line the way Python splits lines (str.splitlines): at
// LF and CR, and at VT, FF, the separators U+001C–U+001E, NEL (U+0085) and
// U+2028/U+2029 as well. A text column holding one is cut there, and the
// annotation is lost.
func IsBratLineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

// onlyBreaks reports whether a gap between fragments holds nothing but
// white space and line breaks, which a claim may run over.
func onlyBreaks(gap string) bool {
	return strings.IndexFunc(gap, func(r rune) bool { return !unicode.IsSpace(r) && !IsBratLineBreak(r) }) < 0
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
		" ignored; Claimdesk imports text-bound annotations (T), their notes, and the speakers and targets events and relations give them"}}
}

// claimNoteKey finds the parts of a claim note: at the start, or after a
// "|" (or ";") separator, a speaker:, target: or note: key.
var claimNoteKey = regexp.MustCompile(`(?i)(?:^|\s*[|;]\s*)(speaker|target|note)\s*:\s*`)

// oneLine turns what a .ann line cannot hold (IsBratLineBreak, and the tab
// that separates its columns) into spaces, a CRLF into one; other spacing
// is kept as typed.
func oneLine(s string) string {
	s = strings.ReplaceAll(s, "\r\n", " ")
	return strings.Map(func(r rune) rune {
		if r == '\t' || IsBratLineBreak(r) {
			return ' '
		}
		return r
	}, s)
}

// BratNote writes a claim's speaker, target and note as the AnnotatorNotes
// text of Claimdesk's brat files:
//
//	speaker: <s> | target: <t> | note: <n>
//
// with empty parts left out, and "" when all are empty (write no note line
// then). Line breaks (IsBratLineBreak) and tabs become spaces, as a .ann
// line cannot hold them.
// ParseBratNote reads it back.
func BratNote(speaker, target, note string) string {
	var parts []string
	for _, kv := range [...][2]string{{"speaker", speaker}, {"target", target}, {"note", note}} {
		if v := strings.TrimSpace(oneLine(kv[1])); v != "" {
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
