package window

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/app/importer"
	"claimdesk/app/web"
)

// Choices of the address dialog's "Read as".
const (
	readDetected = "Page or feed (detected)"
	readFeed     = "News feed"
)

// addressDialog is File > Open address…: web addresses, one a line, each
// fetched once when Open is pressed and imported as the command line's
// import does (a feed's entries each); the first article is opened. A
// date or count it cannot read is said in the dialog, which stays open.
type addressDialog struct {
	w         *mainWindow
	addresses *escapingEntry
	readAs    *widget.RadioGroup
	since     *escapingEntry
	limit     *escapingEntry
	problem   *widget.Label
	dlg       *dialog.CustomDialog
}

func (w *mainWindow) showAddressDialog() {
	d := &addressDialog{w: w}
	hide := func() { d.dlg.Hide() }
	d.addresses = newPathsEntry(hide)
	d.addresses.SetPlaceHolder("https://example.org/news/article.html\nhttps://example.org/feed.xml\n(one address a line)")
	d.readAs = &widget.RadioGroup{Options: []string{readDetected, readFeed}, Selected: readDetected, Horizontal: true, Required: true}
	d.readAs.ExtendBaseWidget(d.readAs)
	d.since = newLineEntry(hide, d.onOpen)
	d.since.SetPlaceHolder("YYYY-MM-DD")
	d.limit = newLineEntry(hide, d.onOpen)
	d.limit.SetPlaceHolder("all")
	d.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	d.problem.Hide()
	note := &widget.Label{Text: fmt.Sprintf("Fetched once, now: %d s at most, %d MiB, %d redirects; only http and https. "+
		"A feed imports each entry: its full text when the feed carries it, else its page; entries stored already are skipped.",
		int(web.DefaultTimeout.Seconds()), web.MaxSize>>20, web.MaxRedirects), Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	feedRow := container.NewHBox(widget.NewLabel("Feeds: entries since"), sized(d.since, 150),
		widget.NewLabel("at most"), sized(d.limit, 80), widget.NewLabel("(the newest)"))
	open := &widget.Button{Text: "Open", Icon: theme.DownloadIcon(), Importance: widget.HighImportance, OnTapped: d.onOpen}
	cancel := &widget.Button{Text: "Cancel", Icon: theme.CancelIcon(), OnTapped: hide}
	bottom := container.NewVBox(container.NewHBox(widget.NewLabel("Read as"), d.readAs), feedRow, note, d.problem,
		container.NewCenter(container.NewHBox(cancel, open)))
	d.dlg = dialog.NewCustomWithoutButtons("Open web address", container.NewBorder(nil, bottom, nil, nil, d.addresses), w.win)
	d.dlg.Resize(fyne.NewSize(760, 460))
	w.dialogKeys(d.dlg, false)
	releaseFocusOnClose(d.dlg, d.addresses)
	d.dlg.Show()
	w.win.Canvas().Focus(d.addresses)
	w.addressing = d
}

// sized gives a single-line entry a width of its own in a row.
func sized(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(width, o.MinSize().Height), o)
}

// newLineEntry is a one-line entry where Esc closes the dialog and Enter
// submits it.
func newLineEntry(onEscape, onSubmit func()) *escapingEntry {
	e := newPathsEntry(onEscape)
	e.MultiLine = false
	e.OnSubmitted = func(string) { onSubmit() }
	return e
}

// onOpen reads the dialog and imports; a bad field is named in the
// dialog, which stays open with what was typed.
func (d *addressDialog) onOpen() {
	addresses := d.addressList()
	opts, problem := d.webOptions()
	if problem == "" && len(addresses) == 0 {
		problem = "Type or paste at least one address, such as https://example.org/news/article.html"
	}
	if problem != "" {
		d.problem.SetText(problem)
		d.problem.Show()
		return
	}
	d.dlg.Hide()
	d.w.importWith(addresses, true, opts)
}

// addressList is every non-empty line; one without a scheme is taken as
// https, as browsers take "example.org/news".
func (d *addressDialog) addressList() []string {
	var out []string
	for _, line := range strings.Split(d.addresses.Text, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
		case !web.HasScheme(line):
			out = append(out, "https://"+line)
		default:
			out = append(out, line)
		}
	}
	return out
}

// webOptions reads the feed fields; problem names one it cannot read.
func (d *addressDialog) webOptions() (opts importer.WebOptions, problem string) {
	opts = importer.WebOptions{Feed: d.readAs.Selected == readFeed}
	if s := strings.TrimSpace(d.since.Text); s != "" {
		since, err := web.ParseSince(s)
		if err != nil {
			return opts, "Since: " + err.Error()
		}
		opts.Entries.Since = since
	}
	if s := strings.TrimSpace(d.limit.Text); s != "" && s != "all" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return opts, fmt.Sprintf("At most: %q is not a number of entries (1 or more; empty for all)", s)
		}
		opts.Entries.Limit = n
	}
	return opts, ""
}

// droppedAddress recovers a link dropped from a browser. GLFW hands Fyne
// the text/uri-list entries of a drop as paths, and Fyne makes each a
// file URI against the working folder, so https://example.org/a arrives as
// file:///working/folder/https:/example.org/a.
func droppedAddress(path string) (string, bool) {
	for _, scheme := range []string{"https:/", "http:/"} {
		i := strings.Index(path, "/"+scheme)
		if i < 0 {
			continue
		}
		if _, err := os.Stat(path); err == nil {
			return "", false // a real file, however oddly named
		}
		return scheme + "/" + strings.TrimPrefix(path[i+1+len(scheme):], "/"), true
	}
	return "", false
}
