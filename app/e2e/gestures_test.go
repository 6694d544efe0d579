package e2e

import (
	"image"
	"regexp"
	"strings"
	"time"
)

// textLine is a line of the seed article as the window wraps it at
// 1280×800, with the y of its middle (measured from screenshots). Each step
// that makes a claim makes it on a line of its own, so the store can be
// checked line by line.
type textLine struct {
	y    int
	text string
}

var (
	lineDrag       = textLine{232, "The Kremlin on Wednesday denied Moscow was interfering in the US election"}
	lineEsc        = textLine{264, "campaign after President Barack Obama refused to rule out that Russia could be"}
	lineDouble     = textLine{296, "trying to sway the vote in favour of Donald Trump."}
	lineShiftClick = textLine{346, `"President Putin has repeatedly said that Russia has never interfered and does not`}
	lineShiftRight = textLine{378, `interfere in internal affairs, especially in the electoral processes of other countries,"`}
	lineWordRight  = textLine{410, "Kremlin spokesman Dmitry Peskov told reporters as he denied Russia was involved"}
	lineHotkeys    = textLine{442, "in a hack of Democratic National Committee emails."}
	lineDelete     = textLine{491, `"Moscow has carefully avoided any actions, any words that could be interpreted as`}
	lineUndo       = textLine{523, `direct or indirect influence on the electoral process."`}
	lineWordLeft   = textLine{573, "The Kremlin had already shrugged off accusations by the Hillary Clinton campaign"}
	lineShiftLeft  = textLine{605, "that Russia was involved in the embarrassing leak of emails meant to help"}
	lineFit        = textLine{637, `Republican presidential candidate Trump as "absurd".`}
	lineCtrl       = textLine{686, `"If you talk about some suspicions regarding our country, then you need at the very`}
)

// seedClaims is how many claims the gestures leave on the seed article
// (the fitted claim counts once: fitting moves it, it adds none).
const seedClaims = 11

// label makes a claim of the selection with the label's hotkey and clears
// the selection, and checks the label's colour came up.
func (j *journey) labelWith(l label, before image.Image, minPixels int) {
	j.t.Helper()
	j.key(l.hotkey, "Escape")
	j.park()
	time.Sleep(pause)
	after := j.shot("labelled-" + l.name)
	if gained := hued(after, textArea, l.colour) - hued(before, textArea, l.colour); gained < minPixels {
		j.errorf("after %s only %d more pixels in %s's colour: no %s highlight", l.hotkey, gained, l.name, l.name)
	}
}

func (j *journey) drag() {
	j.calm()
	before := j.shot("before")
	j.x.xdotool("mousemove", "--window", j.win, "300", itoa(lineDrag.y), "mousedown", "1")
	for x := 300; x <= 640; x += 40 {
		j.x.xdotool("mousemove", "--window", j.win, itoa(x), itoa(lineDrag.y))
	}
	j.x.xdotool("mouseup", "1")
	j.park()
	time.Sleep(pause)
	if n := differing(before, j.shot("selected"), textArea); n < 500 {
		j.errorf("the drag showed no selection (%d pixels changed)", n)
	}
	j.labelWith(j.labels[0], before, 400)

	// Holding Ctrl selects characters: the claim starts and ends inside words.
	j.x.xdotool("mousemove", "--window", j.win, "330", itoa(lineCtrl.y), "keydown", "ctrl", "mousedown", "1")
	for x := 330; x <= 530; x += 40 {
		j.x.xdotool("mousemove", "--window", j.win, itoa(x), itoa(lineCtrl.y))
	}
	j.x.xdotool("mouseup", "1", "keyup", "ctrl")
	j.labelWith(j.labels[0], before, 500)
	j.later(func(s *storeState) {
		c := s.claimsOn(lineDrag)
		if len(c) != 1 || !s.wholeWords(c[0]) || words(c[0].Quote) < 3 {
			j.errorf("want one claim of whole words over the drag on %q, got %+v", lineDrag.text, c)
		}
		chars := s.claimsOn(lineCtrl)
		if len(chars) != 1 || s.wholeWords(chars[0]) {
			j.errorf("want one claim cut inside words by the Ctrl-drag on %q, got %+v", lineCtrl.text, chars)
		}
	})
}

