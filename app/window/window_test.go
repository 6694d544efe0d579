package window

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"claimdesk/storage"
)

// dragOver drags across the text from the first to the last code point of
// the first occurrence of phrase.
func dragOver(t *testing.T, w *mainWindow, phrase string) (start, end int) {
	t.Helper()
	i := strings.Index(w.session.Article().Text, phrase)
	if i < 0 {
		t.Fatalf("%q not in the article", phrase)
	}
	start = storage.RuneOffset(w.session.Article().Text, i)
	end = start + storage.RuneLen(phrase)
	w.view.ScrollToOffset(start)
	from, ok1 := charCentre(w, start)
	to, ok2 := charCentre(w, end-1)
	if !ok1 || !ok2 {
		t.Fatalf("%q is not laid out on screen", phrase)
	}
	test.Drag(w.win.Canvas(), to, to.X-from.X, to.Y-from.Y) // Drag ends at the position it is given
	return start, end
}

// charCentre is the centre of the character at offset, in canvas coordinates.
func charCentre(w *mainWindow, offset int) (fyne.Position, bool) {
	pos, size, ok := w.view.CharBounds(offset)
	base := fyne.CurrentApp().Driver().AbsolutePositionForObject(w.view)
	return base.Add(pos).Add(fyne.NewPos(size.Width/2, size.Height/2)), ok
}

func storedClaims(t *testing.T, w *mainWindow) []storage.Claim {
	t.Helper()
	anns, err := w.store.Claims(w.session.Article().ID)
	if err != nil {
		t.Fatal(err)
	}
	return anns
}

func press(w *mainWindow, s fyne.Shortcut) {
	w.win.Canvas().(fyne.Shortcutable).TypedShortcut(s)
}

func TestOpensTheSeedArticle(t *testing.T) {
	w := newTestWindow(t)
	if w.session.Article().Title != "Kremlin Denies Interfering in U.S. Election Campaign" {
		t.Fatalf("opened %q", w.session.Article().Title)
	}
	if len(w.session.Articles()) != 1 || w.win.Title() != w.session.Article().Title+" — Claimdesk" {
		t.Errorf("list %d, title %q", len(w.session.Articles()), w.win.Title())
	}
}

func TestDragThenHotkeyCreatesTheClaim(t *testing.T) {
	w := newTestWindow(t)
	start, end := dragOver(t, w, "Kremlin spokesman Dmitry Peskov")
	if s, e, ok := w.view.Selection(); !ok || s != start || e != end {
		t.Fatalf("selection %d–%d %v, want %d–%d", s, e, ok, start, end)
	}
	test.Type(w.view, "1")
	claims := storedClaims(t, w)
	if len(claims) != 1 {
		t.Fatalf("%d claims stored", len(claims))
	}
	c := claims[0]
	if c.Label != "denial" || c.Quote != "Kremlin spokesman Dmitry Peskov" || c.Start != start || c.End != end {
		t.Errorf("stored %+v", c)
	}
	if got := w.footer.counts.Text; !strings.HasPrefix(got, "This article: 1 claim (1 denial) · Store: 1 article") {
		t.Errorf("footer reads %q", got)
	}
	if selectedID(w) != c.ID || w.claimsUI.list.Length() != 1 {
		t.Errorf("the new claim should be selected and listed")
	}
	if a, _ := w.store.Article(w.session.Article().ID); a.Status != storage.StatusInProgress {
		t.Errorf("status %q after the first claim", a.Status)
	}
}

func TestArabicLineClaim(t *testing.T) {
	w := newTestWindow(t)
	start, end := dragOver(t, w, "إقرأ هذا الخبر بالعربية")
	test.Type(w.view, "3")
	claims := storedClaims(t, w)
	if len(claims) != 1 || claims[0].Quote != "إقرأ هذا الخبر بالعربية" || claims[0].Start != start || claims[0].End != end {
		t.Fatalf("Arabic claim %+v", claims)
	}
}

