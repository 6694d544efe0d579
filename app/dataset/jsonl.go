package dataset

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"

	"claimdesk/storage"
)

// parseJSONL reads a corpus of one JSON record a line, a line at a time.
// A bad line is reported with its number and the rest still land; only a
// file that is not text, or cannot be read to its end, is refused whole.
func parseJSONL(name string, r io.Reader) ([]Document, []Problem, error) {
	br := jsonStream(r)
	if err := sniffJSON(br); err != nil {
		return nil, nil, FileProblem(name, err)
	}
	if first, _ := firstByte(br); first == '[' {
		// A JSON array saved as .jsonl: read it as the document it is.
		return parseJSONFile(name, br)
	}
	var (
		docs     []Document
		problems []Problem
	)
	lines := lineReader{r: br, max: MaxRecordSize}
	for n := 1; ; n++ {
		line, tooLong, err := lines.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, Problem{File: name, Line: n, Message: "reading: " + err.Error()}
		}
		switch {
		case tooLong:
			problems = append(problems, Problem{File: name, Line: n, Message: fmt.Sprintf("line is longer than %s; a record is one article", humanSize(MaxRecordSize))})
			continue
		case len(bytes.TrimSpace(line)) == 0:
			continue
		case n == 1 && string(bytes.TrimSpace(line)) == "{":
			return nil, nil, Problem{File: name, Line: 1, Message: "JSON Lines hold one record a line, but this record spans lines: save the file as .json"}
		}
		doc, found, err := parseRecordLine(name, n, line)
		problems = append(problems, found...)
		if err != nil {
			problems = append(problems, problemAt(name, n, err))
			continue
		}
		docs = append(docs, doc)
	}
	return docs, problems, nil
}

func parseRecordLine(name string, n int, line []byte) (Document, []Problem, error) {
	d, problems, err := recordDraft(name, n, line)
	if err != nil {
		return Document{}, problems, err
	}
	doc, more, err := d.finish()
	return doc, append(problems, more...), err
}

// firstByte peeks at the first byte that is not white space.
func firstByte(br *bufio.Reader) (byte, error) {
	for n := 1; ; n++ {
		head, err := br.Peek(n)
		if len(head) < n {
			return 0, err
		}
		if c := head[n-1]; c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return c, nil
		}
	}
}

// lineReader yields lines without their line end, however long, but keeps
// at most max bytes of one: a longer line is skipped and flagged.
type lineReader struct {
	r   *bufio.Reader
	max int
	buf []byte
}

func (lr *lineReader) next() (line []byte, tooLong bool, err error) {
	lr.buf = lr.buf[:0]
	read := false
	for {
		chunk, err := lr.r.ReadSlice('\n')
		read = read || len(chunk) > 0
		if !tooLong {
			if len(lr.buf)+len(chunk) > lr.max+2 { // room for CRLF
				tooLong, lr.buf = true, lr.buf[:0]
			} else {
				lr.buf = append(lr.buf, chunk...)
			}
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && read:
			err = nil
		case err != nil:
			return nil, false, err
		}
		return bytes.TrimRight(lr.buf, "\r\n"), tooLong, nil
	}
}

// spanFields are the keys under which records carry their spans: Prodigy
// and spaCy "spans", doccano "entities", and doccano's "label" (or "labels")
// list of [start, end, "label"] triples.
var spanFields = []string{"spans", "entities", "label", "labels"}