func (j *journey) escape() {
	j.calm()
	before := j.shot("before")
	j.x.xdotool("mousemove", "--window", j.win, "300", itoa(lineEsc.y), "mousedown", "1",
		"mousemove", "--window", j.win, "460", itoa(lineEsc.y), "mousemove", "--window", j.win, "620", itoa(lineEsc.y), "mouseup", "1")
	j.park()
	time.Sleep(pause)
	if n := differing(before, j.shot("selected"), textArea); n < 500 {
		j.errorf("the drag showed no selection (%d pixels changed)", n)
	}
	j.key("Escape")
	time.Sleep(pause)
	if n := differing(before, j.shot("cleared"), textArea); n > 0 {
		j.errorf("Esc left %d pixels of the text changed: the selection is still shown", n)
	}
	// With the selection gone a label's key has nothing to label.
	j.key(j.labels[0].hotkey)
	time.Sleep(pause)
	if n := differing(before, j.shot("key-after-esc"), textArea); n > 0 {
		j.errorf("%s after Esc changed %d pixels of the text", j.labels[0].hotkey, n)
	}
	j.later(func(s *storeState) {
		if c := s.claimsOn(lineEsc); len(c) != 0 {
			j.errorf("a label key after Esc still made claims: %+v", c)
		}
	})
}

func (j *journey) doubleClick() {
	j.calm()
	before := j.shot("before")
	j.doubleClickAt(310, lineDouble.y) // "trying"
	j.park()
	if n := differing(before, j.shot("selected"), textArea); n < 200 {
		j.errorf("the double-click showed no selection (%d pixels changed)", n)
	}
	l := j.labels[1]
	j.labelWith(l, before, 150)
	j.later(func(s *storeState) {
		c := s.claimsOn(lineDouble)
		if len(c) != 1 || !s.wholeWords(c[0]) || words(c[0].Quote) != 1 || c[0].Label != l.name {
			j.errorf("want one %s claim of one word on %q, got %+v", l.name, lineDouble.text, c)
		}
	})
}

func (j *journey) shiftClick() {
	j.calm()
	before := j.shot("before")
	j.doubleClickAt(390, lineShiftClick.y) // "Putin"
	// The real driver follows the Shift+click with a plain Tapped, which
	// must not drop the selection.
	j.x.xdotool("mousemove", "--window", j.win, "620", itoa(lineShiftClick.y), "keydown", "shift", "click", "1", "keyup", "shift")
	j.park()
	time.Sleep(pause)
	j.shot("extended")
	l := j.labels[2]
	j.labelWith(l, before, 400)
	j.later(func(s *storeState) {
		c := s.claimsOn(lineShiftClick)
		if len(c) != 1 || !s.wholeWords(c[0]) || words(c[0].Quote) < 3 || c[0].Label != l.name {
			j.errorf("want one %s claim of at least three whole words on %q, got %+v", l.name, lineShiftClick.text, c)
		}
	})
}

var (
	wordAndOne = regexp.MustCompile(`^\pL+[^\pL\s]$`)
	oneWord    = regexp.MustCompile(`^\pL+$`)
	twoWords   = regexp.MustCompile(`^\pL+\PL+\pL+$`)
)

