package window

import (
	"errors"
	"io/fs"
	"strings"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/storage"
)

// storeProblemTitle names the window, so that a window manager's list and
// the analyst both see at once that nothing else opened.
const storeProblemTitle = "Claimdesk — the store cannot be opened"

// storeProblem is the small window shown instead of the annotation window
// when the store cannot be opened. Started from a desktop icon, Claimdesk
// has no terminal to print to: this window is where the analyst learns why
// nothing opened and what to do, and can try again once that is done.
type storeProblem struct {
	win    fyne.Window
	path   string
	open   func() (*storage.Store, error)
	opened func(*storage.Store) error
	err    error // the latest failure: what Run reports if the analyst quits
	done   bool  // a retry succeeded; key presses queued behind it must not open again

	message  *widget.Label
	advice   *widget.Label
	status   *widget.Label
	tryAgain *widget.Button
	copyText *widget.Button
	quit     *widget.Button
}

// openOrExplain calls open and hands the store to opened, which shows the
// annotation window, or refuses the store, having closed it, with an error.
// On failure it shows a storeProblem instead, which hands the store over
// once Try again succeeds, in the same app: Fyne runs one app, and one
// loop, per process. It returns the storeProblem, nil if the store opened
// at once.
func openOrExplain(a fyne.App, path string, open func() (*storage.Store, error), opened func(*storage.Store) error) *storeProblem {
	err := openWith(open, opened)
	if err == nil {
		return nil
	}
	p := newStoreProblem(a, path, open, opened)
	p.explain(err)
	p.win.Show()
	return p
}

func openWith(open func() (*storage.Store, error), opened func(*storage.Store) error) error {
	store, err := open()
	if err != nil {
		return err
	}
	return opened(store)
}

func newStoreProblem(a fyne.App, path string, open func() (*storage.Store, error), opened func(*storage.Store) error) *storeProblem {
	p := &storeProblem{win: a.NewWindow(storeProblemTitle), path: path, open: open, opened: opened}
	p.buildUI()
	return p
}

func (p *storeProblem) buildUI() {
	p.message = &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}}
	p.advice = &widget.Label{Wrapping: fyne.TextWrapWord}
	p.status = &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Italic: true}}
	p.quit = &widget.Button{Text: "Quit", OnTapped: p.onQuit}
	p.copyText = &widget.Button{Text: "Copy message", Icon: theme.ContentCopyIcon(), OnTapped: p.onCopy}
	p.tryAgain = &widget.Button{Text: "Try again", Icon: theme.ViewRefreshIcon(), Importance: widget.HighImportance, OnTapped: p.onTryAgain}
	icon := widget.NewIcon(theme.NewWarningThemedResource(theme.WarningIcon()))
	text := container.NewVBox(p.message, p.advice, p.status)
	buttons := container.NewHBox(layout.NewSpacer(), p.quit, p.copyText, p.tryAgain)
	p.win.SetContent(container.NewPadded(container.NewBorder(nil, buttons, container.NewVBox(icon), nil, text)))
	p.win.Canvas().SetOnTypedKey(p.onTypedKey)
	p.win.Resize(fyne.NewSize(600, 280))
	p.win.CenterOnScreen()
}

// explain shows err and the advice for its cause.
func (p *storeProblem) explain(err error) {
	p.err = err
	p.message.SetText(err.Error())
	p.advice.SetText(storeAdvice(p.path, err))
}

// text is what Copy message puts on the clipboard: the message and what to
// do, as the analyst would paste them to whoever looks after the store.
func (p *storeProblem) text() string {
	return p.message.Text + "\n\n" + p.advice.Text
}

func (p *storeProblem) onTryAgain() {
	if p.done {
		return
	}
	if err := openWith(p.open, p.opened); err != nil {
		p.explain(err)
		p.status.SetText("Tried again at " + time.Now().Format("15:04:05") + ": the store still cannot be opened.")
		return
	}
	p.done, p.err = true, nil
	// opened has shown the annotation window, so closing this one, no
	// longer the last, does not end the app.
	p.win.Close()
}

func (p *storeProblem) onCopy() {
	fyne.CurrentApp().Clipboard().SetContent(p.text())
	p.status.SetText("The message is on the clipboard.")
}

// onQuit closes the window; being the app's only one, that ends Fyne's
// loop, and Run reports p.err.
func (p *storeProblem) onQuit() {
	p.win.Close()
}

func (p *storeProblem) onTypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		p.onQuit()
	case fyne.KeyReturn, fyne.KeyEnter:
		p.onTryAgain()
	}
}

// storeAdvice says what to do about err, by its cause. The message itself
// already names the file and what is wrong with it.
func storeAdvice(path string, err error) string {
	switch {
	case errors.Is(err, storage.ErrLocked):
		return "Another Claimdesk window, or a claimdesk command in a terminal, is using this store, " +
			"and only one at a time can. Close the other Claimdesk window, or wait for the command " +
			"to finish, then press Try again."
	case damaged(err):
		return "The store's file is damaged. Claimdesk has left it untouched. In a terminal, run\n\n" +
			"    claimdesk check --db " + shellQuote(path) + "\n\n" +
			"to see what is broken, then restore the file from a backup and press Try again."
	case errors.Is(err, storage.ErrNewerSchema):
		return "A newer Claimdesk wrote this store, and this one would misread it. " +
			"Update Claimdesk, then start it again."
	case errors.Is(err, storage.ErrNotClaimdesk):
		return "This file is not a Claimdesk store, and Claimdesk has left it untouched. Choose " +
			"another file: start Claimdesk with --db PATH, or set CLAIMDESK_DB to the store's path."
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return "Claimdesk may not read and write this file, or create it in its folder. Check the " +
			"permissions of the file and its folder (ls -l in a terminal): Claimdesk needs to read " +
			"and write the file, and to write in the folder to create it. Then press Try again."
	default:
		return "Check that the path is right and its disk is reachable, then press Try again. " +
			"To use another store, start Claimdesk with --db PATH, or set CLAIMDESK_DB."
	}
}

// damaged tells a damaged store from a foreign file. storage refuses a file
// damaged beyond opening as ErrNotClaimdesk and says why only in words, so
// those words are matched here; damage met after opening is ErrDamaged.
func damaged(err error) bool {
	if errors.Is(err, storage.ErrDamaged) {
		return true
	}
	if !errors.Is(err, storage.ErrNotClaimdesk) {
		return false
	}
	msg := err.Error()
	for _, why := range []string{"(damaged", "(truncated", "checksum"} {
		if strings.Contains(msg, why) {
			return true
		}
	}
	return false
}

// shellQuote makes path safe to paste into a shell.
func shellQuote(path string) string {
	if path != "" && strings.Trim(path, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+") == "" {
		return path
	}
	return "'" + strings.ReplaceAll(path, "'", `'\''`) + "'"
}
