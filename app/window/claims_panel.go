package window

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"claimdesk/storage"
)

// claimPanel lists the open article's claims in text order: colour bar,
// label, quote, speaker → target. Choosing one selects it in the text.
type claimPanel struct {
	w             *mainWindow
	list          *widget.List
	header        *widget.Label
	empty         *widget.Label
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
	p.list = widget.NewList(func() int { return len(w.session.Claims()) }, p.createItem, p.updateItem)
	p.list.OnSelected = func(i widget.ListItemID) {
		if claims := w.session.Claims(); !p.updating && i < len(claims) {
			w.selectClaim(claims[i].ID, true)
		}
	}
	return p
}

func (p *claimPanel) container() fyne.CanvasObject {
	top := container.NewBorder(nil, nil, p.header, atLeast(140, p.articleStatus))
	return container.NewBorder(top, nil, nil, nil, container.NewStack(p.list, container.NewVBox(p.empty)))
}

// refreshStatus shows the open article's status, new, in progress or done.
func (p *claimPanel) refreshStatus() {
	p.updating = true
	defer func() { p.updating = false }()
	p.articleStatus.SetSelected(string(p.w.session.Article().Status))
}

func (p *claimPanel) refresh() {
	n := len(p.w.session.Claims())
	p.header.SetText("Claims · " + strconv.Itoa(n))
	p.empty.Hidden = n > 0
	p.empty.Refresh()
	p.list.Refresh()
}

// markSelected mirrors the session's selection in the list without firing
// the list's own selection handler back.
func (p *claimPanel) markSelected(id uint64) {
	p.updating = true
	defer func() { p.updating = false }()
	if i := p.w.session.ClaimIndex(id); i >= 0 {
		p.list.Select(i)
		p.list.ScrollTo(i)
	} else {
		p.list.UnselectAll()
	}
}

// step selects the next or previous claim in text order.
func (p *claimPanel) step(delta int) {
	claims := p.w.session.Claims()
	if len(claims) == 0 {
		return
	}
	selected, has := p.w.session.Selected()
	i := p.w.session.ClaimIndex(selected.ID) + delta
	if !has && delta < 0 {
		i = len(claims) - 1
	}
	i = max(0, min(i, len(claims)-1))
	p.w.selectClaim(claims[i].ID, true)
}

func (p *claimPanel) createItem() fyne.CanvasObject {
	bar := canvas.NewRectangle(nil)
	bar.SetMinSize(fyne.NewSize(5, 10))
	label := &widget.Label{TextStyle: fyne.TextStyle{Bold: true}}
	quote := &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	who := &widget.Label{Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis}
	return container.NewBorder(nil, nil, bar, nil, container.NewVBox(container.NewBorder(nil, nil, label, nil, quote), who))
}

func (p *claimPanel) updateItem(i widget.ListItemID, item fyne.CanvasObject) {
	claims := p.w.session.Claims()
	if i >= len(claims) {
		return
	}
	c := claims[i]
	box := item.(*fyne.Container)
	bar := box.Objects[1].(*canvas.Rectangle)
	bar.FillColor = p.w.labelColour(c.Label)
	bar.Refresh()
	lines := box.Objects[0].(*fyne.Container)
	first := lines.Objects[0].(*fyne.Container)
	first.Objects[1].(*widget.Label).SetText(c.Label)
	first.Objects[0].(*widget.Label).SetText("“" + storage.OneLine(c.Quote) + "”")
	lines.Objects[1].(*widget.Label).SetText(speakerLine(c.Speaker, c.Target, c.Note))
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
