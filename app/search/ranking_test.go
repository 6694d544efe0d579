package search

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

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
		for _, r := range ix.Search(q, 0) {
			fmt.Fprintf(&b, "  #%d %3d  %s\n", r.ID, r.Score, marked(r.Quote, r.QuoteMatches))
		}
	}
	compareGolden(t, "ranking.golden", b.String())
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

func compareGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from this output (run go test -update if the change is meant):\n%s", path, got)
	}
}
