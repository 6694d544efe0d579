package window

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"claimdesk/app/annotate"
)

// layerSwitch chooses whose claims the article shows: Mine, Everyone, one
// annotator, or gold. The session holds the choice; the switch mirrors it.
type layerSwitch struct {
	w        *mainWindow
	choice   *widget.Select
	layers   []annotate.Layer // the choices, in the select's order
	updating bool             // the switch mirrors the session; its handler stays quiet
}

func newLayerSwitch(w *mainWindow) *layerSwitch {
	l := &layerSwitch{w: w}
	l.choice = widget.NewSelect(nil, l.onChosen)
	return l
}

func (l *layerSwitch) container() fyne.CanvasObject {
	return container.NewBorder(nil, nil, widget.NewLabel("Layer"), nil, l.choice)
}

// refresh lists the layers the session offers now (a team sync brings new
// annotators) and shows the one chosen.
func (l *layerSwitch) refresh() {
	l.updating = true
	defer func() { l.updating = false }()
	s := l.w.session
	l.layers = s.LayerChoices()
	names := make([]string, len(l.layers))
	for i, layer := range l.layers {
		names[i] = layer.Name()
	}
	l.choice.Options = names
	l.choice.SetSelected(s.Layer().Name())
}

func (l *layerSwitch) onChosen(name string) {
	if l.updating {
		return
	}
	for _, layer := range l.layers {
		if layer.Name() == name {
			l.w.endTyping()
			l.w.session.SetLayer(layer)
			return
		}
	}
}