// shiftArrows grows a word by the character after it (Shift+→) and shrinks
// another by its last character (Shift+←).
func (j *journey) shiftArrows() {
	j.calm()
	before := j.shot("before")
	j.doubleClickAt(480, lineShiftRight.y) // "affairs", before a comma
	word := j.shot("word")
	j.key("shift+Right")
	time.Sleep(pause)
	if n := differing(word, j.shot("grown"), textArea); n == 0 {
		j.errorf("Shift+→ did not change the selection")
	}
	j.labelWith(j.labels[0], before, 100)

	j.doubleClickAt(345, lineShiftLeft.y) // "Russia"
	j.key("shift+Left")
	j.park()
	time.Sleep(pause)
	j.shot("shrunk")
	j.labelWith(j.labels[0], before, 100)
	j.later(func(s *storeState) {
		grown := s.claimsOn(lineShiftRight)
		if len(grown) != 1 || !wordAndOne.MatchString(grown[0].Quote) {
			j.errorf("want one claim of a word and the character after it on %q, got %+v", lineShiftRight.text, grown)
		}
		shrunk := s.claimsOn(lineShiftLeft)
		if len(shrunk) != 1 || !oneWord.MatchString(shrunk[0].Quote) || s.wholeWords(shrunk[0]) {
			j.errorf("want one claim of a word less its last character on %q, got %+v", lineShiftLeft.text, shrunk)
		}
	})
}

// ctrlShiftArrows grows a word by the next word (Ctrl+Shift+→); on another
// line it grows a word by two, takes one back (Ctrl+Shift+← stops at the
// start of a word, so the space before it stays) and then that space
// (Shift+←).
func (j *journey) ctrlShiftArrows() {
	j.calm()
	before := j.shot("before")
	j.doubleClickAt(455, lineWordRight.y) // "Dmitry"
	j.key("ctrl+shift+Right")
	j.park()
	time.Sleep(pause)
	j.shot("grown")
	j.labelWith(j.labels[1], before, 300)

	j.doubleClickAt(440, lineWordLeft.y) // "already"
	j.key("ctrl+shift+Right", "ctrl+shift+Right", "ctrl+shift+Left", "shift+Left")
	j.park()
	time.Sleep(pause)
	j.shot("grown-and-back")
	j.labelWith(j.labels[1], before, 300)
	j.later(func(s *storeState) {
		for _, l := range []textLine{lineWordRight, lineWordLeft} {
			c := s.claimsOn(l)
			if len(c) != 1 || !twoWords.MatchString(c[0].Quote) || !s.wholeWords(c[0]) {
				j.errorf("want one claim of two whole words on %q, got %+v", l.text, c)
			}
		}
	})
}

// labelHotkeys presses every label's hotkey in turn over one word: the
// first labels the selection, the others relabel the claim it made.
func (j *journey) labelHotkeys() {
	j.calm()
	before := j.shot("before")
	j.doubleClickAt(450, lineHotkeys.y) // "Democratic"
	for _, l := range j.labels {
		j.key(l.hotkey)
		j.park()
		time.Sleep(pause)
		if gained := hued(j.shot("key-"+l.hotkey), textArea, l.colour) - hued(before, textArea, l.colour); gained < 150 {
			j.errorf("after %s only %d more pixels in %s's colour", l.hotkey, gained, l.name)
		}
	}
	last := j.labels[len(j.labels)-1]
	j.later(func(s *storeState) {
		c := s.claimsOn(lineHotkeys)
		if len(c) != 1 || c[0].Label != last.name || words(c[0].Quote) != 1 {
			j.errorf("want one %s claim of one word on %q (relabelled, not added), got %+v", last.name, lineHotkeys.text, c)
		}
	})
}

// clickHighlight makes a claim, lets go of it, and clicks it again: the
// editor shows it. The next step deletes it.
func (j *journey) clickHighlight() {
	j.calm()
	j.doubleClickAt(410, lineDelete.y) // "carefully"
	j.key(j.labels[2].hotkey)
	j.calm()
	nothing := j.shot("nothing-selected")
	j.click(410, lineDelete.y)
	j.park()
	time.Sleep(pause)
	if n := differing(nothing, j.shot("selected"), detailsArea); n < 500 {
		j.errorf("clicking the highlight did not show its claim in the editor (%d pixels changed)", n)
	}
}

