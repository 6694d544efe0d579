package dataset

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"claimdesk/storage"
)

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
