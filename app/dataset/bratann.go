package dataset

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"claimdesk/storage"
)

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
		r.warn(n, "%s: %v%s", id, err, leftOut)
		return
	}
	for i := 1; i < len(frags); i++ {
		gap, ok := storage.Slice(r.raw, frags[i-1][1], frags[i][0])
		if ok && strings.TrimSpace(gap) != "" {
			r.warn(n, "%s: fragments %s are separated by text (%q), and a claim is one stretch of text%s", id, offsets, clip(gap), leftOut)
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
		kinds = append(kinds, countNoun(n, k))
	}
	sort.Strings(kinds)
	return []Problem{{File: r.file, Warning: true, Message: strings.Join(kinds, ", ") +
		" ignored; Claimdesk imports text-bound annotations (T) and their notes"}}
}
