package annotate

import (
	"errors"
	"fmt"
)

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

// ErrStepDropped wraps the error of an undo or redo the store refused. The
// refused step is taken off its stack, so the steps below it stay
// reachable: a claim deleted with its article, or a label renamed since,
// must not block every older step forever.
var ErrStepDropped = errors.New("that step was dropped from the history")

func (h *history) push(s step) {
	h.done = append(h.done, s)
	if h.limit > 0 && len(h.done) > h.limit {
		h.done = h.done[len(h.done)-h.limit:]
	}
	h.undone = h.undone[:0]
}

// amendTop makes the last change redo to a later state: further typing in
// the same field belongs to the same step.
func (h *history) amendTop(redo func() error) {
	if len(h.done) > 0 {
		h.done[len(h.done)-1].redo = redo
	}
}

func (h *history) canUndo() bool { return len(h.done) > 0 }
func (h *history) canRedo() bool { return len(h.undone) > 0 }

// undo reverts the last change and redo applies the last undone one again.
func (h *history) undo() (string, error) {
	return h.move(&h.done, &h.undone, func(s step) error { return s.undo() })
}

func (h *history) redo() (string, error) {
	return h.move(&h.undone, &h.done, func(s step) error { return s.redo() })
}

// move applies the top step of from and pushes it on to. Applied or
// refused, the step leaves from; refused, it is not pushed anywhere.
func (h *history) move(from, to *[]step, apply func(step) error) (string, error) {
	if len(*from) == 0 {
		return "", nil
	}
	s := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	if err := apply(s); err != nil {
		return s.name, fmt.Errorf("%w: %w", ErrStepDropped, err)
	}
	*to = append(*to, s)
	return s.name, nil
}
