package e2e

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode"
)

// storeState is what the store holds after the journey, read through the
// command line: every article with its status and claims (the doccano
// export carries both), and the labels.
type storeState struct {
	articles []storedArticle
	labels   []label
}

type storedArticle struct {
	Text string
	Meta struct {
		Title  string
		Status string
		Source string
		Claims []storedClaim
	}
}

type storedClaim struct {
	Start, End                        int
	Label, Speaker, Target, Annotator string
	Quote                             string `json:"-"`
}

func readStore(t *testing.T, bin, db string) *storeState {
	s := &storeState{labels: storeLabels(t, bin, db)}
	for _, line := range strings.Split(strings.TrimSpace(cli(t, bin, db, "export", "--format", "doccano")), "\n") {
		var a storedArticle
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatalf("doccano export line %q: %v", line, err)
		}
		runes := []rune(a.Text)
		for i, c := range a.Meta.Claims {
			if c.Start < 0 || c.End > len(runes) || c.Start >= c.End {
				t.Fatalf("claim %+v does not fit the text of %q", c, a.Meta.Title)
			}
			a.Meta.Claims[i].Quote = string(runes[c.Start:c.End])
		}
		s.articles = append(s.articles, a)
	}
	return s
}

func (s *storeState) article(title string) (storedArticle, bool) {
	for _, a := range s.articles {
		if a.Meta.Title == title {
			return a, true
		}
	}
	return storedArticle{}, false
}

// claimsOn lists the seed article's claims lying within one line of its
// text as the window wraps it.
func (s *storeState) claimsOn(l textLine) []storedClaim {
	a, _ := s.article(seedTitle)
	at := strings.Index(a.Text, l.text)
	if at < 0 {
		return nil
	}
	lo := len([]rune(a.Text[:at]))
	hi := lo + len([]rune(l.text))
	var out []storedClaim
	for _, c := range a.Meta.Claims {
		if c.Start >= lo && c.End <= hi {
			out = append(out, c)
		}
	}
	return out
}

// wholeWords reports whether the claim begins and ends at word edges of
// the article's text.
func (s *storeState) wholeWords(c storedClaim) bool {
	a, _ := s.article(seedTitle)
	runes := []rune(a.Text)
	before := c.Start == 0 || !isWordRune(runes[c.Start-1])
	after := c.End == len(runes) || !isWordRune(runes[c.End])
	return before && after && isWordRune(runes[c.Start]) && isWordRune(runes[c.End-1])
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// words counts the words of a quote.
func words(quote string) int {
	return len(strings.FieldsFunc(quote, func(r rune) bool { return !isWordRune(r) }))
}
