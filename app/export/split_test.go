package export

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"claimdesk/storage"
)

func TestShares(t *testing.T) {
	tests := []struct {
		n       int
		percent []int
		want    []int
	}{
		{10, []int{80, 10, 10}, []int{8, 1, 1}},
		{4, []int{50, 25, 25}, []int{2, 1, 1}},
		{3, []int{80, 10, 10}, []int{3, 0, 0}},
		{7, []int{80, 10, 10}, []int{5, 1, 1}}, // ideal 5.6, 0.7, 0.7
		{0, []int{80, 10, 10}, []int{0, 0, 0}},
		{1000, []int{70, 15, 15}, []int{700, 150, 150}},
		{5, []int{0, 0, 100}, []int{0, 0, 5}},
	}
	for _, tc := range tests {
		got := shares(tc.n, tc.percent)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("shares(%d, %v) = %v, want %v", tc.n, tc.percent, got, tc.want)
		}
	}
}

func TestSplitValidate(t *testing.T) {
	tests := []struct {
		s  Split
		ok bool
	}{
		{Split{}, true},
		{Split{Seed: 9}, true},
		{Split{80, 10, 10, 1}, true},
		{Split{100, 0, 0, 1}, true},
		{Split{80, 10, 5, 1}, false},
		{Split{120, -10, -10, 1}, false},
		{Split{50, -50, 0, 1}, false},
	}
	for _, tc := range tests {
		if err := tc.s.Validate(); (err == nil) != tc.ok {
			t.Errorf("%+v.Validate() = %v", tc.s, err)
		}
	}
}

func manyDocs(n int) []Doc {
	docs := make([]Doc, n)
	for i := range docs {
		text := fmt.Sprintf("Article number %d.", i)
		docs[i] = Doc{Article: storage.Article{ID: uint64(i + 1), Text: text, SHA256: storage.HashText(text)}}
	}
	return docs
}

func ids(p part) []uint64 {
	var out []uint64
	for _, d := range p.docs {
		out = append(out, d.Article.ID)
	}
	return out
}

func texts(p part) []string {
	var out []string
	for _, d := range p.docs {
		out = append(out, d.Article.Text)
	}
	return out
}

func TestPartition(t *testing.T) {
	docs := manyDocs(100)
	s := Split{Train: 80, Dev: 10, Test: 10, Seed: 42}
	parts := partition(docs, s)
	if len(parts) != 3 || parts[0].name != "train" || parts[1].name != "dev" || parts[2].name != "test" {
		t.Fatalf("parts %v", parts)
	}
	seen := map[uint64]int{}
	for i, want := range []int{80, 10, 10} {
		if len(parts[i].docs) != want {
			t.Errorf("%s has %d articles, want %d", parts[i].name, len(parts[i].docs), want)
		}
		got := ids(parts[i])
		for k, id := range got {
			seen[id]++
			if k > 0 && got[k-1] >= id {
				t.Errorf("%s is not in the original order: %v", parts[i].name, got)
				break
			}
		}
	}
	if len(seen) != 100 {
		t.Errorf("%d articles placed, want each of 100 once", len(seen))
	}
	if again := partition(docs, s); !reflect.DeepEqual(ids(again[1]), ids(parts[1])) || !reflect.DeepEqual(ids(again[2]), ids(parts[2])) {
		t.Error("the same seed gave another split")
	}
	other := partition(docs, Split{Train: 80, Dev: 10, Test: 10, Seed: 43})
	if reflect.DeepEqual(ids(other[2]), ids(parts[2])) {
		t.Error("another seed gave the same test set")
	}
	// The split follows the texts, not the ids a store happened to give.
	renumbered := manyDocs(100)
	for i := range renumbered {
		renumbered[i].Article.ID += 1000
	}
	moved := partition(renumbered, s)
	if !reflect.DeepEqual(texts(moved[2]), texts(parts[2])) {
		t.Error("renumbering the articles changed the test set")
	}
}

func TestPartitionWithoutSplit(t *testing.T) {
	docs := manyDocs(3)
	parts := partition(docs, Split{Seed: 1})
	if len(parts) != 1 || parts[0].name != "" || len(parts[0].docs) != 3 {
		t.Errorf("no split gave %+v", parts)
	}
}

func TestParseSplit(t *testing.T) {
	tests := []struct {
		in   string
		want Split
		err  string
	}{
		{"", Split{}, ""},
		{"80/10/10", Split{80, 10, 10, 7}, ""},
		{" 70 / 15 / 15 ", Split{70, 15, 15, 7}, ""},
		{"100/0/0", Split{100, 0, 0, 7}, ""},
		{"80/10", Split{}, "three percentages"},
		{"80/x/10", Split{}, `"x" is not a percentage`},
		{"80/-10/30", Split{}, "not a percentage"},
		{"50/10/10", Split{}, "adds up to 70"},
		{"0/0/0", Split{}, "adds up to 0"},
	}
	for _, tc := range tests {
		got, err := ParseSplit(tc.in, 7)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseSplit(%q) error %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseSplit(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
}
