package search

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"claimdesk/app/testkit"
)

func TestSearchFindsWhatFuzzyFindFinds(t *testing.T) {
	withParallelMin(t, 64)
	entries := append(newNewsGen(7).entries(1200), oddEntries(100000)...)
	ix, c := loadCorpus(entries)
	rng := rand.New(rand.NewPCG(11, 12))
	for range 200 {
		query := randomQuery(rng, entries)
		want := c.search(ParseQuery(query))
		all := results(t, ix, query, 0)
		if got := sortedIDs(all); !slices.Equal(got, want) {
			t.Fatalf("Search(%q): %d results, fuzzy.Find finds %d\n got %v\nwant %v", query, len(got), len(want), head(got), head(want))
		}
		checkOrder(t, query, all)
		if top := results(t, ix, query, 7); !reflect.DeepEqual(top, all[:min(7, len(all))]) {
			t.Fatalf("Search(%q, 7) is not the first 7 of Search(%q, 0)", query, query)
		}
	}
}

// checkOrder verifies results come best first: by Score, then recency, then id.
func checkOrder(t *testing.T, query string, rs []Result) {
	t.Helper()
	for i := 1; i < len(rs); i++ {
		a, b := rs[i-1], rs[i]
		ka := hit{score: int32(a.Score), updated: rankTime(a.Updated), id: a.ID}
		kb := hit{score: int32(b.Score), updated: rankTime(b.Updated), id: b.ID}
		if !better(ka, kb) {
			t.Fatalf("Search(%q): result %d (id %d, score %d) before %d (id %d, score %d)", query, i-1, a.ID, a.Score, i, b.ID, b.Score)
		}
	}
}

func head(ids []uint64) []uint64 { return ids[:min(len(ids), 12)] }

// rankingCorpus is a small hand-made set of claims whose ranking a person
// can check by eye in testdata/ranking.golden.
func rankingCorpus() []Entry {
	day := func(d int) time.Time { return time.Date(2025, 5, d, 12, 0, 0, 0, time.UTC) }
	k, m := "Kremlin rejects report", "Moscow and Washington"
	return []Entry{
		{ID: 1, ArticleID: 1, ArticleTitle: k, Quote: "Putin praised Trump for his honesty", Label: "praise", Speaker: "Dmitry Peskov", Target: "Donald Trump", Updated: day(1)},
		{ID: 2, ArticleID: 1, Quote: "Trump praised Putin as a strong leader", Label: "praise", Speaker: "Donald Trump", Target: "Vladimir Putin", Updated: day(2)},
		{ID: 3, ArticleID: 1, Quote: "the report on troops was absurd", Label: "denial", Speaker: "Dmitry Peskov", Target: "Reuters", Updated: day(3)},
		{ID: 4, ArticleID: 2, ArticleTitle: m, Quote: "Washington had undermined the talks", Label: "accusation", Speaker: "Sergei Lavrov", Target: "United States", Updated: day(4)},
		{ID: 5, ArticleID: 2, Quote: "Peskov denied that troops had crossed", Label: "denial", Speaker: "Maria Zakharova", Target: "Ukraine", Note: "quotes Peskov", Updated: day(5)},
		{ID: 6, ArticleID: 2, Quote: "putting pressure on Kyiv is pointless", Label: "denial", Speaker: "Sergei Lavrov", Target: "Kyiv", Updated: day(6)},
		{ID: 7, ArticleID: 2, Quote: "the input was praiseworthy", Label: "praise", Speaker: "Antony Blinken", Target: "Ukraine", Annotator: "anna", Updated: day(7)},
		{ID: 8, ArticleID: 1, Quote: "Пескова цитируют неверно", Label: "denial", Speaker: "Дмитрий Песков", Target: "СМИ", Updated: day(8)},
		{ID: 9, ArticleID: 2, Quote: "قال بيسكوف إن التقرير سخيف", Label: "denial", Speaker: "Dmitry Peskov", Target: "Reuters", Updated: day(9)},
	}
}

func TestRankingGolden(t *testing.T) {
	ix := NewIndex()
	for _, e := range rankingCorpus() {
		ix.Put(e)
	}
	queries := []string{
		"trump putin praise", "putin trump", "put", "peskov", "peskov label:denial",
		`speaker:"dmitry peskov"`, "speaker:песков", "target:ukr", "article:moscow troops",
		"annotator:ANNA", "ptn", "бискоф", "بيسكوف", "label:denial", "",
	}
	var b strings.Builder
	for _, q := range queries {
		fmt.Fprintf(&b, "query %q\n", q)
		for _, r := range results(t, ix, q, 0) {
			fmt.Fprintf(&b, "  #%d %3d  %s\n", r.ID, r.Score, marked(r.Quote, r.QuoteMatches))
		}
	}
	testkit.Golden(t, filepath.Join("testdata", "ranking.golden"), []byte(b.String()))
}

// marked brackets the runes of quote at the indexes given.
func marked(quote string, marks []int) string {
	set := map[int]bool{}
	for _, i := range marks {
		set[i] = true
	}
	var b strings.Builder
	for i, r := range []rune(quote) {
		if set[i] {
			b.WriteString("[" + string(r) + "]")
		} else {
			b.WriteRune(r)
		}
	}
	return strings.ReplaceAll(b.String(), "][", "")
}

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