// recordDraft reads one JSON object in the shapes NLP tools write: "text",
// optional "title" and "meta", and spans in doccano or Prodigy form. The
// label triples take speaker, target, note and annotator from meta.claims,
// where Claimdesk's doccano export keeps them (applyMetaClaims). Every
// other field lands in the article's meta as doccano keeps extra columns
// (recordExtras). The error, a Problem, means the record cannot be
// imported at all; problems are spans left out of it, or what was changed
// or could not be kept.
func recordDraft(file string, line int, raw []byte) (draft, []Problem, error) {
	refuse := func(msg string) (draft, []Problem, error) {
		return draft{}, nil, Problem{File: file, Line: line, Message: msg}
	}
	fields, repeated, err := readObject(raw)
	if err != nil {
		return refuse(jsonErrorMessage(err))
	}
	if fields == nil {
		return refuse(`expected a JSON object with a "text" field, found null`)
	}
	d := draft{file: file, line: line, source: fmt.Sprintf("%s:%d", file, line)}
	var problems []Problem
	note := func(msg string) {
		problems = append(problems, Problem{File: file, Line: line, Message: msg, Warning: true})
	}
	for _, k := range repeated {
		note(fmt.Sprintf("%q appears more than once; the last one is used, as Python's json and doccano read it", k))
	}
	text, ok := fields["text"]
	if !ok {
		return refuse(`no "text" field`)
	}
	if d.text, ok = jsonString(text); !ok {
		return refuse(`"text" is not a string`)
	}
	if n := loneSurrogates(text); n > 0 {
		note(fmt.Sprintf(`"text" holds %s (half of a UTF-16 pair, not a character); replaced by U+FFFD`, storage.Plural(n, "lone surrogate escape")))
	}
	if d.title, ok = jsonString(fields["title"]); !ok {
		note(`"title" is not a string; ignored`)
	}
	meta, exportedTitle, metaClaims, msgs := recordMeta(fields["meta"])
	utf16 := takeOffsetsUnit(meta)
	d.meta = meta
	for _, m := range msgs {
		note(m)
	}
	if d.title == "" {
		d.title = exportedTitle
	}
	if d.title == "" {
		d.title, _ = jsonString(d.meta["title"])
	}
	annotator := recordAnnotator(fields)
	extras := metaAdder{meta: d.meta}
	for _, key := range spanFields {
		if v, ok := fields[key]; ok && !isNull(v) {
			spans, categories, msgs := parseSpanList(key, v, annotator)
			d.spans = append(d.spans, spans...)
			if len(categories) > 0 {
				list, _ := json.Marshal(categories)
				_ = extras.add(key, key, list)
			}
			for _, m := range msgs {
				note(m + ClaimLeftOut)
			}
			d.spansLeftOut += len(msgs)
		}
	}
	for _, m := range recordExtras(fields, &extras) {
		note(m)
	}
	d.meta = extras.meta
	for _, m := range applyMetaClaims(d.spans, metaClaims) {
		note(m)
	}
	if utf16 {
		var left []string
		d.spans, left = spansFromUTF16(d.text, d.spans)
		for _, m := range left {
			note(m + ClaimLeftOut)
		}
		d.spansLeftOut += len(left)
	}
	if answer, _ := jsonString(fields["answer"]); (answer == "reject" || answer == "ignore") && len(d.spans) > 0 {
		note(fmt.Sprintf(`"answer" is %q: the text is imported without its %s`, answer, storage.Plural(len(d.spans), "span")))
		d.spans = nil
	}
	return d, problems, nil
}

// recordAnnotator is who marked a record's spans: Claimdesk's and
// doccano's "annotator", else Prodigy's "_annotator_id" (the dataset and
// session, as Prodigy names its annotators).
func recordAnnotator(fields map[string]json.RawMessage) string {
	if who, _ := jsonString(fields["annotator"]); who != "" {
		return who
	}
	who, _ := jsonString(fields["_annotator_id"])
	return who
}

// recordFieldsRead are the fields recordDraft stores in their own right;
// spanFields are read too, and kept in meta only as document labels.
var recordFieldsRead = map[string]bool{"text": true, "title": true, "meta": true, "annotator": true}

// recordFieldsDerived are fields a tool computes from the text, which the
// tool computes again: spaCy's and Prodigy's tokens, as long as the text.
var recordFieldsDerived = map[string]bool{"tokens": true}

// recordExtras keeps the record's other fields in its meta, the way
// doccano keeps a JSONL file's extra columns: an "id", doccano's
// "Comments", Prodigy's "_input_hash" and "answer". doccano's "relations"
// are kept too, with a word, since they link spans that become claims and
// Claimdesk's claims have no links. It returns the warnings to give.
func recordExtras(fields map[string]json.RawMessage, extras *metaAdder) []string {
	var msgs []string
	for _, k := range slices.Sorted(maps.Keys(fields)) {
		v := fields[k]
		if recordFieldsRead[k] || recordFieldsDerived[k] || slices.Contains(spanFields, k) {
			continue
		}
		if extras.add(k, k, v) && k == "relations" {
			if n := listLen(v); n > 0 {
				msgs = append(msgs, fmt.Sprintf(`%s kept as article meta "relations": Claimdesk stores the spans as claims, not the links between them`, storage.Plural(n, "relation")))
			}
		}
	}
	return append(msgs, extras.warnings()...)
}

