package window

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// statusBar shows counts and whether the last change is safely stored.
// There is no save button: every change is committed at once, and this is
// where the analyst sees that it was.
type statusBar struct {
	w         *mainWindow
	counts    *widget.Label
	saved     *widget.Label
	savedIcon *widget.Icon
	message   *widget.Label
	annotator *widget.Button
	flashID   int
}

func newStatusBar(w *mainWindow) *statusBar {
	s := &statusBar{
		w:         w,
		counts:    widget.NewLabel(""),
		saved:     widget.NewLabel("All changes saved"),
		savedIcon: widget.NewIcon(theme.ConfirmIcon()),
		message:   &widget.Label{Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis},
	}
	s.annotator = &widget.Button{Importance: widget.LowImportance, Icon: theme.AccountIcon(), OnTapped: w.askAnnotator}
	s.refreshAnnotator()
	return s
}

func (s *statusBar) container() fyne.CanvasObject {
	right := container.NewHBox(s.annotator, s.savedIcon, s.saved)
	return container.NewBorder(widget.NewSeparator(), nil, s.counts, right, s.message)
}

func (s *statusBar) refresh() {
	w := s.w
	perLabel := map[string]int{}
	for _, c := range w.claims {
		perLabel[c.Label]++
	}
	var parts []string
	for _, l := range w.labels {
		if n := perLabel[l.Name]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, l.Name))
		}
	}
	text := fmt.Sprintf("%s · %s", plural(w.articles.count(), "article"), plural(len(w.claims), "claim"))
	if len(parts) > 0 {
		text += " (" + strings.Join(parts, ", ") + ")"
	}
	if start, end, ok := w.view.Selection(); ok && end > start {
		text += fmt.Sprintf(" · selected %d–%d", start, end)
	}
	s.counts.SetText(text)
}

func (s *statusBar) setSaved() {
	s.savedIcon.SetResource(theme.ConfirmIcon())
	s.saved.Importance = widget.MediumImportance
	s.saved.SetText("Saved " + time.Now().Format("15:04:05"))
}

// setUnsaved is shown when the store refused a write for a reason other
// than bad input: disk full, file gone, permissions.
func (s *statusBar) setUnsaved(err error) {
	s.savedIcon.SetResource(theme.ErrorIcon())
	s.saved.Importance = widget.DangerImportance
	s.saved.SetText("NOT SAVED")
	s.message.SetText(err.Error())
}

// flash shows a hint for a few seconds.
func (s *statusBar) flash(text string) {
	s.flashID++
	id := s.flashID
	s.message.SetText(text)
	later(4*time.Second, func() {
		if s.flashID == id {
			s.message.SetText("")
		}
	})
}

func (s *statusBar) refreshAnnotator() {
	name := s.w.editor.Annotator
	if name == "" {
		name = "Set annotator"
	}
	s.annotator.SetText(name)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
