package window

import (
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"claimdesk/app/suggest"
	"claimdesk/seeds"
	"claimdesk/storage"
)

// timers holds, per window, what it scheduled to run later, in order.
var timers = map[*mainWindow]*[]func(){}

// memoryFiles holds, per test app, the file its windows remember their
// place in, so each window opened on the app reads it as a restart would.
var memoryFiles = map[fyne.App]string{}

// newTestWindow opens the window headless on a temporary store holding the
// seed article, sized like a laptop screen. Imports, exports and indexing
// run on the test's goroutine, and timers wait for fireTimers, so the tests
// see every result without racing the window.
func newTestWindow(t *testing.T) *mainWindow {
	t.Helper()
	a := test.NewTempApp(t)
	store, err := storage.Open(filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seeds.LoadIfEmpty(store); err != nil {
		t.Fatal(err)
	}
	w := newTestWindowOn(t, a, store)
	t.Cleanup(func() {
		if err := w.store.Check(); err != nil {
			t.Error(err)
		}
		w.store.Close()
	})
	return w
}

// newTestWindowOn opens another window on the same app and store, as a
// restart would.
// backgroundQueue holds what a window runs in the background until the
// test runs it, so the test decides what has finished when.
type backgroundQueue []func()

// queueBackground has w's background work wait in the returned queue.
func queueBackground(w *mainWindow) *backgroundQueue {
	q := &backgroundQueue{}
	w.inBackground = q.add
	return q
}

func (q *backgroundQueue) add(f func()) { *q = append(*q, f) }

// runAll runs the queued work in order, and the work it queues, and says
// how much ran.
func (q *backgroundQueue) runAll() int {
	ran := 0
	for len(*q) > 0 {
		f := (*q)[0]
		*q = (*q)[1:]
		f()
		ran++
	}
	return ran
}

// takeLast removes the last work queued, for the test to run before
// what was queued ahead of it.
func (q *backgroundQueue) takeLast() func() {
	f := (*q)[len(*q)-1]
	*q = (*q)[:len(*q)-1]
	return f
}

// takeFirst removes the first work queued, for the test to run late.
func (q *backgroundQueue) takeFirst() func() {
	f := (*q)[0]
	*q = (*q)[1:]
	return f
}

func newTestWindowOn(t testing.TB, a fyne.App, store *storage.Store) *mainWindow {
	t.Helper()
	queue := &[]func(){}
	path, ok := memoryFiles[a]
	if !ok {
		path = filepath.Join(t.TempDir(), memoryFile)
		memoryFiles[a] = path
		t.Cleanup(func() { delete(memoryFiles, a) })
	}
	remembered, err := loadMemory(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	w := newMainWindowWith(a, store, remembered, func(f func()) { f() }, func(_ time.Duration, f func()) { *queue = append(*queue, f) },
		func(e *suggest.Engine, failed func(error)) {
			if err := e.Load(); err != nil {
				failed(err)
			}
		})
	timers[w] = queue
	t.Cleanup(func() { delete(timers, w) })
	w.win.Resize(fyne.NewSize(1280, 800))
	w.view.Refresh()
	return w
}

// fireTimers runs every function w scheduled as if its time had come.
func fireTimers(w *mainWindow) {
	queue := timers[w]
	for len(*queue) > 0 {
		f := (*queue)[0]
		*queue = (*queue)[1:]
		f()
	}
}

func selectedID(w *mainWindow) uint64 {
	c, _ := w.session.Selected()
	return c.ID
}
