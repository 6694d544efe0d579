package dataset

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"claimdesk/storage"
)

// shapeText has what offsets trip over: emoji (two UTF-16 units), Arabic,
// a combining mark, CJK, and a claim across a line end.
const shapeText = "Peskov 😀 said: \"Russia never interfered.\"\nقال بيسكوف إن روسيا لم تتدخل\nCafe\u0301 中文 claim\nover two lines."

// shapeSpans are the claims written in every export shape below.
func shapeSpans() []Span {
	find := func(q, label string) Span {
		i := strings.Index(shapeText, q)
		start := storage.RuneOffset(shapeText, i)
		return Span{Start: start, End: start + storage.RuneLen(q), Label: label}
	}
	spans := []Span{
		find(`"Russia never interfered."`, "denial"),
		find("روسيا لم تتدخل", "denial"),
		find("Cafe\u0301 中文", "praise"),
		find("claim\nover", "accusation"),
	}
	spans[0].Speaker, spans[0].Target, spans[0].Note = "Dmitry Peskov", "United States", "official | line"
	spans[1].Speaker, spans[1].Annotator = "بيسكوف", "ana"
	return spans
}

// TestExportShapes writes the shapes of the design sketch's "Export" table the
// way an exporter does and checks ParseFile gives the same spans back.
func TestExportShapes(t *testing.T) {
	dir := t.TempDir()
	spans := shapeSpans()
	for name, write := range map[string]func(string, []Span) (string, error){
		"doccano.jsonl":    writeDoccano,
		"spans.jsonl":      writeSpansJSONL,
		"labelstudio.json": writeLabelStudio,
		"brat.ann":         writeBrat,
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			data, err := write(path, spans)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
			docs, problems, err := ParseFile(path)
			if err != nil || len(problems) > 0 || len(docs) != 1 {
				t.Fatalf("err %v, problems %v, %d docs", err, problems, len(docs))
			}
			if docs[0].Text != shapeText {
				t.Errorf("text changed: %q", docs[0].Text)
			}
			want := spans
			switch name {
			case "labelstudio.json": // written here with labels only
				want = stripDetails(spans)
			case "brat.ann": // brat has no place for the annotator
				want = stripAnnotators(spans)
			}
			if !slices.Equal(docs[0].Spans, want) {
				t.Errorf("spans\n got %+v\nwant %+v", docs[0].Spans, want)
			}
		})
	}
}

func stripDetails(spans []Span) []Span {
	out := make([]Span, len(spans))
	for i, s := range spans {
		out[i] = Span{Start: s.Start, End: s.End, Label: s.Label}
	}
	return out
}

func stripAnnotators(spans []Span) []Span {
	out := slices.Clone(spans)
	for i := range out {
		out[i].Annotator = ""
	}
	return out
}

// writeDoccano writes the triples doccano reads and, in meta.claims, the
// details, listed in reverse so that pairing cannot lean on the order.
func writeDoccano(_ string, spans []Span) (string, error) {
	labels := make([][]any, len(spans))
	for i, s := range spans {
		labels[i] = []any{s.Start, s.End, s.Label}
	}
	claims := spanMaps(spans)
	slices.Reverse(claims)
	meta := map[string]any{"title": "T", "claims": claims}
	b, err := json.Marshal(map[string]any{"id": 1, "text": shapeText, "label": labels, "meta": meta})
	return string(b) + "\n", err
}

func writeSpansJSONL(_ string, spans []Span) (string, error) {
	b, err := json.Marshal(map[string]any{"text": shapeText, "spans": spanMaps(spans), "meta": map[string]string{}})
	return string(b) + "\n", err
}

// spanMaps writes spans as the exporter's claim objects, empty details left
// out.
func spanMaps(spans []Span) []map[string]any {
	out := make([]map[string]any, len(spans))
	for i, s := range spans {
		out[i] = map[string]any{"start": s.Start, "end": s.End, "label": s.Label}
		for k, v := range map[string]string{"speaker": s.Speaker, "target": s.Target, "note": s.Note, "annotator": s.Annotator} {
			if v != "" {
				out[i][k] = v
			}
		}
	}
	return out
}

func writeLabelStudio(_ string, spans []Span) (string, error) {
	results := make([]map[string]any, len(spans))
	for i, s := range spans {
		quote, _ := storage.Slice(shapeText, s.Start, s.End)
		results[i] = map[string]any{"from_name": "label", "to_name": "text", "type": "labels",
			"value": map[string]any{"start": s.Start, "end": s.End, "text": quote, "labels": []string{s.Label}}}
	}
	task := map[string]any{"data": map[string]any{"text": shapeText}, "annotations": []any{map[string]any{"result": results}}}
	b, err := json.MarshalIndent([]any{task}, "", "  ")
	return string(b), err
}

// writeBrat writes DOC.txt and returns DOC.ann: a span over a line end as
// fragments, speaker, target and note in one AnnotatorNotes line.
func writeBrat(path string, spans []Span) (string, error) {
	if err := os.WriteFile(siblingWithExt(path, ".txt"), []byte(shapeText), 0o644); err != nil {
		return "", err
	}
	var b strings.Builder
	for i, s := range spans {
		quote, _ := storage.Slice(shapeText, s.Start, s.End)
		var frags, parts []string
		start := s.Start
		for j, line := range strings.Split(quote, "\n") {
			if j > 0 {
				start++ // the line end between fragments
			}
			end := start + storage.RuneLen(line)
			frags, parts = append(frags, fmt.Sprintf("%d %d", start, end)), append(parts, line)
			start = end
		}
		fmt.Fprintf(&b, "T%d\t%s %s\t%s\n", i+1, s.Label, strings.Join(frags, ";"), strings.Join(parts, " "))
		if note := BratNote(s.Speaker, s.Target, s.Note); note != "" {
			fmt.Fprintf(&b, "#%d\tAnnotatorNotes T%d\t%s\n", i+1, i+1, note)
		}
	}
	return b.String(), nil
}
