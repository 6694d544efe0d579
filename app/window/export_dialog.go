package window

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"claimdesk/app/export"
	"claimdesk/storage"
)

// exportDialog is File > Export: format, filters, split, destination, a
// live count of what will be written, progress and cancel.
type exportDialog struct {
	w         *mainWindow
	format    *widget.Select
	labels    *widget.CheckGroup
	onlyDone  *widget.Check
	annotator *widget.Entry
	split     *widget.Entry
	seed      *widget.Entry
	dest      *widget.Entry
	count     *widget.Label
	dlg       *dialog.ConfirmDialog
}

func (w *mainWindow) showExportDialog() {
	w.endTyping()
	e := &exportDialog{w: w}
	var titles []string
	for _, f := range export.Formats() {
		titles = append(titles, f.Title)
	}
	e.format = widget.NewSelect(titles, func(string) { e.suggestDestination() })
	var names []string
	for _, l := range w.session.Labels() {
		names = append(names, l.Name)
	}
	e.labels = widget.NewCheckGroup(names, func([]string) { e.recount() })
	e.labels.Horizontal = true
	e.labels.Selected = names
	e.onlyDone = widget.NewCheck("only articles marked done", func(bool) { e.recount() })
	e.annotator = widget.NewEntry()
	e.annotator.SetPlaceHolder("all annotators")
	e.annotator.OnChanged = func(string) { e.recount() }
	e.split = widget.NewEntry()
	e.split.SetPlaceHolder("no split, or e.g. 80/10/10")
	e.split.OnChanged = func(string) { e.suggestDestination() }
	e.seed = widget.NewEntry()
	e.seed.SetText("1")
	e.dest = widget.NewEntry()
	browse := &widget.Button{Text: "Choose…", OnTapped: e.chooseDestination}
	e.count = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}}
	form := widget.NewForm(
		widget.NewFormItem("Format", e.format),
		widget.NewFormItem("Labels", e.labels),
		widget.NewFormItem("Articles", e.onlyDone),
		widget.NewFormItem("Annotator", e.annotator),
		widget.NewFormItem("Split (%)", container.NewGridWithColumns(2, e.split, container.NewBorder(nil, nil, widget.NewLabel("seed"), nil, e.seed))),
		widget.NewFormItem("Write to", container.NewBorder(nil, nil, nil, browse, e.dest)),
	)
	e.dlg = dialog.NewCustomConfirm("Export dataset", "Export", "Cancel", container.NewVBox(form, e.count), e.onConfirm, w.win)
	e.format.SetSelectedIndex(0)
	e.recount()
	e.dlg.Resize(fyne.NewSize(720, 420))
	w.dialogKeys(e.dlg, false)
	releaseFocusOnClose(e.dlg, e.annotator, e.split, e.seed, e.dest)
	e.dlg.Show()
	w.exporting = e
}

func (e *exportDialog) selectedFormat() export.Format {
	return export.Formats()[max(e.format.SelectedIndex(), 0)]
}

func (e *exportDialog) filter() export.Filter {
	return export.Filter{Labels: e.labels.Selected, OnlyDone: e.onlyDone.Checked, Annotator: strings.TrimSpace(e.annotator.Text)}
}

func (e *exportDialog) recount() {
	data, err := export.Collect(e.w.store, e.filter())
	if err != nil {
		e.count.SetText("Cannot read the store: " + err.Error())
		return
	}
	articles, claims := data.Count()
	e.count.SetText(fmt.Sprintf("Will write %s with %s.", storage.Plural(articles, "article"), storage.Plural(claims, "claim")))
}

// suggestDestination proposes a name beside the database that fits the
// chosen format, keeping a folder the analyst already chose.
func (e *exportDialog) suggestDestination() {
	f := e.selectedFormat()
	split, _ := export.ParseSplit(e.split.Text, 1)
	folder := export.Options{Format: f.Name, Split: split}.DestIsFolder()
	dir := filepath.Dir(e.w.store.Path())
	if cur := strings.TrimSpace(e.dest.Text); cur != "" {
		dir = filepath.Dir(cur)
	}
	name := "claimdesk-" + f.Name
	if !folder {
		name += f.Extension
	}
	e.dest.SetText(filepath.Join(dir, name))
}

func (e *exportDialog) chooseDestination() {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err == nil && u != nil {
			e.dest.SetText(filepath.Join(u.Path(), filepath.Base(e.dest.Text)))
		}
	}, e.w.win)
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

func (e *exportDialog) onConfirm(ok bool) {
	if !ok {
		return
	}
	seed, err := strconv.ParseInt(strings.TrimSpace(e.seed.Text), 10, 64)
	if err != nil {
		e.w.showError("Export", fmt.Errorf("seed %q is not a whole number", e.seed.Text))
		return
	}
	split, err := export.ParseSplit(e.split.Text, seed)
	if err != nil {
		e.w.showError("Export", err)
		return
	}
	dest := strings.TrimSpace(e.dest.Text)
	if dest == "" {
		e.w.showError("Export", fmt.Errorf("choose where to write the dataset"))
		return
	}
	data, err := export.Collect(e.w.store, e.filter())
	if err != nil {
		e.w.showError("Export", err)
		return
	}
	e.w.runExport(data, dest, export.Options{Format: e.selectedFormat().Name, Filter: e.filter(), Split: split})
}

// runExport writes in the background with a progress bar and a Cancel
// button; a cancelled export leaves any earlier file untouched.
func (w *mainWindow) runExport(data export.Dataset, dest string, opts export.Options) {
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	progress := dialog.NewCustom("Exporting…", "Cancel", bar, w.win)
	progress.SetOnClosed(cancel)
	progress.Resize(fyne.NewSize(420, 120))
	progress.Show()
	opts.Progress = func(done, total int) {
		fyne.Do(func() {
			if total > 0 {
				bar.SetValue(float64(done) / float64(total))
			}
		})
	}
	w.inBackground(func() {
		res, err := export.Write(ctx, data, dest, opts)
		fyne.Do(func() {
			progress.Hide() // runs cancel, harmless once Write returned
			if err != nil {
				w.showError("Export", err)
				return
			}
			w.showExportResult(res)
		})
	})
}

func (w *mainWindow) showExportResult(res export.Result) {
	body := "Files:\n  " + strings.Join(res.Files, "\n  ")
	if res.Omitted > 0 {
		body += fmt.Sprintf("\n\n%d claims were left out (%s).", res.Omitted, res.OmittedRule)
	}
	w.showReport("Export finished", fmt.Sprintf("Wrote %s and %s.", storage.Plural(res.Articles, "article"), storage.Plural(res.Claims, "claim")), body)
}
