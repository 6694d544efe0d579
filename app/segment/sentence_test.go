package segment

import (
	"reflect"
	"testing"
)

func TestSentences(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"", nil},
		{"  \n ", nil},
		{"One. Two? Three!", []string{"One.", "Two?", "Three!"}},
		{"Mr. Peskov said so. Dr. Who agreed.", []string{"Mr. Peskov said so.", "Dr. Who agreed."}},
		{"In the U.S. Senate, J. Smith spoke. Then he left.", []string{"In the U.S. Senate, J. Smith spoke.", "Then he left."}},
		{`"We never did," he said. "Never."`, []string{`"We never did," he said.`, `"Never."`}},
		{"Headline without stop\nBody text here.", []string{"Headline without stop", "Body text here."}},
		{"Ends with Mr.", []string{"Ends with Mr."}},
		{"Ends with Mr.\nNext line.", []string{"Ends with Mr.", "Next line."}},
		{"قال المتحدث. ثم غادر.", []string{"قال المتحدث.", "ثم غادر."}},
	}
	for _, c := range cases {
		text := []rune(c.text)
		var got []string
		for _, s := range Sentences(text) {
			got = append(got, string(text[s.Start:s.End]))
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("Sentences(%q)\n got %q\nwant %q", c.text, got, c.want)
		}
	}
}
