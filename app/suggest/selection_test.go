package suggest

import (
	"fmt"
	"strings"
	"testing"
)

// A describer cuts each paragraph once for all the spans described in
// it; what it says of each span is what describing the span alone says,
// in short paragraphs and in one longer than twice contextReach, where
// spans far apart see different stretches of it.
func TestDescriberSharesParagraphs(t *testing.T) {
	corpus := loadEvalSet(t)
	var long strings.Builder
	for i := 0; long.Len() < 4*contextReach; i++ {
		fmt.Fprintf(&long, "\"We have never seen such %d attacks,\" Peskov said. Lavrov accused the West of lying again. ", i)
	}
	texts := []string{long.String(), long.String() + "\n" + long.String()}
	for _, d := range corpus.Docs[:4] {
		texts = append(texts, string(d.Text))
	}
	for n, s := range texts {
		text := []rune(s)
		shared := newDescriber(text, English)
		spans := 0
		for start := 0; start < len(text); start += 37 {
			for _, length := range []int{0, 12, 60, 250} {
				spans++
				got := shared.describe(start, start+length, "")
				want := newDescriber(text, English).describe(start, start+length, "")
				if got != want {
					t.Fatalf("text %d [%d, %d): shared %+v\nalone %+v", n, start, start+length, got, want)
				}
			}
		}
		if n == 0 && len(shared.paragraphs) < 2 {
			t.Errorf("the long line was seen as %d stretches, want several", len(shared.paragraphs))
		}
		if len(shared.paragraphs) >= spans {
			t.Errorf("text %d: %d paragraphs cut for %d spans: none shared", n, len(shared.paragraphs), spans)
		}
	}
}

// Packed raw features come back as they were, counts too big for the
// packing included.
func TestPackFeatures(t *testing.T) {
	raw := []feature{{0, 1}, {7, 2}, {featureSpace - 2, 1<<countBits - 1}, {featureSpace - 1, 3<<countBits + 5}}
	ex := rawFeatures(Example{Quote: strings.Repeat("never again ", 20000), Context: "the ministry said"}, English)
	for _, r := range [][]feature{raw, ex, nil} {
		if got := unpackFeatures(packFeatures(r)); fmt.Sprint(got) != fmt.Sprint(r) {
			t.Errorf("%v came back as %v", r, got)
		}
	}
}
