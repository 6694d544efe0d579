package annotate

import (
	"strings"
	"testing"
)

// BenchmarkTypingAKeystroke is the cost of one keystroke in the speaker
// field: the claim stored in its own fsync'd transaction and folded into
// the open undo step. Typing faster than this would queue.
func BenchmarkTypingAKeystroke(b *testing.B) {
	s, _, _ := newSession(b)
	s.SelectText(0, 6)
	if err := s.ApplyLabel("denial"); err != nil {
		b.Fatal(err)
	}
	name := strings.Repeat("Dmitry Peskov ", 20)
	b.ResetTimer()
	for i := range b.N {
		s.EditDetails(name[:1+i%len(name)], "", "")
	}
	b.StopTimer()
	if _, failure := s.SaveState(); failure != nil {
		b.Fatal(failure)
	}
}
