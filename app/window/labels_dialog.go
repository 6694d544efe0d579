package window

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/storage"
)

// labelsDialog is Edit > Labels…: add a label, rename it (its claims
// follow), recolour it, give it a hotkey, or remove it when no claim uses it.
type labelsDialog struct {
	w           *mainWindow
	list        *widget.List
	chosen      int // index into w.labels, -1 for a new label
	name        *widget.Entry
	colour      *widget.Entry
	hotkey      *widget.Entry
	description *widget.Entry
	swatch      *canvas.Rectangle
	remove      *widget.Button
	dlg         dialog.Dialog
}

func (w *mainWindow) showLabelsDialog() {
	d := &labelsDialog{w: w, chosen: -1}
	d.name = widget.NewEntry()
	d.name.SetPlaceHolder("one word, e.g. speculation")
	d.colour = widget.NewEntry()
	d.colour.OnChanged = func(string) { d.showSwatch() }
	d.hotkey = widget.NewEntry()
	d.hotkey.SetPlaceHolder("one key, e.g. 4")
	d.description = widget.NewEntry()
	d.swatch = canvas.NewRectangle(nil)
	d.swatch.SetMinSize(fyne.NewSize(28, 28))
	d.swatch.CornerRadius = 4
	d.list = widget.NewList(func() int { return len(w.session.Labels()) }, d.createRow, d.updateRow)
	d.list.OnSelected = d.choose
	d.remove = &widget.Button{Text: "Remove", Icon: theme.DeleteIcon(), OnTapped: d.onRemove}
	form := widget.NewForm(
		widget.NewFormItem("Name", d.name),
		widget.NewFormItem("Colour", container.NewBorder(nil, nil, nil, d.swatch, d.colour)),
		widget.NewFormItem("Hotkey", d.hotkey),
		widget.NewFormItem("Meaning", d.description),
	)
	buttons := container.NewHBox(
		&widget.Button{Text: "New label", Icon: theme.ContentAddIcon(), OnTapped: func() { d.list.UnselectAll(); d.choose(-1) }},
		d.remove,
		&widget.Button{Text: "Save", Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: d.onSave},
	)
	body := container.NewHSplit(d.list, container.NewVBox(form, buttons))
	body.Offset = 0.35
	d.dlg = dialog.NewCustom("Labels", "Close", body, w.win)
	d.dlg.Resize(fyne.NewSize(760, 380))
	w.dialogKeys(d.dlg, false)
	releaseFocusOnClose(d.dlg, d.name, d.colour, d.hotkey, d.description)
	d.dlg.Show()
	d.choose(-1)
	w.labelsUI = d
}

func (d *labelsDialog) createRow() fyne.CanvasObject {
	swatch := canvas.NewRectangle(nil)
	swatch.SetMinSize(fyne.NewSize(14, 14))
	return container.NewBorder(nil, nil, container.NewCenter(swatch), nil, widget.NewLabel(""))
}

func (d *labelsDialog) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	l := d.w.session.Labels()[i]
	row := o.(*fyne.Container)
	text := l.Name
	if l.Hotkey != "" {
		text = l.Hotkey + "  " + l.Name
	}
	row.Objects[0].(*widget.Label).SetText(text)
	swatch := row.Objects[1].(*fyne.Container).Objects[0].(*canvas.Rectangle)
	swatch.FillColor = labelSwatch(l.Colour)
	swatch.Refresh()
}

// choose fills the form with label i, or empties it for a new label with
// the next free hotkey and a colour nobody uses yet.
func (d *labelsDialog) choose(i int) {
	d.chosen = i
	l := storage.Label{Colour: storage.NextLabelColour(d.w.session.Labels()), Hotkey: storage.NextLabelHotkey(d.w.session.Labels())}
	if i >= 0 && i < len(d.w.session.Labels()) {
		l = d.w.session.Labels()[i]
	}
	d.name.SetText(l.Name)
	d.colour.SetText(l.Colour)
	d.hotkey.SetText(l.Hotkey)
	d.description.SetText(l.Description)
	d.remove.Disable()
	if i >= 0 {
		d.remove.Enable()
	}
}

func (d *labelsDialog) form() storage.Label {
	return storage.Label{Name: d.name.Text, Colour: d.colour.Text, Hotkey: d.hotkey.Text, Description: d.description.Text}
}

func (d *labelsDialog) onSave() {
	old := ""
	if d.chosen >= 0 {
		old = d.w.session.Labels()[d.chosen].Name
	}
	if err := d.w.session.SaveLabel(old, d.form()); err != nil {
		d.w.showError("Saving the label", err)
		return
	}
	d.list.Refresh()
}

func (d *labelsDialog) onRemove() {
	if d.chosen < 0 {
		return
	}
	if err := d.w.session.RemoveLabel(d.w.session.Labels()[d.chosen].Name); err != nil {
		d.w.showError("Removing the label", err)
		return
	}
	d.list.UnselectAll()
	d.list.Refresh()
	d.choose(-1)
}

func (d *labelsDialog) showSwatch() {
	d.swatch.FillColor = labelSwatch(d.colour.Text)
	d.swatch.Refresh()
}