func TestClickRelabelDeleteUndoRedo(t *testing.T) {
	w := newTestWindow(t)
	dragOver(t, w, "absurd")
	test.Type(w.view, "2")
	id := storedClaims(t, w)[0].ID
	w.clearSelection()
	if selectedID(w) != 0 {
		t.Fatal("Esc should clear the selected claim")
	}
	pos, size, _ := w.view.CharBounds(storedClaims(t, w)[0].Start + 2)
	test.TapAt(w.view, pos.Add(fyne.NewPos(size.Width/2, size.Height/2)))
	if selectedID(w) != id {
		t.Fatalf("clicking the highlight selected %d, want %d", selectedID(w), id)
	}
	test.Type(w.view, "1")
	if got := storedClaims(t, w)[0].Label; got != "denial" {
		t.Fatalf("relabel gave %q", got)
	}
	w.view.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if n := len(storedClaims(t, w)); n != 0 {
		t.Fatalf("%d claims after Delete", n)
	}
	press(w, ctrl(fyne.KeyZ))
	if c := storedClaims(t, w); len(c) != 1 || c[0].ID != id || c[0].Label != "denial" {
		t.Fatalf("undo delete: %+v", c)
	}
	press(w, ctrl(fyne.KeyZ))
	if c := storedClaims(t, w); c[0].Label != "accusation" {
		t.Fatalf("undo relabel: %+v", c)
	}
	press(w, ctrlShift(fyne.KeyZ))
	press(w, ctrlShift(fyne.KeyZ))
	if n := len(storedClaims(t, w)); n != 0 {
		t.Fatalf("redo twice should delete again, %d claims", n)
	}
}

func TestEditorStoresSpeakerTargetNote(t *testing.T) {
	w := newTestWindow(t)
	dragOver(t, w, "absurd")
	test.Type(w.view, "2")
	test.Type(w.details.speaker, "Kremlin")
	test.Type(w.details.target, "Clinton campaign")
	test.Type(w.details.note, "quoted")
	w.details.endTyping()
	c := storedClaims(t, w)[0]
	if c.Speaker != "Kremlin" || c.Target != "Clinton campaign" || c.Note != "quoted" {
		t.Fatalf("stored %+v", c)
	}

	dragOver(t, w, "Moscow has carefully avoided")
	test.Type(w.view, "1")
	test.Type(w.details.speaker, "Kr")
	if !w.details.speaker.visible() || len(w.details.speaker.options) != 1 {
		t.Fatalf("no completion offered: %v", w.details.speaker.options)
	}
	w.details.speaker.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	w.details.speaker.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	w.details.endTyping()
	if got := storedClaims(t, w)[1].Speaker; got != "Kremlin" {
		t.Errorf("completed speaker %q", got)
	}
}

func TestArticleFilterAndStatus(t *testing.T) {
	w := newTestWindow(t)
	if _, _, err := w.store.AddArticle(storage.Article{Text: "Budget talks\n\nMinisters praised the plan."}); err != nil {
		t.Fatal(err)
	}
	if len(w.session.Articles()) != 2 {
		t.Fatalf("the list did not follow the store: %d", len(w.session.Articles()))
	}
	test.Type(w.articles.filter, "budget")
	if len(w.articles.shown) != 1 || w.articles.article(0).Title != "Budget talks" {
		t.Fatalf("filter shows %v", w.articles.shown)
	}
	if w.articles.count.Text != "1 of 2" {
		t.Errorf("the filter's count reads %q", w.articles.count.Text)
	}
	press(w, ctrl(fyne.KeyD))
	if a, _ := w.store.Article(w.session.Article().ID); a.Status != storage.StatusDone {
		t.Errorf("Ctrl+D left status %q", a.Status)
	}
	w.articles.filter.SetText("")
	w.articles.status.SetSelected(string(storage.StatusDone))
	if len(w.articles.shown) != 1 || w.articles.article(0).Status != storage.StatusDone || w.articles.count.Text != "1 of 2" {
		t.Errorf("the status filter shows %d, count %q", len(w.articles.shown), w.articles.count.Text)
	}
}

func TestSelectingAClaimsSpanSelectsTheClaim(t *testing.T) {
	w := newTestWindow(t)
	dragOver(t, w, "absurd")
	test.Type(w.view, "2")
	w.clearSelection()
	dragOver(t, w, "absurd")
	test.Type(w.view, "1")
	claims := storedClaims(t, w)
	if len(claims) != 1 || claims[0].Label != "denial" {
		t.Fatalf("want the one claim relabelled, got %+v", claims)
	}
}

