package window

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/app/search"
	"claimdesk/storage"
)

// anyStatus is the status filter's choice that shows every article.
const anyStatus = "all"

// articlePanel is the left column: every article with its claim count and
// status, a filter box and the import button. The articles themselves are
// the session's; the panel keeps only which of them the filter shows.
type articlePanel struct {
	w      *mainWindow
	shown  []int // indexes into the session's articles, in display order
	filter *widget.Entry
	status *widget.Select // show only articles of one status
	count  *widget.Label  // "N of M" while a filter is on
	list   *widget.List
	// marking is true while the panel mirrors the open article in the
	// list, so the list's selection handler does not open it again.
	marking bool
	// selected is the list's selected row, -1 when none: Fyne's List
	// does not tell.
	selected int
}

func newArticlePanel(w *mainWindow) *articlePanel {
	p := &articlePanel{w: w, selected: -1}
	p.filter = widget.NewEntry()
	p.filter.SetPlaceHolder("Filter articles (Ctrl+F)")
	p.filter.OnChanged = func(string) {
		p.refresh()
		p.list.ScrollToTop() // the best match is first: show it
	}
	p.count = &widget.Label{Importance: widget.LowImportance}
	p.status = widget.NewSelect(append([]string{anyStatus}, statusChoices...), func(string) {
		p.refresh()
		p.list.ScrollToTop()
	})
	p.status.Selected = anyStatus
	p.filter.OnSubmitted = func(string) {
		if id := p.first(); id != 0 {
			w.openArticle(id)
		}
	}
	p.list = widget.NewList(func() int { return len(p.shown) }, p.createItem, p.updateItem)
	p.list.OnSelected = func(i widget.ListItemID) {
		p.selected = i
		if !p.marking && i < len(p.shown) {
			w.openArticle(p.article(i).ID)
		}
	}
	return p
}

func (p *articlePanel) container() fyne.CanvasObject {
	importButton := &widget.Button{Text: "Import…", Icon: theme.FolderOpenIcon(), OnTapped: p.w.showOpenDialog}
	title := widget.NewLabelWithStyle("Articles", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	header := container.NewVBox(container.NewBorder(nil, nil, title, container.NewHBox(p.count, p.status)), p.filter)
	return container.NewBorder(header, importButton, nil, nil, p.list)
}

func (p *articlePanel) article(row int) storage.ArticleSummary {
	return p.w.session.Articles()[p.shown[row]]
}

// refresh filters the session's articles again and redraws the list.
func (p *articlePanel) refresh() {
	all := p.w.session.Articles()
	titles := make([]string, len(all))
	for i, a := range all {
		titles[i] = a.Title
	}
	p.shown = slices.DeleteFunc(search.MatchTitles(p.filter.Text, titles), func(i int) bool {
		return p.status.Selected != anyStatus && string(all[i].Status) != p.status.Selected
	})
	if p.filter.Text == "" && p.status.Selected == anyStatus {
		p.count.SetText(storage.Count(len(all)))
	} else {
		p.count.SetText(shownOf(len(p.shown), len(all)))
	}
	p.showOpen(p.w.session.Article().ID, true)
}

// markOpen selects the open article's row, if the filter shows it.
func (p *articlePanel) markOpen(id uint64) { p.showOpen(id, false) }

// showOpen selects and scrolls to id's row, redrawing the shown rows once
// (Fyne's Select, ScrollTo, UnselectAll and Refresh each redraw them all,
// and Fyne's label measures a title many times to cut it: the panel asked
// for up to three redraws where one does). rowsChanged
// says the rows were filtered again and must be redrawn in any case.
func (p *articlePanel) showOpen(id uint64, rowsChanged bool) {
	p.marking = true
	defer func() { p.marking = false }()
	row := slices.IndexFunc(p.shown, func(i int) bool { return p.w.session.Articles()[i].ID == id })
	switch {
	case row < 0 && p.selected < 0:
		if rowsChanged {
			p.list.Refresh()
		}
	case row < 0:
		p.list.UnselectAll()
	case row == p.selected && rowsChanged:
		p.list.ScrollTo(row) // Select would see nothing to do, not even a redraw
	case row == p.selected:
		// Marked and shown already: the analyst picked it in the list,
		// or it was selected (and scrolled to) when it was opened.
	default:
		p.list.Select(row)
	}
	p.selected = row
}

// first is the first article the filter shows, or 0.
func (p *articlePanel) first() uint64 {
	if len(p.shown) == 0 {
		return 0
	}
	return p.article(0).ID
}

// step opens the next (or previous) article in the list.
func (p *articlePanel) step(delta int) {
	open := p.w.session.Article().ID
	for row := range p.shown {
		if p.article(row).ID == open {
			if next := row + delta; next >= 0 && next < len(p.shown) {
				p.w.openArticle(p.article(next).ID)
			}
			return
		}
	}
}

func (p *articlePanel) focusFilter() { p.w.win.Canvas().Focus(p.filter) }

func (p *articlePanel) createItem() fyne.CanvasObject {
	dot := canvas.NewCircle(theme.Color(theme.ColorNameDisabled))
	dot.Resize(fyne.NewSize(8, 8))
	title := &widget.Label{Truncation: fyne.TextTruncateEllipsis, TextStyle: fyne.TextStyle{Bold: true}}
	detail := &widget.Label{Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis}
	return container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(10, 10), dot), nil,
		container.NewVBox(title, detail))
}

func (p *articlePanel) updateItem(row widget.ListItemID, item fyne.CanvasObject) {
	if row >= len(p.shown) {
		return
	}
	a := p.article(row)
	box := item.(*fyne.Container)
	text := box.Objects[0].(*fyne.Container)
	text.Objects[0].(*widget.Label).SetText(a.Title)
	text.Objects[1].(*widget.Label).SetText(fmt.Sprintf("%s · %s", storage.Plural(a.Claims, "claim"), a.Status))
	dot := box.Objects[1].(*fyne.Container).Objects[0].(*canvas.Circle)
	dot.FillColor = theme.Color(statusColour(a.Status))
	dot.Refresh()
}

func statusColour(s storage.Status) (c fyne.ThemeColorName) {
	switch s {
	case storage.StatusDone:
		return theme.ColorNameSuccess
	case storage.StatusInProgress:
		return theme.ColorNameWarning
	}
	return theme.ColorNameDisabled
}

// shownOf is a filtered list's count, "1,204 of 10,000", its numbers
// grouped as the list's whole count is.
func shownOf(shown, all int) string {
	return storage.Count(shown) + " of " + storage.Count(all)
}
