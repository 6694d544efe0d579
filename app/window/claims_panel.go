package window

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// claimPanel lists the open article's claims in text order: colour bar,
// label, quote, speaker → target. Choosing one selects it in the text.
type claimPanel struct {
	w        *mainWindow
	list     *widget.List
	header   *widget.Label
	empty    *widget.Label
	updating bool
}

func newClaimPanel(w *mainWindow) *claimPanel {
	p := &claimPanel{w: w, header: widget.NewLabelWithStyle("Claims", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	p.empty = &widget.Label{Text: "No claims in this article yet.", Alignment: fyne.TextAlignCenter, Importance: widget.LowImportance}
	p.list = widget.NewList(func() int { return len(w.claims) }, p.createItem, p.updateItem)
	p.list.OnSelected = func(i widget.ListItemID) {
		if p.updating || i >= len(w.claims) {
			return
		}
		w.selectClaim(w.claims[i].ID, true)
	}
	return p
}

func (p *claimPanel) container() fyne.CanvasObject {
	return container.NewBorder(p.header, nil, nil, nil, container.NewStack(p.list, container.NewVBox(p.empty)))
}

func (p *claimPanel) refresh() {
	p.header.SetText("Claims · " + itoa(len(p.w.claims)))
	p.empty.Hidden = len(p.w.claims) > 0
	p.empty.Refresh()
	p.list.Refresh()
	p.markSelected(p.w.selected)
}

// markSelected mirrors the window's selection in the list without firing
// the list's own selection handler back.
func (p *claimPanel) markSelected(id uint64) {
	p.updating = true
	defer func() { p.updating = false }()
	if i := p.w.claimIndex(id); i >= 0 {
		p.list.Select(i)
		p.list.ScrollTo(i)
	} else {
		p.list.UnselectAll()
	}
}

// step selects the next or previous claim in text order.
func (p *claimPanel) step(delta int) {
	if len(p.w.claims) == 0 {
		return
	}
	i := p.w.claimIndex(p.w.selected) + delta
	if p.w.selected == 0 && delta < 0 {
		i = len(p.w.claims) - 1
	}
	i = max(0, min(i, len(p.w.claims)-1))
	p.w.selectClaim(p.w.claims[i].ID, true)
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
	if i >= len(p.w.claims) {
		return
	}
	c := p.w.claims[i]
	box := item.(*fyne.Container)
	bar := box.Objects[1].(*canvas.Rectangle)
	bar.FillColor = p.w.labelColour(c.Label)
	bar.Refresh()
	lines := box.Objects[0].(*fyne.Container)
	first := lines.Objects[0].(*fyne.Container)
	first.Objects[1].(*widget.Label).SetText(c.Label)
	first.Objects[0].(*widget.Label).SetText("“" + oneLine(c.Quote) + "”")
	lines.Objects[1].(*widget.Label).SetText(speakerLine(c.Speaker, c.Target, c.Note))
}

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
		line += " · " + oneLine(note)
	}
	return line
}
