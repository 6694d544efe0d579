package dataset

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// jsonBatch collects the documents of a .json file, and counts what was
// left aside across its tasks so that each kind is reported once.
type jsonBatch struct {
	docs                   []Document
	problems               []Problem
	predictions, cancelled int
	ignored                map[string]int // result types that are not spans
}

// add reads one element of the file: a Label Studio task when it has
// "data", else a record shaped like a JSONL line.
func (b *jsonBatch) add(name string, line int, raw json.RawMessage) {
	if b.ignored == nil {
		b.ignored = map[string]int{}
	}
	var probe struct {
		Data json.RawMessage `json:"data"`
	}
	var (
		d     draft
		found []Problem
		err   error
	)
	if json.Unmarshal(raw, &probe) == nil && !isNull(probe.Data) {
		d, found, err = b.taskDraft(name, line, raw)
	} else {
		d, found, err = recordDraft(name, line, raw)
	}
	b.problems = append(b.problems, found...)
	if err != nil {
		b.problems = append(b.problems, asProblem(err, name, line))
		return
	}
	doc, more, err := d.finish()
	b.problems = append(b.problems, more...)
	if err != nil {
		b.problems = append(b.problems, asProblem(err, name, line))
		return
	}
	b.docs = append(b.docs, doc)
}

// summary reports, once for the file, what its tasks held that Claimdesk
// does not import.
func (b *jsonBatch) summary(name string) []Problem {
	var out []Problem
	note := func(msg string) { out = append(out, Problem{File: name, Message: msg, Warning: true}) }
	if b.predictions > 0 {
		note(fmt.Sprintf("predictions of %s ignored; only annotations are imported", countNoun(b.predictions, "task")))
	}
	if b.cancelled > 0 {
		note(fmt.Sprintf("%s ignored (cancelled in Label Studio)", countNoun(b.cancelled, "cancelled annotation")))
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
