package dataset

import (
	"encoding/json"
	"fmt"
	"strings"
)

// spanFields are the keys under which records carry their spans: Prodigy
// and spaCy "spans", doccano "entities", and doccano's "label" (or "labels")
// list of [start, end, "label"] triples.
var spanFields = []string{"spans", "entities", "label", "labels"}

// recordDraft reads one JSON object in the shapes NLP tools write: "text",
// optional "title" and "meta", and spans in doccano or Prodigy form. The
// label triples take speaker, target, note and annotator from meta.claims,
// where Claimdesk's doccano export keeps them (applyMetaClaims). The error,
// a Problem, means the record cannot be imported at all; problems are spans
// left out of it, or details that could not be restored.
func recordDraft(file string, line int, raw []byte) (draft, []Problem, error) {
	refuse := func(msg string) (draft, []Problem, error) {
		return draft{}, nil, Problem{File: file, Line: line, Message: msg}
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
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
	text, ok := fields["text"]
	if !ok {
		return refuse(`no "text" field`)
	}
	if d.text, ok = jsonString(text); !ok {
		return refuse(`"text" is not a string`)
	}
	if d.title, ok = jsonString(fields["title"]); !ok {
		note(`"title" is not a string; ignored`)
	}
	meta, metaClaims, msgs := recordMeta(fields["meta"])
	d.meta = meta
	for _, m := range msgs {
		note(m)
	}
	if d.title == "" && d.meta != nil {
		d.title = d.meta["title"]
	}
	if id, ok := scalarString(fields["id"]); ok {
		d.meta = setMeta(d.meta, "id", id)
	}
	annotator, _ := jsonString(fields["annotator"])
	for _, key := range spanFields {
		if v, ok := fields[key]; ok && !isNull(v) {
			spans, categories, msgs := parseSpanList(key, v, annotator)
			d.spans = append(d.spans, spans...)
			d.meta = setMeta(d.meta, key, strings.Join(categories, ", "))
			for _, m := range msgs {
				note(m + leftOut)
			}
		}
	}
	for _, m := range applyMetaClaims(d.spans, metaClaims) {
		note(m)
	}
	if answer, _ := jsonString(fields["answer"]); (answer == "reject" || answer == "ignore") && len(d.spans) > 0 {
		note(fmt.Sprintf(`"answer" is %q: the text is imported without its %s`, answer, countNoun(len(d.spans), "span")))
		d.spans = nil
	}
	return d, problems, nil
}
