package dataset

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"claimdesk/storage"
)

// lsTask is one task of a Label Studio JSON export. Spans are the
// "labels" results of its annotations; predictions are not claims anyone
// made and are left out.
type lsTask struct {
	ID          json.RawMessage            `json:"id"`
	Data        map[string]json.RawMessage `json:"data"`
	Annotations []lsAnnotation             `json:"annotations"`
	Predictions []json.RawMessage          `json:"predictions"`
}

type lsAnnotation struct {
	CompletedBy  json.RawMessage `json:"completed_by"`
	WasCancelled bool            `json:"was_cancelled"`
	Result       []lsResult      `json:"result"`
}

// lsResult is one region. Label Studio keeps a region's free text in
// meta.text; per-region text areas named speaker, target or note share the
// region's id; value.speaker/target/note are accepted as exporters write them.
type lsResult struct {
	ID       json.RawMessage `json:"id"`
	Type     string          `json:"type"`
	FromName string          `json:"from_name"`
	Value    struct {
		Start   json.RawMessage `json:"start"`
		End     json.RawMessage `json:"end"`
		Text    json.RawMessage `json:"text"`
		Labels  []string        `json:"labels"`
		Speaker json.RawMessage `json:"speaker"`
		Target  json.RawMessage `json:"target"`
		Note    json.RawMessage `json:"note"`
	} `json:"value"`
	Meta struct {
		Text json.RawMessage `json:"text"`
	} `json:"meta"`
}

// taskDraft reads a Label Studio task into a draft.
func (b *jsonBatch) taskDraft(name string, line int, raw json.RawMessage) (draft, []Problem, error) {
	refuse := func(msg string) (draft, []Problem, error) {
		return draft{}, nil, Problem{File: name, Line: line, Message: msg}
	}
	var t lsTask
	if err := json.Unmarshal(raw, &t); err != nil {
		return refuse("task: " + jsonErrorMessage(err))
	}
	d := draft{file: name, line: line, source: fmt.Sprintf("%s:%d", name, line)}
	text, ok := t.Data["text"]
	if !ok {
		return refuse(`task has no "data.text"`)
	}
	if d.text, ok = jsonString(text); !ok {
		return refuse(`"data.text" is not a string`)
	}
	var problems []Problem
	warn := func(msg string) {
		problems = append(problems, Problem{File: name, Line: line, Message: msg, Warning: true})
	}
	if n := loneSurrogates(text); n > 0 {
		warn(fmt.Sprintf(`"data.text" holds %s (half of a UTF-16 pair, not a character); replaced by U+FFFD`, storage.Plural(n, "lone surrogate escape")))
	}
	d.title, _ = jsonString(t.Data["title"])
	obj, ok := metaObject(t.Data["meta"])
	if !ok {
		warn(`"data.meta" is not an object; ignored`)
	}
	extras := metaAdder{meta: asMeta(obj)}
	for _, k := range slices.Sorted(maps.Keys(t.Data)) {
		if k != "text" && k != "title" && k != "meta" {
			_ = extras.add("data."+k, k, t.Data[k])
		}
	}
	if !isNull(t.ID) {
		_ = extras.add("id", "id", t.ID)
	}
	for _, m := range extras.warnings() {
		warn(m)
	}
	d.meta = extras.meta
	if len(t.Predictions) > 0 {
		b.predictions++
	}
	for i, a := range t.Annotations {
		if a.WasCancelled {
			b.cancelled++
			continue
		}
		spans, msgs := b.annotationSpans(i, a)
		d.spans = append(d.spans, spans...)
		for _, m := range msgs {
			warn(m + ClaimLeftOut)
		}
		d.spansLeftOut += len(msgs)
	}
	return d, problems, nil
}

