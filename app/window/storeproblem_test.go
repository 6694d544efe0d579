package window

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"claimdesk/app/suggest"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	bolt "go.etcd.io/bbolt"

	"claimdesk/storage"
)

// openQuickly opens path as the command line does, but gives up on a lock
// within milliseconds, not a second.
func openQuickly(path string) func() (*storage.Store, error) {
	return func() (*storage.Store, error) {
		return storage.OpenWith(path, storage.Options{Timeout: 20 * time.Millisecond})
	}
}

// holdStore opens the store at path, as another claimdesk would, until the
// returned function (also run at cleanup) lets it go.
func holdStore(t *testing.T, path string) (release func()) {
	t.Helper()
	s, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var once bool
	release = func() {
		if !once {
			once = true
			s.Close()
		}
	}
	t.Cleanup(release)
	return release
}

// damagedStore writes a store whose one article record does not decode: it
// opens, and its first read fails.
func damagedStore(t *testing.T, path string) {
	t.Helper()
	s, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.AddArticle(storage.Article{Text: "Peskov denied everything."}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		// The article and its summary, which is what the window reads of
		// it at start (the store's summaries spare reading every article).
		for _, bucket := range []string{"articles", "article_summaries"} {
			b := tx.Bucket([]byte(bucket))
			k, _ := b.Cursor().First()
			if err := b.Put(k, []byte("{not json")); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// truncatedStore writes a store cut short, damaged beyond opening.
func truncatedStore(t *testing.T, path string) {
	t.Helper()
	s, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, info.Size()/2); err != nil {
		t.Fatal(err)
	}
}

// openedBy hands the stores over as Run does, to a test's annotation
// window, so a damaged store meets Run's refusal, and records them.
type openedBy struct {
	a       fyne.App
	stores  []*storage.Store
	windows []*mainWindow
}

func (o *openedBy) opened(store *storage.Store) error {
	w, err := showMainWindow(store, func(s *storage.Store) *mainWindow {
		return newMainWindowWith(o.a, s, newMemory(""), func(f func()) { f() }, func(time.Duration, func()) {}, func(*suggest.Engine, func(error)) {})
	})
	if err != nil {
		return err
	}
	o.stores, o.windows = append(o.stores, store), append(o.windows, w)
	return nil
}

func isOpen(a fyne.App, w fyne.Window) bool {
	return slices.Contains(a.Driver().AllWindows(), w)
}

func TestStoreProblemAdvisesByCause(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, path string) func() (*storage.Store, error)
		says    []string
	}{
		{"locked", func(t *testing.T, path string) func() (*storage.Store, error) {
			holdStore(t, path)
			return openQuickly(path)
		}, []string{"another claimdesk is using PATH", "Close the other Claimdesk window", "Try again"}},
		{"damaged inside", func(t *testing.T, path string) func() (*storage.Store, error) {
			damagedStore(t, path)
			return openQuickly(path)
		}, []string{"PATH", "is damaged", "claimdesk check --db PATH", "backup", "untouched"}},
		{"damaged beyond opening", func(t *testing.T, path string) func() (*storage.Store, error) {
			truncatedStore(t, path)
			return openQuickly(path)
		}, []string{"PATH", "truncated", "claimdesk check --db PATH", "backup"}},
		{"not a store", func(t *testing.T, path string) func() (*storage.Store, error) {
			if err := os.WriteFile(path, []byte("an article, not a store"), 0o600); err != nil {
				t.Fatal(err)
			}
			return openQuickly(path)
		}, []string{"PATH", "not a claimdesk database", "not a Claimdesk store", "Choose another file", "--db"}},
		// Tests run as root on CI, where no file is forbidden: the error is
		// the one os.OpenFile gives a user who may not write the file.
		{"read-only file", func(t *testing.T, path string) func() (*storage.Store, error) {
			return func() (*storage.Store, error) {
				return nil, &fs.PathError{Op: "open", Path: path, Err: syscall.EACCES}
			}
		}, []string{"PATH", "permission denied", "permissions of the file and its folder"}},
		{"read-only disk", func(t *testing.T, path string) func() (*storage.Store, error) {
			return func() (*storage.Store, error) {
				return nil, &fs.PathError{Op: "open", Path: path, Err: syscall.EROFS}
			}
		}, []string{"PATH", "read-only file system", "permissions of the file and its folder"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := test.NewTempApp(t)
			path := filepath.Join(t.TempDir(), "claims.db")
			open := tc.prepare(t, path)
			before, _ := os.ReadFile(path)
			o := &openedBy{a: a}
			p := openOrExplain(a, path, open, o.opened)
			if p == nil {
				t.Fatal("the store opened; the test needs one that does not")
			}
			if len(o.stores) != 0 || !isOpen(a, p.win) || p.win.Title() != storeProblemTitle {
				t.Fatalf("want only the problem window, got stores %v, windows %v", o.stores, a.Driver().AllWindows())
			}
			shown := p.message.Text + "\n" + p.advice.Text
			for _, want := range tc.says {
				if want = strings.ReplaceAll(want, "PATH", path); !strings.Contains(shown, want) {
					t.Errorf("the window does not say %q:\n%s", want, shown)
				}
			}
			if after, _ := os.ReadFile(path); string(after) != string(before) {
				t.Error("the file was changed")
			}
		})
	}
}

