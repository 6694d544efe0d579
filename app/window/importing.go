package window

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/app/dataset"
	"claimdesk/app/importer"
)

// openDialog is File > Open: the paths of one or more articles, typed or
// pasted one per line, or added with Browse…; Open imports them all and
// opens the first, Esc closes. Fyne's own file chooser takes one file and
// no typed path, which is slow when the paths are in a mail or a list.
type openDialog struct {
	w     *mainWindow
	paths *escapingEntry
	dlg   *dialog.ConfirmDialog
}

func (w *mainWindow) showOpenDialog() {
	d := &openDialog{w: w}
	d.paths = newPathsEntry(func() { d.dlg.Hide() })
	d.paths.SetPlaceHolder("/path/to/article.txt\n/path/to/corpus.jsonl\n(one path a line; a folder imports everything in it)")
	browse := &widget.Button{Text: "Browse…", Icon: theme.FolderOpenIcon(), OnTapped: d.onBrowse}
	kinds := widget.NewLabel("Reads " + strings.Join(dataset.SupportedExtensions(), " ") + ", and brat .txt + .ann pairs.")
	kinds.Wrapping = fyne.TextWrapWord
	content := container.NewBorder(nil, container.NewVBox(container.NewHBox(browse), kinds), nil, nil, d.paths)
	d.dlg = dialog.NewCustomConfirm("Open articles", "Open", "Cancel", content, d.onConfirm, w.win)
	d.dlg.Resize(fyne.NewSize(720, 360))
	releaseFocusOnClose(d.dlg, d.paths)
	d.dlg.Show()
	w.win.Canvas().Focus(d.paths)
	w.opening = d
}

func (d *openDialog) onBrowse() {
	chooser := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			d.w.showReadError("Choosing a file", err)
			return
		}
		if r == nil {
			return
		}
		d.add(r.URI().Path())
		_ = r.Close()
		d.w.win.Canvas().Focus(d.paths)
	}, d.w.win)
	chooser.SetFilter(storage.NewExtensionFileFilter(dataset.SupportedExtensions()))
	chooser.Resize(fyne.NewSize(900, 600))
	d.w.dialogKeys(chooser, false)
	chooser.SetOnClosed(func() { d.w.win.Canvas().Focus(d.paths) }) // back to the paths
	chooser.Show()
}

// add appends path as a line of its own.
func (d *openDialog) add(path string) {
	text := strings.TrimRight(d.paths.Text, "\n")
	if text != "" {
		text += "\n"
	}
	d.paths.SetText(text + path)
}

func (d *openDialog) onConfirm(open bool) {
	d.w.focusText()
	if !open {
		return
	}
	var paths []string
	for _, line := range strings.Split(d.paths.Text, "\n") {
		if p := strings.TrimSpace(line); p != "" {
			paths = append(paths, p)
		}
	}
	if len(paths) > 0 {
		d.w.importPaths(paths, true)
	}
}

// newPathsEntry is the dialog's box of paths: a multi-line entry where Esc
// closes the dialog, as it does everywhere else.
func newPathsEntry(onEscape func()) *escapingEntry {
	e := newEscapingEntry(onEscape)
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapOff
	return e
}

func (w *mainWindow) showImportFolderDialog() {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			w.showReadError("Choosing a folder", err)
			return
		}
		if u != nil {
			w.importPaths([]string{u.Path()}, false)
		}
	}, w.win)
	d.Resize(fyne.NewSize(900, 600))
	w.dialogKeys(d, false)
	d.Show()
}

// onDropped imports dropped files, link files (.url, .webloc) and links
// dragged from a browser; plain text dropped is not delivered by Fyne.
func (w *mainWindow) onDropped(_ fyne.Position, uris []fyne.URI) {
	var paths []string
	for _, u := range uris {
		switch {
		case u.Scheme() == "http" || u.Scheme() == "https":
			paths = append(paths, u.String())
		case u.Scheme() != "file":
		default:
			if address, ok := droppedAddress(u.Path()); ok {
				paths = append(paths, address)
			} else {
				paths = append(paths, u.Path())
			}
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
	w.importWith(paths, openFirst, importer.WebOptions{})
}

// importWith is importPaths with the web addresses among paths fetched and
// read as webOpts says.
func (w *mainWindow) importWith(paths []string, openFirst bool, webOpts importer.WebOptions) {
	bar := widget.NewProgressBar()
	current := &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	progress := dialog.NewCustomWithoutButtons("Importing…", container.NewVBox(bar, current), w.win)
	progress.Resize(fyne.NewSize(480, 120))
	progress.Show()
	opts := importer.Options{
		Web:       webOpts,
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
	w.inBackground(w.readPastValues)
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
	w.dialogKeys(d, false)
	releaseFocusOnClose(d, text)
	d.Show()
}
