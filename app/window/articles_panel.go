package window

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/app/search"
	"claimdesk/storage"
)

// articlePanel is the left column: every article with its claim count and
// status, a filter box and the import button.
type articlePanel struct {
	w      *mainWindow
	all    []storage.ArticleSummary
	shown  []int // indexes into all, in display order
	openID uint64
	filter *widget.Entry
	list   *widget.List
}

func newArticlePanel(w *mainWindow) *articlePanel {
	p := &articlePanel{w: w}
	p.filter = widget.NewEntry()
	p.filter.SetPlaceHolder("Filter articles (Ctrl+F)")
	p.filter.OnChanged = func(string) { p.applyFilter() }
	p.filter.OnSubmitted = func(string) {
		if len(p.shown) > 0 {
			w.openArticle(p.all[p.shown[0]].ID)
		}
	}
	p.list = widget.NewList(p.length, p.createItem, p.updateItem)
	p.list.OnSelected = func(i widget.ListItemID) {
		if i < len(p.shown) {
			w.openArticle(p.all[p.shown[i]].ID)
		}
	}
	return p
}

func (p *articlePanel) container() fyne.CanvasObject {
	importButton := &widget.Button{Text: "Import…", Icon: theme.FolderOpenIcon(), OnTapped: p.w.showOpenDialog}
	header := container.NewVBox(widget.NewLabelWithStyle("Articles", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), p.filter)
	return container.NewBorder(header, importButton, nil, nil, p.list)
}

func (p *articlePanel) reload() {
	all, err := p.w.store.ArticleSummaries()
	if err != nil {
		p.w.showError("Reading the articles", err)
		return
	}
	p.all = all
	p.applyFilter()
}

// apply patches the list from one change instead of re-reading every
// article, which keeps a large import from stalling the window.
func (p *articlePanel) apply(c storage.Change) {
	switch c.Kind {
	case storage.ArticleAdded:
		p.all = append(p.all, c.Article)
	case storage.ArticleUpdated:
		if i := p.indexOf(c.Article.ID); i >= 0 {
			c.Article.Claims = p.all[i].Claims
			p.all[i] = c.Article
		}
	case storage.ArticleDeleted:
		if i := p.indexOf(c.Article.ID); i >= 0 {
			p.all = append(p.all[:i], p.all[i+1:]...)
		}
	case storage.ClaimAdded:
		p.addClaims(c.Claim.ArticleID, 1)
	case storage.ClaimDeleted:
		p.addClaims(c.Claim.ArticleID, -1)
	}
}

func (p *articlePanel) refresh() { p.applyFilter() }

func (p *articlePanel) addClaims(articleID uint64, n int) {
	if i := p.indexOf(articleID); i >= 0 {
		p.all[i].Claims += n
	}
}

func (p *articlePanel) applyFilter() {
	titles := make([]string, len(p.all))
	for i, a := range p.all {
		titles[i] = a.Title
	}
	p.shown = search.MatchTitles(p.filter.Text, titles)
	p.list.UnselectAll()
	p.list.Refresh()
	p.markOpen(p.openID)
}

func (p *articlePanel) markOpen(id uint64) {
	p.openID = id
	for row, i := range p.shown {
		if p.all[i].ID == id {
			p.list.Select(row)
			p.list.ScrollTo(row)
			return
		}
	}
}

func (p *articlePanel) indexOf(id uint64) int {
	for i, a := range p.all {
		if a.ID == id {
			return i
		}
	}
	return -1
}

func (p *articlePanel) has(id uint64) bool { return p.indexOf(id) >= 0 }
func (p *articlePanel) count() int         { return len(p.all) }

func (p *articlePanel) first() uint64 {
	if len(p.shown) == 0 {
		return 0
	}
	return p.all[p.shown[0]].ID
}

// step opens the next (or previous) article in the list.
func (p *articlePanel) step(delta int) {
	for row, i := range p.shown {
		if p.all[i].ID == p.openID {
			if next := row + delta; next >= 0 && next < len(p.shown) {
				p.w.openArticle(p.all[p.shown[next]].ID)
			}
			return
		}
	}
}

func (p *articlePanel) focusFilter() { p.w.win.Canvas().Focus(p.filter) }

func (p *articlePanel) length() int { return len(p.shown) }

func (p *articlePanel) createItem() fyne.CanvasObject {
	dot := canvas.NewCircle(theme.Color(theme.ColorNameDisabled))
	dot.Resize(fyne.NewSize(8, 8))
	title := &widget.Label{Truncation: fyne.TextTruncateEllipsis, TextStyle: fyne.TextStyle{Bold: true}}
	detail := &widget.Label{Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis}
	return container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(10, 10), dot), nil,
		container.NewVBox(title, detail))
}

func (p *articlePanel) updateItem(row widget.ListItemID, item fyne.CanvasObject) {
	a := p.all[p.shown[row]]
	box := item.(*fyne.Container)
	text := box.Objects[0].(*fyne.Container)
	text.Objects[0].(*widget.Label).SetText(a.Title)
	text.Objects[1].(*widget.Label).SetText(fmt.Sprintf("%s · %s", plural(a.Claims, "claim"), a.Status))
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
