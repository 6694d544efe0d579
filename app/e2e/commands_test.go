package e2e

import (
	"image"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Buttons without the primary colour, where the dialogs put them at
// 1280×800 (measured from screenshots).
var (
	sheetClose  = image.Pt(639, 682)
	labelsClose = image.Pt(639, 552)
	reportClose = image.Pt(639, 592)
)

// fileDialogItem is the i-th icon of Fyne's file dialog grid: (Parent),
// then folders, then files, by name. The journey's home holds batch/ and
// Fyne's config/, and fifth.txt, which the folder dialog does not list.
func fileDialogItem(i int) image.Point { return image.Pt(400+84*i, 235) }

func (j *journey) shortcutSheet() {
	before := j.shot("before")
	j.invoke("Keyboard shortcuts")
	j.dialogOpened("the shortcut sheet", before)
	if !j.escapes("the shortcut sheet", before) {
		j.clickAway("the shortcut sheet", before, sheetClose)
	}
}

func (j *journey) annotatorName() {
	before := j.shot("before")
	j.invoke("Annotator name…")
	j.dialogOpened("the annotator form", before)
	j.typeText("Ana")
	j.key("Return")
	if !j.closed(before, "saved") {
		j.errorf("Enter did not save and close the annotator form")
	}
	j.later(func(s *storeState) { j.storeHasSeedClaims(s, "Ana") })
}

func (j *journey) nextClaim() {
	j.calm()
	none := j.shot("none")
	j.invoke("Next claim")
	j.park()
	j.details1 = j.shot("first")
	if n := differing(none, j.details1, detailsArea); n < 500 {
		j.errorf("no claim in the editor after the first %s (%d pixels changed)", j.keys["Next claim"], n)
	}
	j.invoke("Next claim")
	j.park()
	j.details2 = j.shot("second")
	if n := differing(j.details1, j.details2, detailsArea); n < 200 {
		j.errorf("the editor still shows the first claim after a second %s (%d pixels changed)", j.keys["Next claim"], n)
	}
}

func (j *journey) editSpeaker() {
	j.invoke("Edit speaker")
	j.typeText("Peskov")
	time.Sleep(pause)
	j.park()
	if n := differing(j.details2, j.shot("typed"), detailsArea); n < 100 {
		j.errorf("typing after %s changed only %d pixels of the editor", j.keys["Edit speaker"], n)
	}
	j.later(func(s *storeState) {
		if c := s.claimsOn(lineDouble); len(c) != 1 || c[0].Speaker != "Peskov" {
			j.errorf("want the second claim's speaker Peskov, got %+v", c)
		}
	})
}

// previousClaim goes back to the first claim, even with the keyboard in the
// speaker field, and gives it a target to show which claim it was.
func (j *journey) previousClaim() {
	j.invoke("Previous claim")
	j.park()
	now := j.shot("back")
	if toFirst, toSecond := differing(j.details1, now, detailsArea), differing(j.details2, now, detailsArea); toFirst >= toSecond {
		j.errorf("the editor does not show the first claim again (%d pixels from it, %d from the second)", toFirst, toSecond)
	}
	j.invoke("Edit speaker")
	j.key("Tab")
	j.typeText("Obama")
	time.Sleep(pause)
	j.later(func(s *storeState) {
		if c := s.claimsOn(lineDrag); len(c) != 1 || c[0].Target != "Obama" {
			j.errorf("want the first claim's target Obama, got %+v", c)
		}
	})
}

// backToText leaves the speaker field through the menu: a label's key then
// relabels the claim instead of being typed as its speaker.
func (j *journey) backToText() {
	j.invoke("Edit speaker")
	l := j.labels[2]
	before := j.shot("in-speaker")
	j.invoke("Back to the text")
	j.key(l.hotkey)
	j.park()
	time.Sleep(pause)
	if gained := hued(j.shot("relabelled"), textArea, l.colour) - hued(before, textArea, l.colour); gained < 400 {
		j.errorf("%s after Back to the text gained only %d pixels in %s's colour", l.hotkey, gained, l.name)
	}
	j.later(func(s *storeState) {
		if c := s.claimsOn(lineDrag); len(c) != 1 || c[0].Label != l.name || c[0].Speaker != "" {
			j.errorf("want the first claim relabelled %s with no speaker, got %+v", l.name, c)
		}
	})
}

func (j *journey) nextArticle() {
	j.calm()
	j.invoke("Next article")
	waitTitle(j.t, j.x, j.win, secondTitle)
}

func (j *journey) previousArticle() {
	j.invoke("Previous article")
	waitTitle(j.t, j.x, j.win, secondTitle)
}

// markDone marks the second article done; the status select stops showing
// "new".
func (j *journey) markDone() {
	j.invoke("Mark as done")
	j.park()
	if n := differing(j.statusNew, j.shot("done"), statusBox); n < 30 {
		j.errorf("the status select still shows new (%d pixels changed)", n)
	}
	j.later(func(s *storeState) { j.status(s, secondTitle, "done") })
}

func (j *journey) markInProgress() {
	j.invoke("Mark as in progress")
	j.park()
	if n := differing(j.statusNew, j.shot("in-progress"), statusBox); n < 30 {
		j.errorf("the status select still shows new (%d pixels changed)", n)
	}
	j.later(func(s *storeState) { j.status(s, thirdTitle, "in progress") })
}

// markNew goes back to the seed article, in progress since its first claim,
// and marks it new: the select shows what it showed at the start.
func (j *journey) markNew() {
	for _, title := range []string{thirdTitle, secondTitle, seedTitle} {
		j.invoke("Previous article")
		waitTitle(j.t, j.x, j.win, title)
	}
	j.invoke("Mark as new")
	j.park()
	if n := differing(j.statusNew, j.shot("new"), statusBox); n > 0 {
		j.errorf("the status select does not show new (%d pixels differ from the start)", n)
	}
	j.later(func(s *storeState) { j.status(s, seedTitle, "new") })
}

func (j *journey) status(s *storeState, title, want string) {
	if a, ok := s.article(title); !ok || a.Meta.Status != want {
		j.errorf("%q: status %q, want %q", title, a.Meta.Status, want)
	}
}

// findClaims opens the palette from the second article, closes it with Esc,
// then finds a claim of the seed article and opens it with Enter.
func (j *journey) findClaims() {
	before := j.shot("before")
	j.invoke("Find claims…")
	j.dialogOpened("the search palette", before)
	j.escapes("the search palette", before)
	j.invoke("Find claims…")
	j.typeText("label:" + j.labels[0].name)
	time.Sleep(pause)
	found := j.shot("found")
	// ↓ moves the highlight to the next result, ↑ back to the first.
	j.key("Down")
	time.Sleep(pause)
	moved := j.shot("down")
	if n := differing(found, moved, dialogArea); n < 200 {
		j.errorf("↓ in the palette moved nothing (%d pixels changed)", n)
	}
	j.key("Up")
	time.Sleep(pause)
	if n := differing(found, j.shot("up"), dialogArea); n > 50 {
		j.errorf("↑ did not bring the highlight back to the first result (%d pixels differ)", n)
	}
	j.key("ctrl+a", "BackSpace")
	j.typeText("Dmitry")
	time.Sleep(pause)
	j.shot("found-dmitry")
	j.key("Return")
	waitTitle(j.t, j.x, j.win, seedTitle)
}

// filterArticles opens the third article by typing in the filter, then
// empties the filter again so every article is listed.
func (j *journey) filterArticles() {
	j.invoke("Filter articles")
	j.typeText("fishing")
	time.Sleep(pause)
	j.park()
	filtered := j.shot("filtered")
	j.key("Return")
	waitTitle(j.t, j.x, j.win, thirdTitle)
	j.invoke("Filter articles")
	j.key("ctrl+a", "BackSpace")
	j.click(600, 128) // back to the text
	j.park()
	time.Sleep(pause)
	if n := differing(filtered, j.shot("unfiltered"), articleList); n < 500 {
		j.errorf("emptying the filter did not list the articles again (%d pixels changed)", n)
	}
}

// deleteArticle deletes the fourth article after its confirmation.
func (j *journey) deleteArticle() {
	for _, title := range []string{thirdTitle, fourthTitle} {
		j.invoke("Next article")
		waitTitle(j.t, j.x, j.win, title)
	}
	before := j.shot("before")
	j.invoke("Delete article…")
	j.dialogOpened("the delete confirmation", before)
	if j.escapes("the delete confirmation", before) {
		j.invoke("Delete article…")
	}
	j.goAhead("the delete confirmation")
	if !waitFor(func() bool { return !strings.HasPrefix(j.title(), fourthTitle) }) {
		j.errorf("the window still shows %q after Yes", fourthTitle)
	}
	j.later(func(s *storeState) {
		if _, ok := s.article(fourthTitle); ok {
			j.errorf("%q is still stored", fourthTitle)
		}
	})
}

// openArticle opens the Open dialog, closes it with Esc, then opens it
// again to import fifth.txt by its typed path; the window then shows it.
func (j *journey) openArticle() {
	before := j.shot("before")
	j.invoke("Open article…")
	j.dialogOpened("the Open dialog", before)
	j.escapes("the Open dialog", before)
	j.invoke("Open article…")
	j.dialogOpened("the Open dialog", before)
	j.typeText(filepath.Join(j.home, "fifth.txt"))
	j.goAhead("the Open dialog")
	waitTitle(j.t, j.x, j.win, fifthTitle)
	j.later(func(s *storeState) {
		if _, ok := s.article(fifthTitle); !ok {
			j.errorf("%q was not stored", fifthTitle)
		}
	})
}

// importFolder imports the folder batch/: its article joins the list.
func (j *journey) importFolder() {
	before := j.shot("before")
	j.invoke("Import folder…")
	j.dialogOpened("the folder dialog", before)
	if j.escapes("the folder dialog", before) {
		j.invoke("Import folder…")
	}
	j.click(fileDialogItem(1).X, fileDialogItem(1).Y) // batch/
	time.Sleep(300 * time.Millisecond)
	j.goAhead("the folder dialog")
	j.park()
	if !waitFor(func() bool { return differing(before, j.shot("imported"), articleList) > 500 }) {
		j.errorf("the article list did not change after importing a folder")
	}
	j.later(func(s *storeState) {
		if _, ok := s.article(sixthTitle); !ok {
			j.errorf("%q was not imported", sixthTitle)
		}
	})
}

// labelsDialog adds a label; its chip joins the label bar.
func (j *journey) labelsDialog() {
	before := j.shot("before")
	j.invoke("Labels…")
	j.dialogOpened("the Labels dialog", before)
	if j.escapes("the Labels dialog", before) {
		j.invoke("Labels…")
	}
	j.click(808, 283) // Name, for a new label
	j.typeText("speculation")
	j.goAhead("the Labels dialog")
	j.shot("saved")
	j.clickAway("the Labels dialog", before, labelsClose)
	if n := differing(before, j.shot("label-bar"), labelBar); n < 100 {
		j.errorf("the label bar did not change after adding a label (%d pixels)", n)
	}
	j.later(func(s *storeState) {
		for _, l := range s.labels {
			if l.name == "speculation" {
				return
			}
		}
		j.errorf("the label added in the dialog is not stored: %v", s.labels)
	})
}

// exportDataset exports with the dialog's defaults: a file appears beside
// the store, with a line for each of the five articles.
func (j *journey) exportDataset() {
	before := j.shot("before")
	j.invoke("Export dataset…")
	j.dialogOpened("the export dialog", before)
	if j.escapes("the export dialog", before) {
		j.invoke("Export dataset…")
	}
	j.goAhead("the export dialog")
	var written []string
	if !waitFor(func() bool {
		written, _ = filepath.Glob(filepath.Join(filepath.Dir(j.db), "claimdesk-*"))
		return len(written) > 0
	}) {
		j.t.Fatalf("%s: no file beside the store after Export", j.step)
	}
	raw, err := os.ReadFile(written[0])
	if n := len(strings.Split(strings.TrimSpace(string(raw)), "\n")); err != nil || n != 5 {
		j.errorf("%s: %v, %d lines, want one for each of the 5 articles", written[0], err, n)
	}
	time.Sleep(pause)
	if !j.escapes("the export report", before) {
		j.clickAway("the export report", before, reportClose)
	}
}

func (j *journey) quit() {
	j.invoke("Quit")
	waitExit(j.t, j.app)
	s := readStore(j.t, j.bin, j.db)
	if len(s.articles) != 6 {
		j.errorf("want 6 articles stored (the sixth from Open address…), got %d", len(s.articles))
	}
	for _, check := range j.checks {
		check(s)
	}
}
