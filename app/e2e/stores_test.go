package e2e

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestStoreThatCannotBeOpened: a second Claimdesk on a store in use shows
// a window saying so, not a line on a terminal nobody sees. Esc quits it
// (exit 1); once the store is free, Enter (Try again) opens the window.
func TestStoreThatCannotBeOpened(t *testing.T) {
	bin, work, _, db := setUp(t)
	cli(t, bin, db, "import", filepath.Join(repoRoot(t), "seeds", "000_f91aa925e747fcb2.txt"))
	x := startXvfb(t)
	holder := startApp(t, bin, db, homeDir(t, work, "holder"), x)
	main := x.window("Claimdesk")
	waitTitle(t, x, main, seedTitle)

	second := startApp(t, bin, db, homeDir(t, work, "second"), x)
	problem := problemWindow(t, x)
	x.xdotool("windowfocus", "--sync", problem)
	x.closingKey(problem, "Escape")
	var exit *exec.ExitError
	if err := waitEnd(second, 15*time.Second); !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("Esc in the problem window: %v, want exit status 1", err)
	}
	x.windowGone(problemTitle)

	// A home of its own: Fyne reads preferences.json, which the process
	// just ended may still be writing (it logs "Preferences load error").
	second = startApp(t, bin, db, homeDir(t, work, "second-again"), x)
	problemWindow(t, x) // it found the store in use before the holder leaves
	x.xdotool("windowfocus", "--sync", main)
	x.quit(main)
	waitExit(t, holder)
	// Found again: its id, taken before the holder ended, was at times no
	// longer the window's once it had (BadWindow).
	problem = problemWindow(t, x)
	x.xdotool("windowfocus", "--sync", problem)
	x.closingKey(problem, "Return")
	opened := x.window("Kremlin Denies")
	waitTitle(t, x, opened, seedTitle)
	x.xdotool("windowfocus", "--sync", opened)
	x.quit(opened)
	waitExit(t, second)
}

// TestEachStoreKeepsItsPlace: the last article is remembered per store;
// another store whose articles have the same ids opens on its own first.
func TestEachStoreKeepsItsPlace(t *testing.T) {
	bin, work, _, db := setUp(t)
	other := filepath.Join(work, "other.db")
	texts := map[string]string{
		"second.txt": "Second article\n\nOfficials denied that anything happened.\n",
		"ofirst.txt": "Other store first\n\nOne.\n", "osecond.txt": "Other store second\n\nTwo.\n",
	}
	for name, text := range texts {
		writeFile(t, filepath.Join(work, name), text)
	}
	cli(t, bin, db, "import", filepath.Join(repoRoot(t), "seeds", "000_f91aa925e747fcb2.txt"), filepath.Join(work, "second.txt"))
	cli(t, bin, other, "import", filepath.Join(work, "ofirst.txt"))
	cli(t, bin, other, "import", filepath.Join(work, "osecond.txt"))
	x := startXvfb(t)
	home := homeDir(t, work, "analyst")

	run := func(store, wantTitle string, keys ...string) {
		t.Helper()
		app := startApp(t, bin, store, home, x)
		win := x.window("Claimdesk")
		waitTitle(t, x, win, wantTitle)
		x.xdotool("windowfocus", "--sync", win)
		time.Sleep(500 * time.Millisecond)
		for _, k := range keys {
			x.xdotool("key", "--window", win, k)
			time.Sleep(400 * time.Millisecond)
		}
		x.quit(win)
		waitExit(t, app)
	}
	run(db, seedTitle, "ctrl+Down") // leaves the first store on its article 2
	run(other, "Other store first") // not its article 2
	run(db, "Second article")       // the first store's place again
}

func homeDir(t *testing.T, work, name string) string {
	t.Helper()
	dir := filepath.Join(work, name)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	return dir
}

// problemTitle is part of the title of the window that says the store
// cannot be opened.
const problemTitle = "the store cannot be opened"

// problemWindow waits for the window that says the store cannot be opened.
func problemWindow(t *testing.T, x *display) string {
	t.Helper()
	return x.window(problemTitle)
}

// waitEnd waits for cmd to end and returns how it ended.
func waitEnd(cmd *exec.Cmd, limit time.Duration) error {
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(limit):
		_ = cmd.Process.Kill()
		return errors.New("did not end in time")
	}
}

// TestPlaceInTheArticleComesBack: scrolled down the article and quit, the
// window reopens with the same line at the top, to the pixel.
func TestPlaceInTheArticleComesBack(t *testing.T) {
	bin, work, shots, db := setUp(t)
	cli(t, bin, db, "import", filepath.Join(repoRoot(t), "seeds", "000_f91aa925e747fcb2.txt"))
	x := startXvfb(t)
	home := homeDir(t, work, "analyst")
	open := func() (*exec.Cmd, string) {
		app := startApp(t, bin, db, home, x)
		win := x.window("Claimdesk")
		waitTitle(t, x, win, seedTitle)
		x.xdotool("windowfocus", "--sync", win)
		time.Sleep(time.Second)
		return app, win
	}
	app, win := open()
	x.xdotool("mousemove", "--window", win, "600", "400", "click", "--repeat", "4", "--delay", "150", "5")
	x.xdotool("mousemove", "--window", win, "640", "795")
	time.Sleep(600 * time.Millisecond)
	left := x.screenshot(shots, "place-1-left")
	x.quit(win)
	waitExit(t, app)

	app, win = open()
	x.xdotool("mousemove", "--window", win, "640", "795")
	time.Sleep(600 * time.Millisecond)
	back := x.screenshot(shots, "place-2-back")
	if up, down := shift(left, back, textArea), shift(back, left, textArea); up != 0 || down != 0 {
		t.Errorf("reopened %d px above and %d px below the place it was left at", down, up)
	}
	if n := differing(left, back, textArea); n > 0 {
		t.Errorf("the article reopened with %d pixels other than it was left", n)
	}
	x.quit(win)
	waitExit(t, app)
}
