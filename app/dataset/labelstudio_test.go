package dataset

import (
	"testing"
)

func FuzzParseLabelStudio(f *testing.F) {
	addSeeds(f, []string{".json"},
		`[{"data":{"text":"abc"},"annotations":[{"result":[{"type":"labels","value":{"start":0,"end":2,"text":"ab","labels":["x"]}}]}]}]`,
		`{"data":{"text":"x"}}`, `[]`, `[{"data":1}]`, `[{"data":{"text":"a"}}] x`)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "fuzz.json", data) })
}
