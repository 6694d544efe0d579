package search

import (
	"strings"
	"unicode"
)

// Query is a parsed search: free words, each of which must match fuzzily
// somewhere in a claim, and field filters, each of which must hold as a
// case-insensitive substring of its field. An empty filter filters nothing.
type Query struct {
	Words     []string
	Label     string
	Speaker   string
	Target    string
	Article   string // matched against the article title
	Annotator string
}

// filterKeys are the filter names in the order String writes them.
var filterKeys = [...]string{"label", "speaker", "target", "article", "annotator"}

// filter returns the field a filter key sets, or nil for an unknown key.
func (q *Query) filter(key string) *string {
	switch strings.ToLower(key) {
	case "label":
		return &q.Label
	case "speaker":
		return &q.Speaker
	case "target":
		return &q.Target
	case "article":
		return &q.Article
	case "annotator":
		return &q.Annotator
	}
	return nil
}

// Empty reports whether the query neither has words nor filters.
func (q Query) Empty() bool {
	return len(q.Words) == 0 && q.Label == "" && q.Speaker == "" && q.Target == "" && q.Article == "" && q.Annotator == ""
}

// ParseQuery splits q into words and filters. Words are separated by white
// space; "a quoted phrase" is one word. key:value sets a filter for the keys
// label, speaker, target, article and annotator (any case); key:"a value"
// may hold spaces. A quote left open runs to the end, as it does while the
// user is still typing. Any other token, such as http://x or "label:x" in
// quotes, is a word. White space inside quotes is collapsed to one space.
func ParseQuery(q string) Query {
	var out Query
	for _, t := range tokenize(q, true) {
		if t.key == "" {
			out.Words = append(out.Words, t.text)
		} else {
			*out.filter(t.key) = t.text
		}
	}
	return out
}

func isFilterKey(key string) bool { return (&Query{}).filter(key) != nil }

// String writes q back as query text that ParseQuery reads as q, for every q
// that ParseQuery returned: the canonical form of a query.
func (q Query) String() string {
	var parts []string
	for _, w := range q.Words {
		if needsQuotes(w) || looksLikeFilter(w) {
			w = `"` + w + `"`
		}
		parts = append(parts, w)
	}
	for _, key := range filterKeys {
		v := *q.filter(key)
		if v == "" {
			continue
		}
		if needsQuotes(v) {
			v = `"` + v + `"`
		}
		parts = append(parts, key+":"+v)
	}
	return strings.Join(parts, " ")
}

func needsQuotes(s string) bool {
	return strings.IndexFunc(s, unicode.IsSpace) >= 0 || strings.HasPrefix(s, `"`)
}

func looksLikeFilter(w string) bool {
	key, _, ok := strings.Cut(w, ":")
	return ok && isFilterKey(key)
}

// token is a word (key == "") or a filter with its value.
type token struct{ key, text string }

// tokenize splits q into tokens; with filters false every token is a word.
func tokenize(q string, filters bool) []token {
	rs := []rune(q)
	var out []token
	for i := 0; ; {
		for i < len(rs) && unicode.IsSpace(rs[i]) {
			i++
		}
		if i == len(rs) {
			return out
		}
		if rs[i] == '"' {
			var text string
			text, i = quoted(rs, i+1)
			if text != "" {
				out = append(out, token{text: text})
			}
			continue
		}
		start := i
		for i < len(rs) && !unicode.IsSpace(rs[i]) {
			i++
		}
		bare := string(rs[start:i])
		key, value, ok := strings.Cut(bare, ":")
		if !filters || !ok || !isFilterKey(key) {
			out = append(out, token{text: bare})
			continue
		}
		if strings.HasPrefix(value, `"`) {
			// The value runs to the closing quote, over any spaces.
			value, i = quoted(rs, start+len([]rune(key))+2)
		}
		out = append(out, token{key: strings.ToLower(key), text: value})
	}
}

// quoted reads from rs[i] up to the closing quote (or the end) and returns
// the text with white space collapsed, and the index after the quote.
func quoted(rs []rune, i int) (string, int) {
	start := i
	for i < len(rs) && rs[i] != '"' {
		i++
	}
	text := strings.Join(strings.Fields(string(rs[start:i])), " ")
	if i < len(rs) {
		i++
	}
	return text, i
}