// While the completion list is open it holds the overlay's focus; typing
// must still reach the entry, and Tab must move on to the target.
func TestTypingGoesOnWhileCompletionsShow(t *testing.T) {
	w := newTestWindow(t)
	dragOver(t, w, "absurd")
	test.Type(w.view, "2")
	test.Type(w.details.speaker, "Kremlin")
	w.details.endTyping()
	dragOver(t, w, "Moscow has carefully avoided")
	test.Type(w.view, "1")
	w.win.Canvas().Focus(w.details.speaker)
	test.Type(w.details.speaker, "K")
	c := w.win.Canvas()
	for _, r := range "rem" {
		c.Focused().TypedRune(r)
	}
	if w.details.speaker.Text != "Krem" {
		t.Fatalf("speaker reads %q after typing on with the list open", w.details.speaker.Text)
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
	if w.details.speaker.Text != "Kremlin" || c.Focused() != w.details.target {
		t.Fatalf("after ↓ Tab: speaker %q, focus on %T", w.details.speaker.Text, c.Focused())
	}
}

// Every keystroke is stored at once, so a crash a moment after typing
// loses nothing; the burst is one undo step, closed when typing pauses, and
// a space just typed stays in the field although the store trims it.
func TestTypedDetailsAreStoredAtOnceAndUndoneAsOne(t *testing.T) {
	w := newTestWindow(t)
	dragOver(t, w, "absurd")
	test.Type(w.view, "2")
	test.Type(w.details.note, "sarcasm ")
	if got := storedClaims(t, w)[0].Note; got != "sarcasm" {
		t.Fatalf("stored %q while typing", got)
	}
	if got := w.details.note.Text; got != "sarcasm " {
		t.Fatalf("the field reads %q while typing", got)
	}
	test.Type(w.details.note, "?")
	fireTimers(w)
	if got := storedClaims(t, w)[0].Note; got != "sarcasm ?" {
		t.Fatalf("after the pause the note is %q", got)
	}
	if !strings.HasPrefix(w.footer.saved.Text, "Saved ") {
		t.Errorf("footer says %q", w.footer.saved.Text)
	}
	press(w, ctrl(fyne.KeyZ))
	if got := storedClaims(t, w)[0].Note; got != "" {
		t.Errorf("one undo should remove the whole typed note, left %q", got)
	}
	if got := w.details.note.Text; got != "" {
		t.Errorf("after undo the field reads %q", got)
	}
}

// The GLFW driver delivers Ctrl+Z as Fyne's standard undo shortcut, not
// as the custom one the menu shows; both must undo.
func TestStandardUndoRedoShortcuts(t *testing.T) {
	w := newTestWindow(t)
	dragOver(t, w, "absurd")
	test.Type(w.view, "2")
	press(w, &fyne.ShortcutUndo{})
	if n := len(storedClaims(t, w)); n != 0 {
		t.Fatalf("fyne.ShortcutUndo left %d claims", n)
	}
	press(w, ctrlShift(fyne.KeyZ))
	if n := len(storedClaims(t, w)); n != 1 {
		t.Fatalf("Ctrl+Shift+Z gave %d claims", n)
	}
}

// Someone named as a target is offered when typing a speaker, and the
// other way round: the same people speak and are spoken about.
func TestCompletionsShareThePeopleOfBothFields(t *testing.T) {
	w := newTestWindow(t)
	dragOver(t, w, "absurd")
	test.Type(w.view, "2")
	test.Type(w.details.target, "Clinton campaign")
	w.details.endTyping()
	dragOver(t, w, "Moscow has carefully avoided")
	test.Type(w.view, "1")
	test.Type(w.details.speaker, "Clin")
	if got := w.details.speaker.options; len(got) != 1 || got[0] != "Clinton campaign" {
		t.Errorf("typing a speaker offers %v", got)
	}
}

// The claims list filter uses the palette's rule and keeps text order;
// Ctrl+J walks only what it shows.
func TestClaimsFilter(t *testing.T) {
	w := newTestWindow(t)
	dragOver(t, w, "absurd")
	test.Type(w.view, "2")
	dragOver(t, w, "Moscow has carefully avoided")
	test.Type(w.view, "1")
	test.Type(w.claimsUI.filter, "label:accusation")
	if len(w.claimsUI.shown) != 1 || w.claimsUI.header.Text != "Claims · 1 of 2" {
		t.Fatalf("filter shows %v, header %q", w.claimsUI.shown, w.claimsUI.header.Text)
	}
	if c, _ := w.claimsUI.claim(0); c.Quote != "absurd" {
		t.Errorf("the filtered row is %q", c.Quote)
	}
	w.clearSelection()
	press(w, ctrl(fyne.KeyJ))
	if c, _ := w.session.Selected(); c.Quote != "absurd" {
		t.Errorf("Ctrl+J selected %q, not the one claim shown", c.Quote)
	}
	w.claimsUI.filter.SetText("")
	if len(w.claimsUI.shown) != 2 {
		t.Errorf("without a filter %d claims shown", len(w.claimsUI.shown))
	}
}

// Resting the pointer on a label chip shows what the label is for.
func TestLabelChipShowsItsMeaning(t *testing.T) {
	w := newTestWindow(t)
	chip := w.toolbar.chips.Objects[0].(*fyne.Container).Objects[1].(*labelChip)
	chip.MouseIn(&desktop.MouseEvent{})
	if got := w.footer.message.Text; got != "denial: Someone denies a fact or an accusation." {
		t.Errorf("hovering the denial chip shows %q", got)
	}
	chip.MouseOut()
	if got := w.footer.message.Text; got != "" {
		t.Errorf("after the pointer left: %q", got)
	}
}

// Ctrl+= and Ctrl+- scale the article's text, Ctrl+0 restores it, and the
// size is there again at the next start.
func TestZoomShortcutsAreRemembered(t *testing.T) {
	w := newTestWindow(t)
	press(w, ctrl(fyne.KeyEqual))
	press(w, ctrl(fyne.KeyEqual))
	if z := w.view.Zoom(); z < 1.2 || z > 1.22 {
		t.Fatalf("two Ctrl+= zoom to %.3f", z)
	}
	again := newTestWindowOn(t, w.app, w.store)
	if z := again.view.Zoom(); z < 1.2 || z > 1.22 {
		t.Errorf("the next start zooms to %.3f", z)
	}
	press(w, ctrl(fyne.KeyMinus))
	if z := w.view.Zoom(); z < 1.09 || z > 1.11 {
		t.Errorf("Ctrl+- zooms to %.3f", z)
	}
	press(w, ctrl(fyne.Key0))
	if z := w.view.Zoom(); z != 1 {
		t.Errorf("Ctrl+0 leaves %.3f", z)
	}
}

// A claim's tip names its label, who said it about whom, and who marked it.
func TestClaimTip(t *testing.T) {
	for _, tc := range []struct {
		c    storage.Claim
		want string
	}{
		{storage.Claim{Label: "denial", Speaker: "Dmitry Peskov", Target: "USA", Annotator: "ana"}, "denial · Dmitry Peskov → USA · ana"},
		{storage.Claim{Label: "praise"}, "praise"},
		{storage.Claim{Label: "praise", Speaker: "Putin"}, "praise · Putin → ?"},
	} {
		if got := claimTip(tc.c); got != tc.want {
			t.Errorf("claimTip(%+v) = %q, want %q", tc.c, got, tc.want)
		}
	}
}

// Click a claim, widen the selection with Shift+→, Ctrl+R: the claim takes
// the new span and keeps its details.
func TestFitClaimWithKeys(t *testing.T) {
	w := newTestWindow(t)
	dragOver(t, w, "Moscow has carefully")
	test.Type(w.view, "1")
	test.Type(w.details.speaker, "Peskov")
	w.details.endTyping()
	w.view.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	w.view.TypedShortcut(ctrlShift(fyne.KeyRight))
	w.view.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	if !strings.HasPrefix(w.footer.message.Text, "Ctrl+R fits the denial claim") {
		t.Errorf("footer hint: %q", w.footer.message.Text)
	}
	press(w, ctrl(fyne.KeyR))
	claims := storedClaims(t, w)
	if len(claims) != 1 || claims[0].Quote != "Moscow has carefully avoided" || claims[0].Speaker != "Peskov" {
		t.Fatalf("after Ctrl+R: %+v", claims)
	}
}

// Dragging an end of the selected claim moves it there, keeping its label
// and speaker, as one undo step.
func TestDraggingAClaimsEndMovesIt(t *testing.T) {
	w := newTestWindow(t)
	dragOver(t, w, "Moscow has carefully")
	test.Type(w.view, "1")
	test.Type(w.details.speaker, "Peskov")
	w.details.endTyping()
	claim := storedClaims(t, w)[0]
	w.selectClaim(claim.ID, false)

	pos, size, _ := w.view.CharBounds(claim.End - 1)
	base := fyne.CurrentApp().Driver().AbsolutePositionForObject(w.view)
	from := base.Add(pos).Add(fyne.NewPos(size.Width, size.Height/2)) // the claim's end
	text := w.session.Article().Text
	to, _ := charCentre(w, storage.RuneOffset(text, strings.Index(text, "avoided any"))+2)
	test.Drag(w.win.Canvas(), to, to.X-from.X, to.Y-from.Y)

	claims := storedClaims(t, w)
	if len(claims) != 1 || claims[0].Quote != "Moscow has carefully avoided" || claims[0].Speaker != "Peskov" || claims[0].Label != claim.Label {
		t.Fatalf("after dragging the end: %+v", claims)
	}
	press(w, ctrl(fyne.KeyZ))
	if claims := storedClaims(t, w); len(claims) != 1 || claims[0].Quote != "Moscow has carefully" {
		t.Errorf("one undo after the drag left %+v", claims)
	}
}