// listLen is the length of a JSON list, 0 for anything else.
func listLen(raw json.RawMessage) int {
	var elems []json.RawMessage
	_ = json.Unmarshal(raw, &elems)
	return len(elems)
}

// spanObject is a span written as an object: Prodigy/spaCy {start, end,
// label}, doccano {start_offset, end_offset, label}, or Label Studio's
// JSON-MIN {start, end, text, labels}. Speaker, target, note and annotator
// ride along when the exporter wrote them.
type spanObject struct {
	Start       json.RawMessage `json:"start"`
	End         json.RawMessage `json:"end"`
	StartOffset json.RawMessage `json:"start_offset"`
	EndOffset   json.RawMessage `json:"end_offset"`
	Label       json.RawMessage `json:"label"`
	Labels      []string        `json:"labels"`
	Text        json.RawMessage `json:"text"`
	spanDetails
}

// spanDetails are what Claimdesk adds to a labeled span, as its spans
// JSONL and doccano's meta.claims write them: who said it, about whom, a
// note, and who marked it.
type spanDetails struct {
	Speaker   json.RawMessage `json:"speaker"`
	Target    json.RawMessage `json:"target"`
	Note      json.RawMessage `json:"note"`
	Annotator json.RawMessage `json:"annotator"`
}

// apply sets the details the file gives on s; an absent or empty one
// leaves s as it was, so a record's annotator stays the default.
func (d spanDetails) apply(s *Span) error {
	fields := []struct {
		name string
		raw  json.RawMessage
		dst  *string
	}{
		{"speaker", d.Speaker, &s.Speaker}, {"target", d.Target, &s.Target},
		{"note", d.Note, &s.Note}, {"annotator", d.Annotator, &s.Annotator},
	}
	for _, f := range fields {
		if v, ok := jsonString(f.raw); !ok {
			return fmt.Errorf("%q is not a string", f.name)
		} else if v != "" {
			*f.dst = v
		}
	}
	return nil
}

// parseSpanList reads a record's list of spans. Each element is a doccano
// triple [start, end, "label"], a span object, or a bare string, which is a
// label of the whole document (doccano text classification) and returned
// among categories. msgs explain the elements that could not be read.
func parseSpanList(field string, raw json.RawMessage, annotator string) (spans []rawSpan, categories []string, msgs []string) {
	var elems []json.RawMessage
	if err := json.Unmarshal(raw, &elems); err != nil {
		return nil, nil, []string{fmt.Sprintf("%q is not a list of spans", field)}
	}
	for i, elem := range elems {
		ref := fmt.Sprintf("%s[%d]", field, i)
		if s, ok := jsonString(elem); ok && !isNull(elem) {
			categories = append(categories, s)
			continue
		}
		got, err := readSpan(elem, annotator)
		if err != nil {
			msgs = append(msgs, ref+": "+err.Error())
			continue
		}
		for _, s := range got {
			s.ref = ref
			spans = append(spans, s)
		}
	}
	return spans, categories, msgs
}

func readSpan(elem json.RawMessage, annotator string) ([]rawSpan, error) {
	var triple []json.RawMessage
	if json.Unmarshal(elem, &triple) == nil {
		return readTriple(triple, annotator)
	}
	var o spanObject
	if err := json.Unmarshal(elem, &o); err != nil {
		return nil, fmt.Errorf(`expected [start, end, "label"] or {"start", "end", "label"}, found %s`, clip(string(elem)))
	}
	return o.spans(annotator)
}

