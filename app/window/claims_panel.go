package window

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"claimdesk/app/annotate"
	"claimdesk/app/search"
	"claimdesk/storage"
)

// claimPanel lists the open article's claims in text order: colour bar,
// label, quote, speaker → target. Choosing one selects it in the text. A
// filter narrows the list with the search palette's own query rule
// ("label:denial peskov").
type claimPanel struct {
	w             *mainWindow
	list          *widget.List
	header        *widget.Label
	empty         *widget.Label
	filter        *widget.Entry
	shown         []int // indexes into the session's claims, in text order
	articleStatus *widget.Select
	updating      bool // the panel mirrors the session; its handlers stay quiet
}

var statusChoices = []string{string(storage.StatusNew), string(storage.StatusInProgress), string(storage.StatusDone)}

func newClaimPanel(w *mainWindow) *claimPanel {
	p := &claimPanel{w: w, header: widget.NewLabelWithStyle("Claims", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	p.empty = &widget.Label{Text: "No claims in this article yet.", Alignment: fyne.TextAlignCenter, Importance: widget.LowImportance}
	p.articleStatus = widget.NewSelect(statusChoices, func(s string) {
		if !p.updating {
			w.setArticleStatus(storage.Status(s))
		}
	})
	p.articleStatus.PlaceHolder = "Status"
	p.filter = widget.NewEntry()
	p.filter.SetPlaceHolder("Filter claims: words, label:, speaker:")
	p.filter.OnChanged = func(string) { p.refresh() }
	p.list = widget.NewList(func() int { return len(p.shown) }, p.createItem, p.updateItem)
	p.list.OnSelected = func(row widget.ListItemID) {
		if c, ok := p.claim(row); ok && !p.updating {
			w.selectClaim(c.ID, true)
		}
	}
	return p
}

func (p *claimPanel) container() fyne.CanvasObject {
	top := container.NewVBox(container.NewBorder(nil, nil, p.header, atLeast(140, p.articleStatus)), p.w.layers.container(), p.filter)
	return container.NewBorder(top, nil, nil, nil, container.NewStack(p.list, container.NewVBox(p.empty)))
}

// claim is the claim shown in row.
func (p *claimPanel) claim(row int) (storage.Claim, bool) {
	claims := p.w.session.Claims()
	if row < 0 || row >= len(p.shown) || p.shown[row] >= len(claims) {
		return storage.Claim{}, false
	}
	return claims[p.shown[row]], true
}

// refresh filters the session's claims again and redraws the list.
func (p *claimPanel) refresh() {
	claims := p.w.session.Claims()
	p.shown = p.shown[:0]
	matching := p.matching(claims)
	for i, c := range claims {
		if matching == nil || matching[c.ID] {
			p.shown = append(p.shown, i)
		}
	}
	count := storage.Count(len(claims))
	if matching != nil {
		count = shownOf(len(p.shown), len(claims))
	}
	p.header.SetText("Claims · " + count)
	p.empty.Text = "No claims in this article yet."
	if len(claims) > 0 {
		p.empty.Text = "No claim matches the filter."
	}
	p.empty.Hidden = len(p.shown) > 0
	p.empty.Refresh()
	p.list.Refresh()
	c, _ := p.w.session.Selected()
	p.markSelected(c.ID)
}

// matching is the set of claims the filter finds, by the search palette's
// rule, or nil when there is no filter.
func (p *claimPanel) matching(claims []storage.Claim) map[uint64]bool {
	query := strings.TrimSpace(p.filter.Text)
	if query == "" {
		return nil
	}
	ix := search.NewIndex()
	title := p.w.session.Article().Title
	for _, c := range claims {
		ix.Put(search.EntryOf(c, title))
	}
	found := map[uint64]bool{}
	results, _ := ix.Search(query, 0) // an index no store backs reads nothing, and never fails
	for _, r := range results {
		found[r.ID] = true
	}
	return found
}

// refreshStatus shows the open article's status, new, in progress or done.
func (p *claimPanel) refreshStatus() {
	p.updating = true
	defer func() { p.updating = false }()
	p.articleStatus.SetSelected(string(p.w.session.Article().Status))
}

// markSelected mirrors the session's selection in the list without firing
// the list's own selection handler back.
func (p *claimPanel) markSelected(id uint64) {
	p.updating = true
	defer func() { p.updating = false }()
	for row := range p.shown {
		if c, _ := p.claim(row); c.ID == id && id != 0 {
			p.list.Select(row)
			p.list.ScrollTo(row)
			return
		}
	}
	p.list.UnselectAll()
}

// step selects the next or previous claim the list shows, in text order.
func (p *claimPanel) step(delta int) {
	if len(p.shown) == 0 {
		return
	}
	selected, has := p.w.session.Selected()
	row := -1
	for r := range p.shown {
		if c, _ := p.claim(r); has && c.ID == selected.ID {
			row = r
		}
	}
	next := row + delta
	if row < 0 && delta < 0 {
		next = len(p.shown) - 1
	}
	next = max(0, min(next, len(p.shown)-1))
	if c, ok := p.claim(next); ok {
		p.w.selectClaim(c.ID, true)
	}
}

func (p *claimPanel) createItem() fyne.CanvasObject {
	label := &widget.Label{TextStyle: fyne.TextStyle{Bold: true}}
	quote := &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	who := &widget.Label{Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis}
	return newLabelledRow(container.NewBorder(nil, nil, label, nil, quote), who)
}

func (p *claimPanel) updateItem(row widget.ListItemID, item fyne.CanvasObject) {
	c, ok := p.claim(row)
	if !ok {
		return
	}
	lines := p.w.paintLabelledRow(item, c.Label)
	first := lines[0].(*fyne.Container)
	first.Objects[1].(*widget.Label).SetText(shortLabelName(c.Label)) // leave room for the quote
	first.Objects[0].(*widget.Label).SetText("“" + storage.OneLine(c.Quote) + "”")
	who := speakerLine(c.Speaker, c.Target, c.Note)
	if c.Annotator != p.w.session.Annotator() { // whose, where layers mix
		who += " · " + annotate.AnnotatorName(c.Annotator)
	}
	lines[1].(*widget.Label).SetText(who)
}

// speakerLine is how a claim's row and a search result say who said it
// about whom.
func speakerLine(speaker, target, note string) string {
	if speaker == "" && target == "" && note == "" {
		return "no speaker or target yet"
	}
	if speaker == "" {
		speaker = "?"
	}
	if target == "" {
		target = "?"
	}
	line := speaker + " → " + target
	if note != "" {
		line += " · " + storage.OneLine(note)
	}
	return line
}
