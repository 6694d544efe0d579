package annotate

import (
	"math"
	"sort"
	"strings"

	"claimdesk/storage"
)

// PastValues lists the speakers and targets used before, the most used
// first, so the editor can complete them.
func PastValues(store *storage.Store) (speakers, targets []string, err error) {
	// The claims are read where they lie (a store of a million claims
	// would otherwise allocate every quote and note to count two
	// fields); a value is copied the first time it is seen. Counts are
	// pointers so that counting again never stores the borrowed string
	// as the map's key.
	sp, tg := map[string]*int{}, map[string]*int{}
	err = store.ForEachClaimBorrowed(0, math.MaxUint64, func(c *storage.Claim) bool {
		count(sp, c.Speaker)
		count(tg, c.Target)
		return true
	})
	return byUse(sp), byUse(tg), err
}

// count counts a borrowed value, copying it when new.
func count(counts map[string]*int, borrowed string) {
	if borrowed == "" {
		return
	}
	if n, ok := counts[borrowed]; ok {
		*n++
		return
	}
	one := 1
	counts[strings.Clone(borrowed)] = &one
}

func byUse(counts map[string]*int) []string {
	out := make([]string, 0, len(counts))
	for v := range counts {
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool {
		if *counts[out[i]] != *counts[out[j]] {
			return *counts[out[i]] > *counts[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

// Complete returns the values that start with prefix (case-insensitive)
// or, after those, contain it; at most limit.
func Complete(values []string, prefix string, limit int) []string {
	p := strings.ToLower(strings.TrimSpace(prefix))
	if p == "" {
		return nil
	}
	var starts, contains []string
	for _, v := range values {
		lv := strings.ToLower(v)
		switch {
		case lv == p:
			continue
		case strings.HasPrefix(lv, p):
			starts = append(starts, v)
		case strings.Contains(lv, p):
			contains = append(contains, v)
		}
	}
	out := append(starts, contains...)
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}
