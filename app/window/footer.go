package window

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"claimdesk/storage"
)

// footer shows counts and whether the last change is safely stored.
// There is no save button: every change is committed at once, and this is
// where the analyst sees that it was.
type footer struct {
	w         *mainWindow
	counts    *widget.Label
	saved     *widget.Label
	savedIcon *widget.Icon
	message   *widget.Label
	texts     *fyne.Container // counts and message, sharing the row
	annotator *widget.Button
	flashID   int
}

func newFooter(w *mainWindow) *footer {
	s := &footer{
		w:         w,
		counts:    &widget.Label{Truncation: fyne.TextTruncateEllipsis},
		saved:     widget.NewLabel("All changes saved"),
		savedIcon: widget.NewIcon(theme.ConfirmIcon()),
		message:   &widget.Label{Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis},
	}
	s.annotator = &widget.Button{Importance: widget.LowImportance, Icon: theme.AccountIcon(), OnTapped: w.askAnnotator}
	s.refreshAnnotator()
	return s
}

func (s *footer) container() fyne.CanvasObject {
	right := container.NewHBox(s.annotator, s.savedIcon, s.saved)
	// Counts and hints share what the right side leaves, each cut short
	// with an ellipsis rather than widening the window.
	s.texts = container.New(shareLayout{}, s.counts, s.message)
	return container.NewBorder(widget.NewSeparator(), nil, nil, right, s.texts)
}

// show sets one of the row's texts and shares the row out again: a
// label's new text does not lay out its container.
func (s *footer) show(l *widget.Label, text string) {
	l.SetText(text)
	if s.texts != nil {
		s.texts.Layout.Layout(s.texts.Objects, s.texts.Size())
	}
}

func (s *footer) refresh() {
	session := s.w.session
	claims := session.Claims()
	perLabel := map[string]int{}
	for _, c := range claims {
		perLabel[c.Label]++
	}
	var parts []string
	for _, l := range session.Labels() {
		if n := perLabel[l.Name]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, l.Name))
		}
	}
	// The open article's counts first, then the store's, each named, so
	// "6 claims" is never read as the store's total.
	text := "Store: " + storage.Plural(len(session.Articles()), "article")
	if session.Article().ID != 0 {
		text = "This article: " + storage.Plural(len(claims), "claim")
		if len(parts) > 0 {
			text += " (" + strings.Join(parts, ", ") + ")"
		}
		text += " · Store: " + storage.Plural(len(session.Articles()), "article")
	}
	if start, end, ok := session.TextSelection(); ok {
		text += fmt.Sprintf(" · selected %d–%d", start, end)
	}
	s.show(s.counts, text)
	s.refreshSaveState()
}

// refreshSaveState says whether everything is stored: the time of the last
// write, or NOT SAVED with the reason when the store refused one.
func (s *footer) refreshSaveState() {
	saved, failure := s.w.session.SaveState()
	switch {
	case failure != nil:
		s.savedIcon.SetResource(theme.ErrorIcon())
		s.saved.Importance = widget.DangerImportance
		s.saved.SetText("NOT SAVED")
		s.show(s.message, failure.Error())
	case saved.IsZero():
		s.savedIcon.SetResource(theme.ConfirmIcon())
		s.saved.Importance = widget.MediumImportance
		s.saved.SetText("All changes saved")
	default:
		s.savedIcon.SetResource(theme.ConfirmIcon())
		s.saved.Importance = widget.MediumImportance
		s.saved.SetText("Saved " + saved.Format("15:04:05"))
	}
}

// hint shows text until the next hint, flash or error; "" clears it.
func (s *footer) hint(text string) {
	s.flashID++
	s.show(s.message, text)
}

// flash shows a hint for a few seconds.
func (s *footer) flash(text string) {
	s.flashID++
	id := s.flashID
	s.show(s.message, text)
	s.w.after(4*time.Second, func() {
		if s.flashID == id {
			s.show(s.message, "")
		}
	})
}

func (s *footer) refreshAnnotator() {
	name := s.w.session.Annotator()
	if name == "" {
		name = "Set annotator"
	}
	s.annotator.SetText(name)
}