func (j *journey) deleteClaim() {
	colour := j.labels[2].colour
	before := hued(j.shot("before"), textArea, colour)
	j.key("Delete")
	j.park()
	time.Sleep(pause)
	if lost := before - hued(j.shot("deleted"), textArea, colour); lost < 150 {
		j.errorf("Delete took away only %d pixels of the claim's colour", lost)
	}
	j.later(func(s *storeState) {
		if c := s.claimsOn(lineDelete); len(c) != 0 {
			j.errorf("the deleted claim is still stored: %+v", c)
		}
	})
}

func (j *journey) undo() {
	j.calm()
	before := j.shot("before")
	j.doubleClickAt(480, lineUndo.y) // "influence"
	l := j.labels[1]
	j.labelWith(l, before, 150)
	j.invoke("Undo")
	j.park()
	if gained := hued(j.shot("undone"), textArea, l.colour) - hued(before, textArea, l.colour); gained > 20 {
		j.errorf("after Undo still %d more pixels in %s's colour: the claim was not undone", gained, l.name)
	}
}

func (j *journey) redo() {
	l := j.labels[1]
	before := hued(j.shot("before"), textArea, l.colour)
	j.invoke("Redo")
	j.park()
	if gained := hued(j.shot("redone"), textArea, l.colour) - before; gained < 150 {
		j.errorf("after Redo only %d more pixels in %s's colour: the claim was not redone", gained, l.name)
	}
	j.later(func(s *storeState) {
		if c := s.claimsOn(lineUndo); len(c) != 1 || c[0].Label != l.name {
			j.errorf("want the one %s claim undone and redone on %q, got %+v", l.name, lineUndo.text, c)
		}
	})
}

// pageKeys scrolls down a page and back: the text moves, then is as it was.
func (j *journey) pageKeys() {
	j.calm()
	j.click(600, 128) // the heading: focus the text, no claim there
	j.park()
	time.Sleep(pause)
	top := j.shot("top")
	j.key("Next")
	time.Sleep(pause)
	if n := differing(top, j.shot("page-down"), textArea); n < 5000 {
		j.errorf("PageDown changed only %d pixels of the text", n)
	}
	j.key("Prior")
	time.Sleep(pause)
	if n := differing(top, j.shot("page-up"), textArea); n > 0 {
		j.errorf("PageUp did not bring the top back: %d pixels differ", n)
	}
}

// zoomIn keeps the text at its actual size for the zoom steps to come back
// to, then makes it larger.
func (j *journey) zoomIn() {
	j.unzoomed = j.shot("actual-size")
	j.invoke("Zoom in")
	if n := differing(j.unzoomed, j.shot("zoomed-in"), textArea); n < 5000 {
		j.errorf("%s changed only %d pixels of the text", j.keys["Zoom in"], n)
	}
}

// zoomOut undoes the zoom in, then makes the text smaller than its actual
// size.
func (j *journey) zoomOut() {
	zoomed := j.shot("before")
	j.invoke("Zoom out")
	if n := differing(zoomed, j.shot("zoomed-out"), textArea); n < 5000 {
		j.errorf("%s changed only %d pixels of the zoomed text", j.keys["Zoom out"], n)
	}
	j.invoke("Zoom out")
	if n := differing(j.unzoomed, j.shot("smaller"), textArea); n < 5000 {
		j.errorf("a second %s left the text at its actual size (%d pixels changed)", j.keys["Zoom out"], n)
	}
}

func (j *journey) actualSize() {
	j.invoke("Actual size")
	if n := differing(j.unzoomed, j.shot("actual-size"), textArea); n > 0 {
		j.errorf("%s did not bring the text back to its actual size: %d pixels differ", j.keys["Actual size"], n)
	}
}

// storeHasSeedClaims checks the gestures left exactly their claims, each by
// the annotator named at the start.
func (j *journey) storeHasSeedClaims(s *storeState, annotator string) {
	a, _ := s.article(seedTitle)
	if len(a.Meta.Claims) != seedClaims {
		var quotes []string
		for _, c := range a.Meta.Claims {
			quotes = append(quotes, c.Label+" "+c.Quote)
		}
		j.errorf("want %d claims on the seed article, got %d: %s", seedClaims, len(a.Meta.Claims), strings.Join(quotes, " | "))
	}
	for _, c := range a.Meta.Claims {
		if c.Annotator != annotator {
			j.errorf("claim %q has annotator %q, want %q", c.Quote, c.Annotator, annotator)
		}
	}
}

