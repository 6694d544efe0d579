package window

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"claimdesk/app/dataset"
	"claimdesk/app/importer"
)

func (w *mainWindow) showOpenDialog() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			w.showError("Choosing a file", err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		_ = r.Close()
		w.importPaths([]string{path}, true)
	}, w.win)
	d.SetFilter(storage.NewExtensionFileFilter(dataset.SupportedExtensions()))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

func (w *mainWindow) showImportFolderDialog() {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			w.showError("Choosing a folder", err)
			return
		}
		if u != nil {
			w.importPaths([]string{u.Path()}, false)
		}
	}, w.win)
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

func (w *mainWindow) onDropped(_ fyne.Position, uris []fyne.URI) {
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	if len(paths) > 0 {
		w.importPaths(paths, true)
	}
}

// importPaths imports in the background with a progress dialog, then shows
// the report. With openFirst the first imported article is opened, as File
// > Open promises.
func (w *mainWindow) importPaths(paths []string, openFirst bool) {
	bar := widget.NewProgressBar()
	current := &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	progress := dialog.NewCustomWithoutButtons("Importing…", container.NewVBox(bar, current), w.win)
	progress.Resize(fyne.NewSize(480, 120))
	progress.Show()
	opts := importer.Options{
		Annotator: w.session.Annotator(),
		Progress: func(done, total int, path string) {
			fyne.Do(func() {
				if total > 0 {
					bar.SetValue(float64(done) / float64(total))
				}
				current.SetText(path)
			})
		},
	}
	w.inBackground(func() {
		report, err := importer.Import(w.store, paths, opts)
		fyne.Do(func() {
			progress.Hide()
			w.importFinished(report, err, openFirst)
		})
	})
}

func (w *mainWindow) importFinished(report importer.Report, err error, openFirst bool) {
	if err != nil {
		w.showError("Importing", err)
		return
	}
	w.details.reloadSuggestions()
	if openFirst && len(report.Imported) > 0 {
		w.openArticle(report.Imported[0].ArticleID)
	}
	if len(report.Imported) == 1 && len(report.Skipped) == 0 && !report.HasFailures() && len(report.Warnings) == 0 {
		w.footer.flash(fmt.Sprintf("Imported %q", report.Imported[0].Title))
		return
	}
	w.showReport("Import report", report.Summary(), report.String())
}

// showReport shows a long text the analyst may want to copy.
func (w *mainWindow) showReport(title, summary, body string) {
	text := widget.NewMultiLineEntry()
	text.SetText(body)
	text.Wrapping = fyne.TextWrapWord
	content := container.NewBorder(widget.NewLabelWithStyle(summary, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, text)
	d := dialog.NewCustom(title, "Close", content, w.win)
	d.Resize(fyne.NewSize(760, 460))
	d.Show()
}
