package window

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"claimdesk/storage"
)

// shortcut is one keyboard command: the menus, the help sheet, the
// canvas's key bindings and the end-to-end test all come from the one
// table below, so none of them can disagree.
type shortcut struct {
	menu   string
	title  string
	keys   *desktop.CustomShortcut
	action func(*mainWindow)
}

// asDelivered is the standard shortcut the GLFW driver sends instead of
// keys (Ctrl+Z arrives as fyne.ShortcutUndo, never as the custom Ctrl+Z the
// menus show and the headless tests press), or nil; both are registered.
func asDelivered(keys *desktop.CustomShortcut) fyne.Shortcut {
	if keys.Modifier != fyne.KeyModifierShortcutDefault {
		return nil
	}
	switch keys.KeyName {
	case fyne.KeyZ:
		return &fyne.ShortcutUndo{}
	case fyne.KeyY:
		return &fyne.ShortcutRedo{}
	case fyne.KeyA:
		return &fyne.ShortcutSelectAll{}
	}
	return nil
}

func ctrl(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func ctrlShift(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

// shortcutTable is a function, not a variable, since the sheet it opens
// lists the table itself.
func shortcutTable() []shortcut {
	return []shortcut{
		{"File", "Open article…", ctrl(fyne.KeyO), (*mainWindow).showOpenDialog},
		{"File", "Import folder…", ctrlShift(fyne.KeyO), (*mainWindow).showImportFolderDialog},
		{"File", "Open address…", ctrlShift(fyne.KeyU), (*mainWindow).showAddressDialog},
		{"File", "Export dataset…", ctrl(fyne.KeyE), (*mainWindow).showExportDialog},
		{"File", "Quit", ctrl(fyne.KeyQ), (*mainWindow).quit},
		{"Edit", "Undo", ctrl(fyne.KeyZ), (*mainWindow).undo},
		{"Edit", "Redo", ctrlShift(fyne.KeyZ), (*mainWindow).redo},
		{"Edit", "Find claims…", ctrl(fyne.KeyK), (*mainWindow).showSearchPalette},
		{"Edit", "Filter articles", ctrl(fyne.KeyF), func(w *mainWindow) { w.articles.focusFilter() }},
		{"Edit", "Annotator name…", nil, (*mainWindow).askAnnotator},
		{"Edit", "Labels…", ctrlShift(fyne.KeyL), (*mainWindow).showLabelsDialog},
		{"Article", "Next article", ctrl(fyne.KeyDown), func(w *mainWindow) { w.articles.step(1) }},
		{"Article", "Previous article", ctrl(fyne.KeyUp), func(w *mainWindow) { w.articles.step(-1) }},
		{"Article", "Mark as new", nil, func(w *mainWindow) { w.setArticleStatus(storage.StatusNew) }},
		{"Article", "Mark as in progress", nil, func(w *mainWindow) { w.setArticleStatus(storage.StatusInProgress) }},
		{"Article", "Mark as done", ctrl(fyne.KeyD), func(w *mainWindow) { w.setArticleStatus(storage.StatusDone) }},
		{"Article", "Delete article…", nil, (*mainWindow).confirmDeleteArticle},
		{"Claim", "Next claim", ctrl(fyne.KeyJ), func(w *mainWindow) { w.claimsUI.step(1) }},
		{"Claim", "Previous claim", ctrl(fyne.KeyL), func(w *mainWindow) { w.claimsUI.step(-1) }},
		{"Claim", "Edit speaker", ctrl(fyne.KeyG), func(w *mainWindow) { w.details.focusSpeaker() }},
		{"Claim", "Fit claim to selection", ctrl(fyne.KeyR), (*mainWindow).fitClaim},
		{"Claim", "Back to the text", nil, (*mainWindow).focusText},
		{"Claim", "Accept suggestions above a score…", nil, (*mainWindow).askAcceptAbove},
		{"View", "Zoom in", ctrl(fyne.KeyEqual), func(w *mainWindow) { w.zoom(zoomStep) }},
		{"View", "Zoom out", ctrl(fyne.KeyMinus), func(w *mainWindow) { w.zoom(1 / zoomStep) }},
		{"View", "Actual size", ctrl(fyne.Key0), func(w *mainWindow) { w.zoom(0) }},
		{"Team", "Join team folder…", nil, (*mainWindow).showJoinTeamDialog},
		{"Team", "Sync now", nil, (*mainWindow).syncNow},
		{"Team", "Agreement…", nil, (*mainWindow).showAgreement},
		{"Team", "Progress…", nil, (*mainWindow).showProgress},
		{"Team", "Adjudicate…", nil, (*mainWindow).startAdjudicating},
		{"Team", "Next disagreement", ctrl(fyne.KeyN), func(w *mainWindow) { w.stepDisagreement(true) }},
		{"Team", "Previous disagreement", ctrl(fyne.KeyP), func(w *mainWindow) { w.stepDisagreement(false) }},
		{"Team", "Accept into gold", ctrlShift(fyne.KeyA), (*mainWindow).acceptIntoGold},
		{"Team", "Reject claim", ctrlShift(fyne.KeyX), (*mainWindow).rejectFromGold},
		{"Team", "Accept all agreed", nil, (*mainWindow).acceptAgreed},
		{"Help", "Keyboard shortcuts", ctrl(fyne.KeySlash), (*mainWindow).showShortcutSheet},
		{"Help", "How good are the suggestions?", nil, (*mainWindow).showEvaluation},
	}
}

// keysOnlyInSheet are handled by the text view itself; the sheet lists
// them so the analyst can learn them.
var keysOnlyInSheet = [][2]string{
	{"Drag", "select text (snaps to words; hold Ctrl, or untick Edit > Snap selection to words, for characters)"},
	{"Double-click", "select a word"},
	{"Shift+click", "extend the selection"},
	{"Shift+← / →", "extend the selection by a character"},
	{"Ctrl+Shift+← / →", "extend the selection by a word"},
	{"1 / 2 / 3 …", "label the selection, or relabel the selected claim (or accept the current suggestion as that label)"},
	{"Tab / Shift+Tab", "walk the suggested claims (dashed outlines): Enter accepts one with its label, speaker and target, Backspace rejects it for good"},
	{"Enter", "label the selection with the label marked in the label bar"},
	{"Click a highlight", "select that claim"},
	{"Drag an end of the selected claim", "move that end (snaps to words; hold Ctrl for characters); label, speaker and note stay"},
	{"Rest the pointer on a highlight", "show every claim under it: label · speaker → target · annotator"},
	{"Delete", "delete the selected claim"},
	{"Esc", "clear the selection"},
	{"PageUp / PageDown", "scroll the article"},
}

func (w *mainWindow) buildMenu() *fyne.MainMenu {
	var menus []*fyne.Menu
	byName := map[string]*fyne.Menu{}
	for _, s := range shortcutTable() {
		action := s.action
		item := fyne.NewMenuItem(s.title, func() { action(w) })
		if s.keys != nil {
			item.Shortcut = s.keys
		}
		item.IsQuit = s.title == "Quit" // so Fyne adds no second Quit
		m := byName[s.menu]
		if m == nil {
			m = fyne.NewMenu(s.menu)
			byName[s.menu] = m
			menus = append(menus, m)
		}
		m.Items = append(m.Items, item)
	}
	byName["Claim"].Items = append(byName["Claim"].Items, fyne.NewMenuItemSeparator())
	byName["Claim"].Items = append(byName["Claim"].Items, w.labelMenuItems()...)
	byName["Help"].Items = append(byName["Help"].Items, fyne.NewMenuItem("About Claimdesk", w.showAbout))
	snap := fyne.NewMenuItem("Snap selection to words", w.toggleSnapToWords)
	snap.Checked = w.view.SnapToWords
	byName["Edit"].Items = append(byName["Edit"].Items, fyne.NewMenuItemSeparator(), snap)
	return fyne.NewMainMenu(menus...)
}

func (w *mainWindow) labelMenuItems() []*fyne.MenuItem {
	var items []*fyne.MenuItem
	for _, l := range w.session.Labels() {
		name := l.Name
		item := fyne.NewMenuItem("Label as "+name, func() { w.applyLabel(name) })
		if l.Hotkey != "" {
			// Shown in the menu's shortcut column; the text view itself
			// handles the key, so it is not registered on the canvas.
			item.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyName(strings.ToUpper(l.Hotkey))}
		}
		items = append(items, item)
	}
	remove := fyne.NewMenuItem("Delete claim", w.deleteSelected)
	remove.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyDelete}
	return append(items, remove)
}