func TestStoreProblemTryAgainOpensTheStoreOnceFree(t *testing.T) {
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "claims.db")
	release := holdStore(t, path)
	o := &openedBy{a: a}
	p := openOrExplain(a, path, openQuickly(path), o.opened)
	if p == nil {
		t.Fatal("a held store opened")
	}
	test.Tap(p.tryAgain)
	if len(o.stores) != 0 || !isOpen(a, p.win) || !strings.Contains(p.status.Text, "still cannot be opened") {
		t.Fatalf("Try again on a held store: stores %v, status %q", o.stores, p.status.Text)
	}
	release()
	p.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(o.stores) != 1 || o.stores[0].Path() != path {
		t.Fatalf("Enter once the store is free handed over %v", o.stores)
	}
	defer o.stores[0].Close()
	if isOpen(a, p.win) || !isOpen(a, o.windows[0].win) || p.err != nil {
		t.Errorf("after the store opened: problem window open %v, annotation window open %v, failure %v",
			isOpen(a, p.win), isOpen(a, o.windows[0].win), p.err)
	}
	p.onTryAgain()
	if len(o.stores) != 1 || p.err != nil {
		t.Errorf("a key press queued behind the successful one tried to open the store again: %v", p.err)
	}
}

func TestStoreProblemQuitReturnsTheError(t *testing.T) {
	for name, quit := range map[string]func(p *storeProblem){
		"button": func(p *storeProblem) { test.Tap(p.quit) },
		"Esc":    func(p *storeProblem) { p.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape}) },
	} {
		t.Run(name, func(t *testing.T) {
			a := test.NewTempApp(t)
			path := filepath.Join(t.TempDir(), "claims.db")
			holdStore(t, path)
			o := &openedBy{a: a}
			p := openOrExplain(a, path, openQuickly(path), o.opened)
			quit(p)
			if isOpen(a, p.win) || len(o.stores) != 0 {
				t.Errorf("after Quit: problem window open %v, stores %v", isOpen(a, p.win), o.stores)
			}
			if !errors.Is(p.err, storage.ErrLocked) || !strings.Contains(p.err.Error(), path) {
				t.Errorf("Run would report %v, want the lock on %s", p.err, path)
			}
		})
	}
}

func TestStoreProblemCopiesMessageAndAdvice(t *testing.T) {
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "claims.db")
	holdStore(t, path)
	p := openOrExplain(a, path, openQuickly(path), (&openedBy{a: a}).opened)
	test.Tap(p.copyText)
	got := a.Clipboard().Content()
	if !strings.Contains(got, "another claimdesk is using "+path) || !strings.Contains(got, "Close the other Claimdesk window") {
		t.Errorf("clipboard %q", got)
	}
}

func TestStoreProblemStaysAwayWhenTheStoreOpens(t *testing.T) {
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "claims.db")
	o := &openedBy{a: a}
	if p := openOrExplain(a, path, openQuickly(path), o.opened); p != nil {
		t.Fatalf("a free store got the problem window: %v", p.err)
	}
	if len(o.stores) != 1 || !isOpen(a, o.windows[0].win) {
		t.Fatalf("stores handed over: %v, windows open %v", o.stores, a.Driver().AllWindows())
	}
	o.stores[0].Close()
}

func TestStoreProblemQuotesPathsForTheShell(t *testing.T) {
	for path, want := range map[string]string{
		"/home/ana/claims.db":    "/home/ana/claims.db",
		"/home/ana/my claims.db": "'/home/ana/my claims.db'",
		"/tmp/ana's.db":          `'/tmp/ana'\''s.db'`,
	} {
		if got := shellQuote(path); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", path, got, want)
		}
	}
}

// TestAMigratedStoreSaysWhereItWasKept: the window on a store that opening
// migrated says, in its footer, where the store as it was is kept.
func TestAMigratedStoreSaysWhereItWasKept(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "storage", "testdata", "schema2.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "old.db")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	store, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	o := &openedBy{a: test.NewTempApp(t)}
	if err := o.opened(store); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	if msg := o.windows[0].footer.message.Text; !strings.Contains(msg, "kept in "+path+".schema2.bak") {
		t.Errorf("the footer says %q", msg)
	}
}
