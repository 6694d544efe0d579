package search

import (
	"slices"
	"testing"
)

func TestMatchTitles(t *testing.T) {
	titles := []string{
		"Kremlin rejects report on troops",     // 0
		"Peskov: talks with Kyiv are possible", // 1
		"Putin praised Trump",                  // 2
		"Ministry denies leak",                 // 3
		"Ущерб от санкций: Кремль",             // 4
		"label:denial in a title",              // 5
		"Kremlin",                              // 6
	}
	for _, tc := range []struct {
		query string
		want  []int
	}{
		{"", []int{0, 1, 2, 3, 4, 5, 6}},
		{"   ", []int{0, 1, 2, 3, 4, 5, 6}},
		{"kremlin", []int{0, 6}}, // whole words, ties in list order
		{"trump putin", []int{2}},
		{"kreml", []int{0, 6}},
		{"кремль", []int{4}},
		{"label:denial", []int{5}}, // no filter syntax for titles
		{`"praised trump"`, []int{2}},
		{"xyzzy", []int{}},
		{"kr", []int{0, 6, 1}}, // prefixes first, then scattered
	} {
		got := MatchTitles(tc.query, titles)
		if !slices.Equal(got, tc.want) && !(len(got) == 0 && len(tc.want) == 0) {
			t.Errorf("MatchTitles(%q) = %v, want %v", tc.query, got, tc.want)
		}
	}
}
