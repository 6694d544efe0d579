package search

import (
	"container/heap"
	"slices"
)

// hit is a matching claim before it becomes a Result.
type hit struct {
	slot    int32
	score   int32
	updated int64
	id      uint64
}

// better is the result order: higher score, then more recently updated,
// then the higher (newer) id, so the order is total and repeatable.
func better(a, b hit) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	if a.updated != b.updated {
		return a.updated > b.updated
	}
	return a.id > b.id
}

func compareHits(a, b hit) int {
	switch {
	case better(a, b):
		return -1
	case better(b, a):
		return 1
	}
	return 0
}

// topK keeps the best limit hits offered to it; limit <= 0 keeps all. It is
// a min-heap on better, so the worst kept hit is at the root and a weaker
// offer costs one comparison.
type topK struct {
	limit int
	hits  []hit
}

func (t *topK) Len() int           { return len(t.hits) }
func (t *topK) Less(i, j int) bool { return better(t.hits[j], t.hits[i]) }
func (t *topK) Swap(i, j int)      { t.hits[i], t.hits[j] = t.hits[j], t.hits[i] }
func (t *topK) Push(x any)         { t.hits = append(t.hits, x.(hit)) }
func (t *topK) Pop() any {
	h := t.hits[len(t.hits)-1]
	t.hits = t.hits[:len(t.hits)-1]
	return h
}

func (t *topK) offer(h hit) {
	switch {
	case t.limit <= 0:
		t.hits = append(t.hits, h)
	case len(t.hits) < t.limit:
		heap.Push(t, h)
	case better(h, t.hits[0]):
		t.hits[0] = h
		heap.Fix(t, 0)
	}
}

// mergeTop combines the hits of several workers into the best limit, best
// first.
func mergeTop(parts []topK, limit int) []hit {
	var all []hit
	for _, p := range parts {
		all = append(all, p.hits...)
	}
	slices.SortFunc(all, compareHits)
	if limit > 0 && len(all) > limit {
		all = all[:limit]
	}
	return all
}
