package dataset

import (
	"encoding/json"
	"fmt"
)

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
	start, end, err := jsonSpanOffsets(t[0], t[1])
	if err != nil {
		return nil, err
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
	start, end, err := jsonSpanOffsets(startRaw, endRaw)
	if err != nil {
		return nil, err
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

// jsonSpanOffsets reads a span's start and end, whichever shape wrote
// them; the error names the one that is not a whole number.
func jsonSpanOffsets(startRaw, endRaw json.RawMessage) (start, end int, err error) {
	if start, err = jsonInt(startRaw); err != nil {
		return 0, 0, fmt.Errorf("start %w", err)
	}
	if end, err = jsonInt(endRaw); err != nil {
		return 0, 0, fmt.Errorf("end %w", err)
	}
	return start, end, nil
}
