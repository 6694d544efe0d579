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

// undo reverts the last change and redo applies the last undone one again.
// If the store refuses, the step stays where it was, so nothing is lost
// from either stack.
func (h *history) undo() (string, error) {
	return h.move(&h.done, &h.undone, func(s step) error { return s.undo() })
}

func (h *history) redo() (string, error) {
	return h.move(&h.undone, &h.done, func(s step) error { return s.redo() })
}

// move applies the top step of from and, once it succeeded, pushes it on to.
func (h *history) move(from, to *[]step, apply func(step) error) (string, error) {
	if len(*from) == 0 {
		return "", nil
	}
	s := (*from)[len(*from)-1]
	if err := apply(s); err != nil {
		return s.name, err
	}
	*from = (*from)[:len(*from)-1]
	*to = append(*to, s)
	return s.name, nil
}
