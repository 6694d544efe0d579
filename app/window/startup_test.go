package window

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"claimdesk/app/suggest"
	"claimdesk/seeds"
	"claimdesk/storage"
)

// newWindowLoadingLater opens the window on store with its background work
// held in a queue: the returned function runs it, as the goroutine would
// once the first frame is drawn.
func newWindowLoadingLater(t testing.TB, store *storage.Store) (*mainWindow, func()) {
	t.Helper()
	w, queue := newWindowQueuing(t, store)
	return w, func() { queue.runAll() }
}

// newWindowQueuing opens the window on store with its background work held
// in the returned queue, for the test to run in the order it chooses.
func newWindowQueuing(t testing.TB, store *storage.Store) (*mainWindow, *backgroundQueue) {
	t.Helper()
	queue := &backgroundQueue{}
	remembered, err := loadMemory(filepath.Join(t.TempDir(), memoryFile), nil)
	if err != nil {
		t.Fatal(err)
	}
	w := newMainWindowWith(test.NewTempApp(t), store, remembered, queue.add,
		func(time.Duration, func()) {}, func(e *suggest.Engine, failed func(error)) {
			if err := e.Load(); err != nil {
				failed(err)
			}
		})
	w.win.Resize(fyne.NewSize(1280, 800))
	return w, queue
}

