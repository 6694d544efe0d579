package team

import (
	"slices"
	"sort"

	"claimdesk/storage"
)

// span is [start, end) in code points of an article's text.
type span struct{ start, end int }

func compareSpans(a, b span) int {
	if a.start != b.start {
		return a.start - b.start
	}
	return a.end - b.end
}

// labelLayer is one annotator's claims of one label in one article: each
// distinct span once (identical claims count once), sorted, and the
// union of them as disjoint sorted spans (the code points that are "in").
type labelLayer struct {
	spans []span
	union []span
}

// layersByLabel groups one annotator's claims in one article by label,
// keeping only the labels keep accepts.
func layersByLabel(claims []storage.Claim, keep func(string) bool) map[string]*labelLayer {
	out := map[string]*labelLayer{}
	for _, c := range claims {
		if !keep(c.Label) {
			continue
		}
		l := out[c.Label]
		if l == nil {
			l = &labelLayer{}
			out[c.Label] = l
		}
		l.spans = append(l.spans, span{c.Start, c.End})
	}
	for _, l := range out {
		slices.SortFunc(l.spans, compareSpans)
		l.spans = slices.Compact(l.spans)
		l.union = unionOf(l.spans)
	}
	return out
}

// unionOf merges sorted spans into disjoint sorted spans; spans that only
// touch stay apart, which changes no count of code points.
func unionOf(sorted []span) []span {
	var out []span
	for _, s := range sorted {
		if n := len(out); n > 0 && s.start < out[n-1].end {
			out[n-1].end = max(out[n-1].end, s.end)
			continue
		}
		out = append(out, s)
	}
	return out
}

// length counts the code points of disjoint spans.
func length(union []span) int {
	n := 0
	for _, s := range union {
		n += s.end - s.start
	}
	return n
}

// intersectionLength counts the code points two unions share.
func intersectionLength(a, b []span) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		lo, hi := max(a[i].start, b[j].start), min(a[i].end, b[j].end)
		if hi > lo {
			n += hi - lo
		}
		if a[i].end < b[j].end {
			i++
		} else {
			j++
		}
	}
	return n
}

// commonSpans counts the spans two sorted distinct lists both hold.
func commonSpans(a, b []span) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch c := compareSpans(a[i], b[j]); {
		case c == 0:
			n++
			i++
			j++
		case c < 0:
			i++
		default:
			j++
		}
	}
	return n
}

// overlapping counts the spans that share at least one code point with a
// union: the first union span ending after a span's start is the only one
// that can overlap it first.
func overlapping(spans, union []span) int {
	n := 0
	for _, s := range spans {
		k := sort.Search(len(union), func(i int) bool { return union[i].end > s.start })
		if k < len(union) && union[k].start < s.end {
			n++
		}
	}
	return n
}
