package window

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"claimdesk/storage"
)

// TestArticleListRedrawsEachRowOnce: filtering the list, opening another
// article from it and the list following a new article each draw a shown
// row at most once. Fyne's Select, ScrollTo and Refresh each draw every
// shown row, and a label measures its title many times to cut it: the
// panel asking for them one after another tripled the rows' cost of the
// window's first frame.
func TestArticleListRedrawsEachRowOnce(t *testing.T) {
	w := newTestWindow(t)
	for i := range 40 {
		if _, _, err := w.store.AddArticle(storage.Article{Text: fmt.Sprintf("Budget talks, round %d\n\nMinisters praised the plan.", i)}); err != nil {
			t.Fatal(err)
		}
	}
	p := w.articles
	drawn := countRowDraws(p.list)
	for _, step := range []struct {
		name string
		do   func()
	}{
		{"filtering", func() { p.filter.SetText("round 3") }},
		{"clearing the filter", func() { p.filter.SetText("") }},
		{"opening the fifth article from the list", func() { p.list.Select(4) }},
		{"opening the next with the keys", func() { p.step(1) }},
		{"an article imported", func() {
			if _, _, err := w.store.AddArticle(storage.Article{Text: "Late news\n\nA minister denied it."}); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		clear(drawn)
		step.do()
		if len(drawn) == 0 {
			t.Errorf("%s drew no row", step.name)
		}
		drewRowsAtMost(t, drawn, 1, step.name)
	}
	if got := p.article(p.selected).ID; got != w.session.Article().ID {
		t.Errorf("the list marks article %d, the open one is %d", got, w.session.Article().ID)
	}
}

// countRowDraws counts, by row, each time list draws a row from now on.
func countRowDraws(list *widget.List) map[widget.ListItemID]int {
	drawn := map[widget.ListItemID]int{}
	update := list.UpdateItem
	list.UpdateItem = func(row widget.ListItemID, item fyne.CanvasObject) {
		drawn[row]++
		update(row, item)
	}
	return drawn
}

// drewRowsAtMost fails the test for each row drawn more than most times
// by what.
func drewRowsAtMost(t *testing.T, drawn map[widget.ListItemID]int, most int, what string) {
	t.Helper()
	for row, n := range drawn {
		if n > most {
			t.Errorf("%s drew row %d %d times", what, row, n)
		}
	}
}

// TestShownOfGroupsThousands: a filtered list's count groups its numbers
// as the whole count does.
func TestShownOfGroupsThousands(t *testing.T) {
	for _, tc := range []struct {
		shown, all int
		want       string
	}{{1, 2, "1 of 2"}, {1204, 10000, "1,204 of 10,000"}, {0, 1000000, "0 of 1,000,000"}} {
		if got := shownOf(tc.shown, tc.all); got != tc.want {
			t.Errorf("shownOf(%d, %d) = %q, want %q", tc.shown, tc.all, got, tc.want)
		}
	}
}
