package dataset

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"claimdesk/storage"
)

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