func (w *mainWindow) registerShortcuts() {
	for _, s := range shortcutTable() {
		if s.keys == nil {
			continue
		}
		action, quit := s.action, s.title == "Quit"
		run := func(fyne.Shortcut) {
			// A dialog asks for an answer first: a shortcut that opened
			// another dialog over it would stack them. Quitting still works.
			if quit || !w.dialogOpen() {
				action(w)
			}
		}
		w.win.Canvas().AddShortcut(s.keys, run)
		if standard := asDelivered(s.keys); standard != nil {
			w.win.Canvas().AddShortcut(standard, run)
		}
	}
}

// rebuildMenu rebuilds the menus when labels change, so the Claim menu
// lists the current labels and hotkeys.
func (w *mainWindow) rebuildMenu() {
	if w.win.MainMenu() != nil {
		w.win.SetMainMenu(w.buildMenu())
	}
}

func shortcutText(s *desktop.CustomShortcut) string {
	if s == nil {
		return ""
	}
	mod := ""
	if s.Modifier&fyne.KeyModifierShortcutDefault != 0 {
		mod += "Ctrl+"
	}
	if s.Modifier&fyne.KeyModifierShift != 0 {
		mod += "Shift+"
	}
	return fmt.Sprintf("%s%s", mod, keyText(s.KeyName))
}

