package dataset

import (
	"testing"
)

func FuzzParseMarkdown(f *testing.F) {
	addSeeds(f, []string{".md"}, "---\ntitle: x\n---\n", "<div>\n<script>x", "| a |\n|---|\n| b |", "\\*&amp;&#0;`x`")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "fuzz.md", data) })
}
