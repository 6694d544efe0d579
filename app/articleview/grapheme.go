package articleview

import "claimdesk/app/segment"

// Characters are grapheme clusters, as package segment defines them; these
// are the view's names for its answers. Every offset the view hands out
// (caret, selection, hit test, line break) is a cluster boundary.

const zwj = '\u200d'

// isBoundary reports whether code-point offset i of text is a grapheme
// cluster boundary. The start and the end of the text always are.
func isBoundary(text []rune, i int) bool { return segment.IsGraphemeBoundary(text, i) }

// clusterStart returns the largest boundary <= i.
func clusterStart(text []rune, i int) int { return segment.GraphemeStart(text, i) }

// clusterEnd returns the smallest boundary > i, or len(text) when i is at
// or past the end.
func clusterEnd(text []rune, i int) int { return segment.GraphemeEnd(text, i) }

// snapBoundary moves i to the nearest boundary on the side given: back to
// the cluster start, or forward to the next boundary when i is inside one.
func snapBoundary(text []rune, i int, forward bool) int {
	i = clampInt(i, 0, len(text))
	if isBoundary(text, i) {
		return i
	}
	if forward {
		return clusterEnd(text, i)
	}
	return clusterStart(text, i)
}

// isExtend reports characters that join the cluster before them and so have
// no advance of their own.
func isExtend(r rune) bool { return segment.Extends(r) }

func clampInt(v, lo, hi int) int {
	return min(max(v, lo), hi)
}
