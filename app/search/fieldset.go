package search

import "strings"

// fieldSet is the label, speaker, target and annotator of a claim, each a
// folded value a store repeats claim after claim (a few labels, one
// annotator, the same officials quoted about the same parties): records
// point to the values rather than each holding a copy.
type fieldSet struct {
	label, speaker, target, annotator *value
}

// value is a folded field value with its masks, shared by the records
// that hold it.
type value struct {
	text  string // folded
	raw   string // as stored
	masks runeMasks
}

// newValue folds a field value; raw may be borrowed, and is copied.
func newValue(raw string) *value {
	v := &value{text: foldText(raw), raw: strings.Clone(raw)}
	v.masks.add(v.text)
	return v
}

// masks are the runes of the four values, joined by separators.
func (fs *fieldSet) masks() runeMasks {
	return fs.label.masks.or(fs.speaker.masks).or(fs.target.masks).or(fs.annotator.masks)
}

// noValue is the value of a field left empty.
var noValue = newValue("")

// noFields is the set of a record with none of the four.
var noFields = fieldSet{noValue, noValue, noValue, noValue}

// newFieldSet folds the four fields into values of their own, for a record
// that lives no longer than a search.
func newFieldSet(label, speaker, target, annotator string) fieldSet {
	return fieldSet{newValue(label), newValue(speaker), newValue(target), newValue(annotator)}
}

// values finds the values already folded, by the text as stored. It is not
// safe for concurrent use: each goroutine that folds claims keeps its own.
type values struct {
	folded map[string]*value
	// last is the last value of each of the four fields: claim after
	// claim the annotator is the same, and often the label or speaker,
	// and comparing a short text is cheaper than hashing it.
	last [4]struct {
		text string
		v    *value
	}
}

func newValues() *values { return &values{folded: map[string]*value{}} }

// get returns the value of text, the field'th of the four, folded the
// first time it is seen. text may be borrowed from a transaction: what is
// kept is a copy.
func (vs *values) get(field int, text string) *value {
	if text == "" {
		return noValue
	}
	last := &vs.last[field]
	if last.v != nil && last.text == text {
		return last.v
	}
	v, ok := vs.folded[text]
	if !ok {
		v = newValue(text)
		vs.folded[v.raw] = v
	}
	last.text, last.v = v.raw, v
	return v
}

// fieldSet returns the set of the four fields, each value shared.
func (vs *values) fieldSet(label, speaker, target, annotator string) fieldSet {
	return fieldSet{vs.get(0, label), vs.get(1, speaker), vs.get(2, target), vs.get(3, annotator)}
}