func keyText(k fyne.KeyName) string {
	switch k {
	case fyne.KeyUp:
		return "↑"
	case fyne.KeyDown:
		return "↓"
	case fyne.KeySlash:
		return "/"
	case fyne.KeyEqual:
		return "="
	case fyne.KeyMinus:
		return "−"
	}
	return string(k)
}

// toggleSnapToWords switches between selecting whole words and single
// characters; the menu's check mark shows which.
func (w *mainWindow) toggleSnapToWords() {
	w.view.SnapToWords = !w.view.SnapToWords
	w.rememberPlace()
	w.rebuildMenu()
	w.focusText()
}

// KeyCommand is one entry of the keyboard table, as a test that drives the
// real window with xdotool needs it: Keys is in xdotool's spelling
// ("ctrl+shift+z"), "" for a command found in the menus only.
type KeyCommand struct{ Menu, Title, Keys string }

// KeyCommands lists the keyboard table the menus and the help sheet show.
func KeyCommands() []KeyCommand {
	var out []KeyCommand
	for _, s := range shortcutTable() {
		out = append(out, KeyCommand{Menu: s.menu, Title: s.title, Keys: xdotoolKeys(s.keys)})
	}
	return out
}

// Gestures lists the keys and gestures the article view handles itself,
// as the help sheet shows them.
func Gestures() [][2]string { return slices.Clone(keysOnlyInSheet) }

func xdotoolKeys(s *desktop.CustomShortcut) string {
	if s == nil {
		return ""
	}
	var parts []string
	if s.Modifier&fyne.KeyModifierShortcutDefault != 0 {
		parts = append(parts, "ctrl")
	}
	if s.Modifier&fyne.KeyModifierShift != 0 {
		parts = append(parts, "shift")
	}
	name := map[fyne.KeyName]string{fyne.KeyUp: "Up", fyne.KeyDown: "Down", fyne.KeySlash: "slash",
		fyne.KeyEqual: "equal", fyne.KeyMinus: "minus"}[s.KeyName]
	if name == "" {
		name = strings.ToLower(string(s.KeyName))
	}
	return strings.Join(append(parts, name), "+")
}

// zoomStep is how much one Ctrl+= or Ctrl+- scales the article's text.
const zoomStep = 1.1

// zoom scales the article's text by factor, or back to its actual size
// for 0, and remembers the size for the next start.
func (w *mainWindow) zoom(factor float32) {
	z := float32(1)
	if factor != 0 {
		z = w.view.Zoom() * factor
	}
	w.view.SetZoom(z)
	w.rememberPlace()
}

// dialogOpen reports whether a dialog or the search palette is over the
// window; the completion lists of the claim editor do not count.
func (w *mainWindow) dialogOpen() bool {
	for _, o := range w.win.Canvas().Overlays().List() {
		if p, ok := o.(*widget.PopUp); ok && (p == w.details.speaker.popup || p == w.details.target.popup) {
			continue
		}
		return true
	}
	return false
}
