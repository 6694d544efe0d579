package e2e

import (
	"image"
	"strings"
	"time"
)

// The second article's one sentence, as the window shows it at 1280×800
// (y of its middle, and x of the middle of the word "happened").
const (
	secondSentence = "Officials denied that anything happened at the border"
	secondLineY    = 182
	happenedX      = 520
)

// walkSuggestions walks to the second article's one suggested claim with
// Tab, rejects it with Backspace, takes the rejection back with Ctrl+Z,
// and accepts it with Enter: it is stored with the speaker the suggestion
// named.
func (j *journey) walkSuggestions() {
	j.park()
	time.Sleep(pause)
	before := j.shot("before")
	j.key("Tab")
	time.Sleep(pause)
	current := j.shot("current")
	if n := differing(before, current, textArea); n < 100 {
		j.errorf("Tab did not make the suggestion current (%d pixels changed)", n)
	}
	j.key("BackSpace")
	time.Sleep(pause)
	if n := differing(before, j.shot("rejected"), textArea); n < 100 {
		j.errorf("Backspace left the suggestion's outline (%d pixels changed)", n)
	}
	j.invoke("Undo")
	j.park()
	if n := differing(current, j.shot("unrejected"), textArea); n > 50 {
		j.errorf("Ctrl+Z did not bring the rejected suggestion back as current (%d pixels differ)", n)
	}
	// One suggestion: Shift+Tab comes back round to it, and keeps the
	// keyboard in the text.
	j.key("shift+Tab")
	time.Sleep(pause)
	j.key("Return")
	j.park()
	time.Sleep(pause)
	if n := differing(current, j.shot("accepted"), textArea); n < 500 {
		j.errorf("Enter did not turn the suggestion into a claim (%d pixels changed)", n)
	}
	j.later(func(s *storeState) {
		a, _ := s.article(secondTitle)
		for _, c := range a.Meta.Claims {
			if c.Quote == secondSentence && c.Speaker == "Officials" && c.Annotator == "Ana" {
				return
			}
		}
		j.errorf("no claim %q by Officials (annotator Ana) stored: %+v", secondSentence, a.Meta.Claims)
	})
}

// enterSuggestedLabel selects a word: the label bar marks the label most
// likely for it, and Enter labels the word with it.
func (j *journey) enterSuggestedLabel() {
	j.calm()
	before := j.shot("before")
	j.doubleClickAt(happenedX, secondLineY)
	j.park()
	if n := differing(before, j.shot("marked"), labelBar); n < 200 {
		j.errorf("selecting a word marked no label in the bar (%d pixels changed)", n)
	}
	j.key("Return")
	time.Sleep(pause)
	j.calm()
	j.later(func(s *storeState) {
		a, _ := s.article(secondTitle)
		for _, c := range a.Meta.Claims {
			if c.Quote == "happened" && c.Label != "" {
				return
			}
		}
		j.errorf("Enter stored no claim of the word \"happened\": %+v", a.Meta.Claims)
	})
}

// acceptAbove accepts every suggestion of the third article scored 0.3
// or more, after Esc has cancelled the dialog once.
func (j *journey) acceptAbove() {
	j.calm()
	before := j.shot("before")
	j.invoke("Accept suggestions above a score…")
	j.dialogOpened("the accept dialog", before)
	if j.escapes("the accept dialog", before) {
		j.invoke("Accept suggestions above a score…")
	}
	j.key("ctrl+a")
	j.typeText("0.3")
	j.key("Return")
	j.park()
	time.Sleep(pause)
	if n := differing(before, j.shot("accepted"), textArea); n < 500 {
		j.errorf("Enter in the accept dialog showed no claim in the text (%d pixels changed)", n)
	}
	j.later(func(s *storeState) {
		a, _ := s.article(thirdTitle)
		if len(a.Meta.Claims) != 1 || !strings.Contains(a.Meta.Claims[0].Speaker, "minister") {
			j.errorf("want the one suggestion accepted, said by the minister, got %+v", a.Meta.Claims)
		}
	})
}

// reportFirstLine is where the evaluation dialog shows the report's first
// line ("14 claims in 3 articles, 3-fold cross-validation by article").
var reportFirstLine = image.Rect(280, 198, 1000, 222)

// evaluation opens Help > How good are the suggestions?, waits for the
// report to replace the "Measuring" line, and closes it with Esc.
func (j *journey) evaluation() {
	before := j.shot("before")
	j.invoke("How good are the suggestions?")
	j.dialogOpened("the evaluation", before)
	var read string
	if !waitFor(func() bool {
		read = readText(j.t, j.shot("report"), reportFirstLine)
		return strings.Contains(read, "cross-validation")
	}) {
		j.errorf("the evaluation dialog never showed the report: its first line reads %q", read)
	}
	j.escapes("the evaluation", before)
}
