package dataset

import (
	"testing"
)

func TestProblemString(t *testing.T) {
	if got := (Problem{File: "x.jsonl", Line: 12, Message: "bad"}).Error(); got != "x.jsonl:12: bad" {
		t.Errorf("got %q", got)
	}
	if got := (Problem{File: "x.txt", Message: "empty file"}).String(); got != "x.txt: empty file" {
		t.Errorf("got %q", got)
	}
}