func readTriple(t []json.RawMessage, annotator string) ([]rawSpan, error) {
	if len(t) != 3 {
		return nil, fmt.Errorf(`expected [start, end, "label"], found %d values`, len(t))
	}
	start, err := jsonInt(t[0])
	if err != nil {
		return nil, fmt.Errorf("start %w", err)
	}
	end, err := jsonInt(t[1])
	if err != nil {
		return nil, fmt.Errorf("end %w", err)
	}
	label, ok := jsonString(t[2])
	if !ok {
		return nil, fmt.Errorf("the label %s is not a string", clip(string(t[2])))
	}
	return []rawSpan{{Span: Span{Start: start, End: end, Label: label, Annotator: annotator}, triple: true}}, nil
}

func (o spanObject) spans(annotator string) ([]rawSpan, error) {
	startRaw, endRaw := o.Start, o.End
	if isNull(startRaw) && isNull(endRaw) {
		startRaw, endRaw = o.StartOffset, o.EndOffset
	}
	start, err := jsonInt(startRaw)
	if err != nil {
		return nil, fmt.Errorf("start %w", err)
	}
	end, err := jsonInt(endRaw)
	if err != nil {
		return nil, fmt.Errorf("end %w", err)
	}
	base := rawSpan{Span: Span{Start: start, End: end, Annotator: annotator}}
	if err := o.apply(&base.Span); err != nil {
		return nil, err
	}
	if base.quote, base.hasQuote = jsonString(o.Text); !base.hasQuote {
		return nil, fmt.Errorf(`"text" is not a string`)
	}
	base.hasQuote = !isNull(o.Text)
	labels := o.Labels
	if label, ok := jsonString(o.Label); !ok {
		return nil, fmt.Errorf("the label %s is not a string", clip(string(o.Label)))
	} else if label != "" || len(labels) == 0 {
		labels = append([]string{label}, labels...)
	}
	out := make([]rawSpan, len(labels))
	for i, l := range labels {
		out[i] = base
		out[i].Label = l
	}
	return out, nil
}

// metaClaimsKey is the meta field where Claimdesk's doccano export writes
// every claim in full: doccano's [start, end, "label"] triples have no room
// for speaker, target, note and annotator, and doccano keeps a record's
// meta untouched, so the details survive a trip through it.
const metaClaimsKey = "claims"

// detailsIgnored ends every message about a meta.claims entry that is not
// used; the claim itself still lands if its triple does.
const detailsIgnored = "; its speaker, target, note and annotator are ignored"

// metaClaim is one readable entry of meta.claims.
type metaClaim struct {
	Span
	ref string // how the file names it: "meta.claims[2]"
}

// metaClaimObject is a meta.claims entry as the file writes it.
type metaClaimObject struct {
	Start json.RawMessage `json:"start"`
	End   json.RawMessage `json:"end"`
	Label json.RawMessage `json:"label"`
	spanDetails
}

// recordMeta reads a record's "meta" into the article's meta, as given,
// and the claims of meta.claims. A meta.claims list is Claimdesk's and is
// taken out of the article's meta, since the claims are stored as claims;
// so is what a Claimdesk export wrote apart (takeClaimdeskMeta), whose
// title it returns. Any other value there belongs to the user or some other
// tool and stays article meta. msgs explain what was ignored.
func recordMeta(raw json.RawMessage) (meta storage.Meta, exportedTitle string, claims []metaClaim, msgs []string) {
	obj, ok := metaObject(raw)
	if !ok {
		return nil, "", nil, []string{`"meta" is not an object; ignored`}
	}
	if list, found := obj[metaClaimsKey]; found && !isNull(list) {
		var elems []json.RawMessage
		if err := json.Unmarshal(list, &elems); err != nil {
			msgs = append(msgs, fmt.Sprintf(`"meta.claims" is %s, not a list of claims, so no speaker, target, note or annotator is restored from it; kept as article meta`, clip(string(list))))
		} else {
			delete(obj, metaClaimsKey)
			claims, msgs = readMetaClaims(elems)
		}
	}
	exportedTitle = takeClaimdeskMeta(obj)
	return asMeta(obj), exportedTitle, claims, msgs
}

// readMetaClaims reads the entries of meta.claims; one that cannot be read
// is reported and skipped, the others still count.
func readMetaClaims(elems []json.RawMessage) (claims []metaClaim, msgs []string) {
	for i, elem := range elems {
		ref := fmt.Sprintf("meta.claims[%d]", i)
		c, err := readMetaClaim(elem)
		if err != nil {
			msgs = append(msgs, ref+": "+err.Error()+detailsIgnored)
			continue
		}
		c.ref = ref
		claims = append(claims, c)
	}
	return claims, msgs
}

