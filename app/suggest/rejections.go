package suggest

import (
	"encoding/json"
	"sync"
)

// Rejections remember the candidates an analyst rejected, so that the
// same span is never proposed again in that article. The window persists
// them where it keeps its own state (RejectedSpans marshals to JSON).
type Rejections interface {
	Rejected(articleID uint64, start, end int) bool
}

// RejectedSpans is a Rejections in memory, safe for concurrent use.
type RejectedSpans struct {
	mu    sync.RWMutex
	spans map[uint64]map[[2]int]bool
}

// NewRejectedSpans returns an empty memory.
func NewRejectedSpans() *RejectedSpans {
	return &RejectedSpans{spans: map[uint64]map[[2]int]bool{}}
}

// Reject remembers [start, end) of the article as rejected.
func (r *RejectedSpans) Reject(articleID uint64, start, end int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.spans[articleID] == nil {
		r.spans[articleID] = map[[2]int]bool{}
	}
	r.spans[articleID][[2]int{start, end}] = true
}

// Forget undoes a Reject.
func (r *RejectedSpans) Forget(articleID uint64, start, end int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.spans[articleID], [2]int{start, end})
}

// ForgetArticle drops what was rejected in a deleted article.
func (r *RejectedSpans) ForgetArticle(articleID uint64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.spans, articleID)
}

// Rejected reports whether [start, end) of the article was rejected.
func (r *RejectedSpans) Rejected(articleID uint64, start, end int) bool {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.spans[articleID][[2]int{start, end}]
}

// rejectedSpan is one remembered span in the JSON form.
type rejectedSpan struct {
	ArticleID uint64 `json:"article_id"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
}

// MarshalJSON writes the memory as a list of {"article_id","start","end"}.
func (r *RejectedSpans) MarshalJSON() ([]byte, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	list := []rejectedSpan{}
	for id, spans := range r.spans {
		for s := range spans {
			list = append(list, rejectedSpan{id, s[0], s[1]})
		}
	}
	sortRejected(list)
	return json.Marshal(list)
}

// UnmarshalJSON reads what MarshalJSON wrote, adding to the memory.
func (r *RejectedSpans) UnmarshalJSON(data []byte) error {
	var list []rejectedSpan
	if err := json.Unmarshal(data, &list); err != nil {
		return err
	}
	for _, s := range list {
		r.Reject(s.ArticleID, s.Start, s.End)
	}
	return nil
}

func sortRejected(list []rejectedSpan) {
	less := func(a, b rejectedSpan) bool {
		if a.ArticleID != b.ArticleID {
			return a.ArticleID < b.ArticleID
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.End < b.End
	}
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && less(list[j], list[j-1]); j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
}
