// Package annotate is the editing engine behind the annotation window:
// creating, relabelling, editing and deleting claims through the store, with
// undo and redo of every change. It knows nothing of Fyne, so every rule the
// window follows is tested without a display.
package annotate

// step is one undoable change, already applied to the store.
type step struct {
	name string
	undo func() error
	redo func() error
}

// history keeps the undo and redo stacks. A new change clears redo, as in
// every editor.
type history struct {
	done, undone []step
	limit        int
}

func (h *history) push(s step) {
	h.done = append(h.done, s)
	if h.limit > 0 && len(h.done) > h.limit {
		h.done = h.done[len(h.done)-h.limit:]
	}
	h.undone = h.undone[:0]
}

func (h *history) canUndo() bool { return len(h.done) > 0 }
func (h *history) canRedo() bool { return len(h.undone) > 0 }

// undo reverts the last change; if the store refuses, the step stays where
// it was so nothing is lost from either stack.
func (h *history) undo() (string, error) {
	if !h.canUndo() {
		return "", nil
	}
	s := h.done[len(h.done)-1]
	if err := s.undo(); err != nil {
		return s.name, err
	}
	h.done = h.done[:len(h.done)-1]
	h.undone = append(h.undone, s)
	return s.name, nil
}

func (h *history) redo() (string, error) {
	if !h.canRedo() {
		return "", nil
	}
	s := h.undone[len(h.undone)-1]
	if err := s.redo(); err != nil {
		return s.name, err
	}
	h.undone = h.undone[:len(h.undone)-1]
	h.done = append(h.done, s)
	return s.name, nil
}
