package cli

import (
	"fmt"
	"io"
	"os"
	"time"

	"claimdesk/app/dataset"
)

// progress draws a one-line counter on a terminal, at most ten times a
// second, and stays silent when stderr is a file or a pipe.
type progress struct {
	w     io.Writer
	label string
	last  time.Time
	shown bool
}

func newProgress(w io.Writer, label string) *progress {
	if !isTerminal(w) {
		return &progress{label: label}
	}
	return &progress{w: w, label: label}
}

func (p *progress) update(done, total int, what string) {
	if p.w == nil || (time.Since(p.last) < 100*time.Millisecond && done < total) {
		return
	}
	p.last = time.Now()
	p.shown = true
	what = dataset.DisplayName(what)
	if len(what) > 50 {
		what = "…" + what[len(what)-49:]
	}
	fmt.Fprintf(p.w, "\r\033[K%s %d/%d %s", p.label, done, total, what)
}

func (p *progress) done() {
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