func readMetaClaim(elem json.RawMessage) (metaClaim, error) {
	var o metaClaimObject
	if isNull(elem) || json.Unmarshal(elem, &o) != nil {
		return metaClaim{}, fmt.Errorf(`expected {"start", "end", "label", …}, found %s`, clip(string(elem)))
	}
	start, err := jsonInt(o.Start)
	if err != nil {
		return metaClaim{}, fmt.Errorf("start %w", err)
	}
	end, err := jsonInt(o.End)
	if err != nil {
		return metaClaim{}, fmt.Errorf("end %w", err)
	}
	label, ok := jsonString(o.Label)
	if !ok {
		return metaClaim{}, fmt.Errorf("the label %s is not a string", clip(string(o.Label)))
	}
	c := metaClaim{Span: Span{Start: start, End: end, Label: label}}
	if err := o.apply(&c.Span); err != nil {
		return metaClaim{}, err
	}
	return c, nil
}

// claimKey is what pairs a label triple with its meta.claims entry.
type claimKey struct {
	start, end int
	label      string
}

// applyMetaClaims gives each label triple the details of the first unused
// meta claim with the same start, end and label, so identical triples take
// identical-looking claims in the order the file lists them. A claim's
// annotator wins over the record's. Matching uses the offsets as the file
// wrote them, before any normalisation moves them.
//
// A meta claim that no triple takes is reported, not stored: the triples
// are what doccano shows and edits, so a claim without one was most likely
// removed there, and bringing it back would undo the analyst's work.
func applyMetaClaims(spans []rawSpan, claims []metaClaim) (msgs []string) {
	waiting := make(map[claimKey][]int, len(claims))
	for i, c := range claims {
		k := claimKey{c.Start, c.End, c.Label}
		waiting[k] = append(waiting[k], i)
	}
	used := make([]bool, len(claims))
	for i := range spans {
		s := &spans[i]
		k := claimKey{s.Start, s.End, s.Label}
		if !s.triple || len(waiting[k]) == 0 {
			continue
		}
		j := waiting[k][0]
		waiting[k] = waiting[k][1:]
		used[j] = true
		c := claims[j]
		s.Speaker, s.Target, s.Note = c.Speaker, c.Target, c.Note
		if c.Annotator != "" {
			s.Annotator = c.Annotator
		}
	}
	for j, c := range claims {
		if !used[j] {
			msgs = append(msgs, fmt.Sprintf("%s: no label triple [%d, %d, %q] matches this claim%s", c.ref, c.Start, c.End, c.Label, detailsIgnored))
		}
	}
	return msgs
}

// OffsetsMetaKey is the meta field where a doccano export with UTF-16
// offsets (what doccano's own interface counts) says so, with the value
// OffsetsUTF16. Code points, the contract, need no mark.
const (
	OffsetsMetaKey = "offsets"
	OffsetsUTF16   = "utf16"
)

// takeOffsetsUnit reports whether a record's meta marks its offsets as
// UTF-16 code units, and takes the mark out: it describes the file, not
// the article.
func takeOffsetsUnit(meta storage.Meta) bool {
	unit, ok := jsonString(meta[OffsetsMetaKey])
	if !ok || unit != OffsetsUTF16 {
		return false
	}
	delete(meta, OffsetsMetaKey)
	return true
}

// spansFromUTF16 converts spans counted in UTF-16 code units of text into
// code points; a span whose offsets split a character or pass the end is
// left out, and said why.
func spansFromUTF16(text string, spans []rawSpan) (kept []rawSpan, left []string) {
	for _, s := range spans {
		start, okStart := runeOffsetFromUTF16(text, s.Start)
		end, okEnd := runeOffsetFromUTF16(text, s.End)
		if !okStart || !okEnd {
			left = append(left, fmt.Sprintf("span %d–%d in UTF-16 units (meta.offsets) splits a character or passes the end of the text", s.Start, s.End))
			continue
		}
		s.Start, s.End = start, end
		kept = append(kept, s)
	}
	return kept, left
}
