package articleview

import (
	"slices"
	"testing"
)

func TestHighlightSetValidates(t *testing.T) {
	s := newHighlightSet([]Highlight{
		{ID: 1, Start: -5, End: 3},
		{ID: 2, Start: 8, End: 99},
		{ID: 3, Start: 4, End: 4},
		{ID: 4, Start: 6, End: 2},
	}, 10)
	var got [][3]int
	for _, h := range s.items {
		got = append(got, [3]int{int(h.ID), h.Start, h.End})
	}
	want := [][3]int{{1, 0, 3}, {2, 8, 10}}
	if !slices.Equal(got, want) {
		t.Errorf("items = %v, want %v", got, want)
	}
}

func TestHighlightTracksStackOverlaps(t *testing.T) {
	s := newHighlightSet([]Highlight{
		{ID: 1, Start: 0, End: 10},
		{ID: 2, Start: 2, End: 5},
		{ID: 3, Start: 3, End: 4},
		{ID: 4, Start: 6, End: 8}, // reuses row 1 after claim 2 ended
		{ID: 5, Start: 10, End: 12},
	}, 20)
	rows := map[uint64]int{}
	for i, h := range s.items {
		rows[h.ID] = s.track[i]
	}
	want := map[uint64]int{1: 0, 2: 1, 3: 2, 4: 1, 5: 0}
	for id, row := range want {
		if rows[id] != row {
			t.Errorf("claim %d in row %d, want %d", id, rows[id], row)
		}
	}
}

func TestHighlightOverlappingAndInnermost(t *testing.T) {
	s := newHighlightSet([]Highlight{
		{ID: 1, Start: 0, End: 30},
		{ID: 2, Start: 5, End: 10},
		{ID: 3, Start: 20, End: 25},
		{ID: 4, Start: 40, End: 50},
	}, 60)
	overlapping := func(a, b int) []uint64 {
		var ids []uint64
		s.overlapping(a, b, func(i int) { ids = append(ids, s.items[i].ID) })
		return ids
	}
	for _, tt := range []struct {
		a, b int
		want []uint64
	}{
		{0, 1, []uint64{1}},
		{9, 21, []uint64{1, 2, 3}},
		{10, 20, []uint64{1}},
		{30, 40, nil},
		{45, 60, []uint64{4}},
	} {
		if got := overlapping(tt.a, tt.b); !slices.Equal(got, tt.want) {
			t.Errorf("overlapping(%d, %d) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
	for off, want := range map[int]uint64{0: 1, 7: 2, 10: 1, 22: 3, 35: 0, 49: 4} {
		h, ok := s.innermost(off)
		if h.ID != want || ok != (want != 0) {
			t.Errorf("innermost(%d) = %d %v, want %d", off, h.ID, ok, want)
		}
	}
}