// storeWithClaims is a store holding the seed article with a claim of
// peskov by ana and one of putin by bob.
func storeWithClaims(t testing.TB) *storage.Store {
	t.Helper()
	store, err := storage.Open(filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if _, err := seeds.LoadIfEmpty(store); err != nil {
		t.Fatal(err)
	}
	list, err := store.ArticleSummaries()
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range []storage.Claim{
		{Label: "denial", Speaker: "Dmitry Peskov", Target: "USA", Annotator: "ana"},
		{Label: "praise", Speaker: "Vladimir Putin", Target: "Trump", Annotator: "bob"},
	} {
		c.ArticleID, c.Start, c.End = list[0].ID, i*10, i*10+6
		if _, err := store.AddClaim(c); err != nil {
			t.Fatal(err)
		}
	}
	return store
}

// TestThePaletteAnswersFromTheStoreWhileIndexing: before the index is
// loaded the window is drawn with its article; the palette opens, says it
// is indexing the store's claims and answers from the store meanwhile, and
// answers again from the index once it holds the store.
func TestThePaletteAnswersFromTheStoreWhileIndexing(t *testing.T) {
	w, queue := newWindowQueuing(t, storeWithClaims(t))
	if w.session.Article().ID == 0 || !strings.HasSuffix(w.win.Title(), "— Claimdesk") {
		t.Fatalf("before loading, the window shows article %d titled %q", w.session.Article().ID, w.win.Title())
	}
	press(w, ctrl(fyne.KeyK))
	p := w.palette
	if got := p.info.Text; got != "Indexing 2 claims… searching the store meanwhile" {
		t.Errorf("opened while indexing, the palette says %q", got)
	}
	queue.takeLast()() // the most recent claims, asked for on opening
	if len(p.results) != 2 || p.info.Text != "Most recent claims · indexing 2 claims…" {
		t.Errorf("opened while indexing, the palette lists %d claims and says %q", len(p.results), p.info.Text)
	}
	test.Type(p.query, "peskov")
	queue.takeLast()() // the first key's search, old once it answers: it asks again
	queue.takeLast()() // what the box holds
	if p.query.Text != "peskov" || len(p.results) != 1 || p.results[0].Speaker != "Dmitry Peskov" {
		t.Fatalf("while indexing, %q finds %+v", p.query.Text, p.results)
	}
	if got := p.info.Text; got != "1 result · indexing 2 claims…" {
		t.Errorf("answered from the store the palette says %q", got)
	}
	queue.runAll() // the index is read, and the palette asks it again
	if w.palette != p || p.query.Text != "peskov" {
		t.Fatalf("after indexing the palette is %p (was %p) holding %q", w.palette, p, p.query.Text)
	}
	if len(p.results) != 1 || p.results[0].Speaker != "Dmitry Peskov" {
		t.Errorf("once indexed, 'peskov' finds %+v", p.results)
	}
	if got := p.info.Text; got != "1 result" {
		t.Errorf("once indexed the palette says %q", got)
	}
}

// TestEnterBeforeTheFirstFrameOpensTheAnswer: a query typed and Enter
// pressed before the first frame wait for it; once drawn, the store is
// searched and the answer's first claim opens.
func TestEnterBeforeTheFirstFrameOpensTheAnswer(t *testing.T) {
	w, queue := newWindowQueuing(t, storeWithClaims(t))
	// The test driver draws no frame and so has it drawn at once; this
	// test drops the index's read that began and draws it later.
	_ = queue.takeFirst()
	w.framed = false
	press(w, ctrl(fyne.KeyK))
	p := w.palette
	queued := len(*queue)
	test.Type(p.query, "putin")
	p.query.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(*queue) != queued || w.palette != p {
		t.Fatalf("before the first frame: %d searches queued, palette open %v", len(*queue)-queued, w.palette == p)
	}
	w.firstFrameDrawn()
	readIndex := queue.takeLast()
	queue.takeLast()() // the palette's search of the store
	if w.palette != nil || w.details.claim != 2 {
		t.Errorf("once drawn and answered, the palette is open %v and claim %d selected, want claim 2 (Putin's)", w.palette != nil, w.details.claim)
	}
	readIndex()
	queue.runAll()
}

// TestLayersAndCompletionArriveAfterTheFirstFrame: who annotated and the
// speakers used before are read after the first frame, and merged with
// what arrived meanwhile rather than replacing it.
func TestLayersAndCompletionArriveAfterTheFirstFrame(t *testing.T) {
	store := storeWithClaims(t)
	w, load := newWindowLoadingLater(t, store)
	layers := func() []string {
		var out []string
		for _, l := range w.session.LayerChoices() {
			out = append(out, l.Name())
		}
		return out
	}
	if got := layers(); !reflect.DeepEqual(got, []string{"Mine", "Everyone", "gold"}) {
		t.Errorf("before loading, the layers offered are %v", got)
	}
	w.details.remember("Maria Zakharova", "")
	load()
	if got := layers(); !reflect.DeepEqual(got, []string{"Mine", "Everyone", "ana", "bob", "gold"}) {
		t.Errorf("after loading, the layers offered are %v", got)
	}
	if got := w.details.speakers; !reflect.DeepEqual(got, []string{"Dmitry Peskov", "Vladimir Putin", "Maria Zakharova"}) {
		t.Errorf("the speakers completed are %v", got)
	}
	if !strings.Contains(strings.Join(w.layers.choice.Options, ","), "bob") {
		t.Errorf("the layer switch offers %v", w.layers.choice.Options)
	}
}

// TestStartUpReturnsItsGarbage: the window returns start-up's garbage to
// the system once its reads are done, and again once the first model's
// candidates are found, the last work of start-up; later searches leave
// collecting to the runtime.
func TestStartUpReturnsItsGarbage(t *testing.T) {
	w, runBackground := newWindowLoadingLater(t, storeWithClaims(t))
	if n := w.collections.Load(); n != 0 {
		t.Fatalf("%d collections before start-up's reads ran", n)
	}
	runBackground()
	if !w.suggestions.learnt {
		t.Fatal("start-up ran and no model is in use")
	}
	if n := w.collections.Load(); n != 2 {
		t.Errorf("%d collections once start-up is done, want 2: after its reads and after the first model's candidates", n)
	}
	w.suggestions.modelReady()
	w.suggestions.search()
	runBackground()
	if n := w.collections.Load(); n != 2 {
		t.Errorf("%d collections after later searches, want still 2", n)
	}
}