// summary reports, once for the file, what its tasks held that Claimdesk
// does not import.
func (b *jsonBatch) summary(name string) []Problem {
	var out []Problem
	note := func(msg string) { out = append(out, Problem{File: name, Message: msg, Warning: true}) }
	if b.predictions > 0 {
		note(fmt.Sprintf("predictions of %s ignored; only annotations are imported", storage.Plural(b.predictions, "task")))
	}
	if b.cancelled > 0 {
		note(fmt.Sprintf("%s ignored (cancelled in Label Studio)", storage.Plural(b.cancelled, "cancelled annotation")))
	}
	if len(b.ignored) > 0 {
		types := make([]string, 0, len(b.ignored))
		for t, n := range b.ignored {
			types = append(types, fmt.Sprintf("%q ×%d", t, n))
		}
		sort.Strings(types)
		note("results of type " + strings.Join(types, ", ") + " ignored; Claimdesk imports labeled text spans")
	}
	return out
}

func (b *jsonBatch) annotationSpans(i int, a lsAnnotation) (spans []rawSpan, msgs []string) {
	annotator := completedBy(a.CompletedBy)
	extras := map[string]map[string]string{}
	for _, r := range a.Result {
		if field := strings.ToLower(r.FromName); r.Type == "textarea" && isClaimField(field) {
			if extras[string(r.ID)] == nil {
				extras[string(r.ID)] = map[string]string{}
			}
			extras[string(r.ID)][field], _ = jsonStrings(r.Value.Text)
		}
	}
	for j, r := range a.Result {
		ref := fmt.Sprintf("annotations[%d].result[%d]", i, j)
		switch {
		case r.Type == "textarea" && isClaimField(strings.ToLower(r.FromName)):
			continue
		case r.Type != "labels":
			b.ignored[r.Type]++
			continue
		}
		s, err := regionSpan(r, extras[string(r.ID)], annotator)
		if err != nil {
			msgs = append(msgs, ref+": "+err.Error())
			continue
		}
		for _, label := range r.Value.Labels {
			s.ref, s.Label = ref, label
			spans = append(spans, s)
		}
	}
	return spans, msgs
}

func regionSpan(r lsResult, extra map[string]string, annotator string) (rawSpan, error) {
	start, err := jsonInt(r.Value.Start)
	if err != nil {
		return rawSpan{}, fmt.Errorf("value.start %w", err)
	}
	end, err := jsonInt(r.Value.End)
	if err != nil {
		return rawSpan{}, fmt.Errorf("value.end %w", err)
	}
	if len(r.Value.Labels) == 0 {
		return rawSpan{}, fmt.Errorf("region %d–%d has no labels", start, end)
	}
	s := rawSpan{Span: Span{Start: start, End: end, Annotator: annotator}}
	s.quote, s.hasQuote = jsonString(r.Value.Text)
	s.hasQuote = s.hasQuote && !isNull(r.Value.Text)
	s.Speaker, s.Target = extra["speaker"], extra["target"]
	if s.Note = extra["note"]; s.Note == "" {
		s.Note, _ = jsonStrings(r.Meta.Text)
	}
	for _, f := range []struct {
		raw json.RawMessage
		dst *string
	}{{r.Value.Speaker, &s.Speaker}, {r.Value.Target, &s.Target}, {r.Value.Note, &s.Note}} {
		if v, _ := jsonStrings(f.raw); v != "" {
			*f.dst = v
		}
	}
	return s, nil
}

// completedBy names the annotator: an e-mail when the export carries the
// user, else Label Studio's user number.
func completedBy(raw json.RawMessage) string {
	if s, ok := jsonString(raw); ok {
		return s
	}
	if n, err := jsonInt(raw); err == nil {
		return fmt.Sprintf("Label Studio user %d", n)
	}
	var user struct {
		Email string `json:"email"`
		ID    int    `json:"id"`
	}
	if json.Unmarshal(raw, &user) == nil && user.Email != "" {
		return user.Email
	} else if user.ID != 0 {
		return fmt.Sprintf("Label Studio user %d", user.ID)
	}
	return ""
}