// fitClaim labels a word, widens the selection over the new claim by the
// next word (Ctrl+Shift+→: the claim stays, only the selection grows) and
// moves the claim to it with Ctrl+R: one claim of two words, not two.
func (j *journey) fitClaim() {
	j.calm()
	before := j.shot("before")
	j.doubleClickAt(330, lineFit.y) // "Republican"
	j.key(j.labels[0].hotkey)
	time.Sleep(pause)
	j.key("ctrl+shift+Right")
	time.Sleep(pause)
	j.invoke("Fit claim to selection")
	j.key("Escape")
	j.park()
	time.Sleep(pause)
	if gained := hued(j.shot("fitted"), textArea, j.labels[0].colour) - hued(before, textArea, j.labels[0].colour); gained < 150 {
		j.errorf("after fitting only %d more pixels in %s's colour", gained, j.labels[0].name)
	}
	j.later(func(s *storeState) {
		fitted := s.claimsOn(lineFit)
		if len(fitted) != 1 || !twoWords.MatchString(fitted[0].Quote) {
			j.errorf("want one claim of two words on %q, got %+v", lineFit.text, fitted)
		}
	})
}

// dragClaimEnd selects the claim the drag made and drags its end, found
// on screen as the last pixel in the label's colour on its line, to the
// line's last word: the same claim, one word longer at least.
func (j *journey) dragClaimEnd() {
	j.calm()
	j.x.xdotool("mousemove", "--window", j.win, "420", itoa(lineDrag.y), "click", "1")
	j.park()
	time.Sleep(pause)
	before := j.shot("selected")
	end := -1
	for x := textArea.Min.X; x < textArea.Max.X; x++ {
		if hued(before, image.Rect(x, lineDrag.y-16, x+1, lineDrag.y+18), j.labels[0].colour) > 0 {
			end = x
		}
	}
	if end < 0 {
		j.errorf("no %s claim on %q to drag", j.labels[0].name, lineDrag.text)
		return
	}
	j.x.xdotool("mousemove", "--window", j.win, itoa(end-1), itoa(lineDrag.y), "mousedown", "1")
	for x := end + 20; x <= 905; x += 40 {
		j.x.xdotool("mousemove", "--window", j.win, itoa(x), itoa(lineDrag.y))
	}
	j.x.xdotool("mousemove", "--window", j.win, "905", itoa(lineDrag.y), "mouseup", "1")
	j.park()
	time.Sleep(pause)
	if gained := hued(j.shot("end-dragged"), textArea, j.labels[0].colour) - hued(before, textArea, j.labels[0].colour); gained < 150 {
		j.errorf("after dragging the claim's end only %d more pixels in %s's colour", gained, j.labels[0].name)
	}
	j.later(func(s *storeState) {
		c := s.claimsOn(lineDrag)
		// Its label changes later in the journey; its span does not.
		if len(c) != 1 || !strings.HasSuffix(c[0].Quote, "election") {
			j.errorf("want the claim on %q to end at its last word, got %+v", lineDrag.text, c)
		}
	})
}

// hoverTip rests the pointer on the claim the drag made: a tip naming it
// appears beside the pointer, and goes when the pointer leaves.
func (j *journey) hoverTip() {
	j.calm()
	before := j.shot("before")
	j.x.xdotool("mousemove", "--window", j.win, "420", itoa(lineDrag.y))
	time.Sleep(1200 * time.Millisecond)
	if n := differing(before, j.shot("tip"), textArea); n < 300 {
		j.errorf("resting the pointer on a claim showed no tip (%d pixels changed)", n)
	}
	j.park()
	time.Sleep(pause)
	if n := differing(before, j.shot("tip-gone"), textArea); n > 50 {
		j.errorf("the tip stayed after the pointer left (%d pixels differ)", n)
	}
}
