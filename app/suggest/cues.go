package suggest

import (
	"embed"
	"encoding/json"
	"fmt"
	"strings"
)

// The cue words of each language live in one data file, cues_LANG.json,
// so that a language is added by adding a file, not code.
//
//go:embed cues_*.json
var cueFiles embed.FS

// Cues are one language's cue words, lower case.
type Cues struct {
	Language string `json:"language"`
	// Verbs maps each form of a speech or stance verb ("denied", "shrugged
	// off") to the label it leans to, "" for a neutral one such as "said".
	Verbs map[string]string `json:"verbs"`
	// Lexicon lists, per label, the words that lean a statement to it.
	Lexicon      map[string][]string `json:"lexicon"`
	Pronouns     []string            `json:"pronouns"`
	Hypothetical []string            `json:"hypothetical"`
	SubjectSkip  []string            `json:"subject_skip"`
	Titles       []string            `json:"titles"`
	Determiners  []string            `json:"determiners"`

	// Sets built from the lists above, for lookups.
	lexicon      map[string][]string // word -> labels
	multiVerbs   map[string][]string // first word of a multi-word verb -> its later words
	pronouns     map[string]bool
	hypothetical map[string]bool
	subjectSkip  map[string]bool
	titles       map[string]bool
	determiners  map[string]bool
}

// LoadCues reads the embedded cue file of language lang ("en").
func LoadCues(lang string) (*Cues, error) {
	data, err := cueFiles.ReadFile("cues_" + lang + ".json")
	if err != nil {
		return nil, fmt.Errorf("no cue words for language %q", lang)
	}
	return ParseCues(data)
}

// ParseCues reads a cue file's JSON.
func ParseCues(data []byte) (*Cues, error) {
	var c Cues
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("cue file: %w", err)
	}
	if len(c.Verbs) == 0 {
		return nil, fmt.Errorf("cue file for %q lists no verbs", c.Language)
	}
	c.index()
	return &c, nil
}

// English is the built-in English cue set.
var English = func() *Cues {
	c, err := LoadCues("en")
	if err != nil {
		panic(err) // the embedded file is part of the program
	}
	return c
}()

func (c *Cues) index() {
	c.lexicon = map[string][]string{}
	for label, words := range c.Lexicon {
		for _, w := range words {
			c.lexicon[w] = append(c.lexicon[w], label)
		}
	}
	c.multiVerbs = map[string][]string{}
	for v := range c.Verbs {
		if first, rest, ok := strings.Cut(v, " "); ok {
			c.multiVerbs[first] = append(c.multiVerbs[first], rest)
		}
	}
	c.pronouns = set(c.Pronouns)
	c.hypothetical = set(c.Hypothetical)
	c.subjectSkip = set(c.SubjectSkip)
	c.titles = set(c.Titles)
	c.determiners = set(c.Determiners)
}

func set(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// verbAt reports whether the words from index i of ws start a cue verb,
// and how many words it takes ("shrugged off" takes two).
func (c *Cues) verbAt(ws []word, i int) (verb string, n int) {
	w := ws[i].lower
	if rests, ok := c.multiVerbs[w]; ok {
		for _, rest := range rests {
			parts := strings.Fields(rest)
			if i+len(parts) < len(ws) && matchWords(ws[i+1:], parts) {
				return w + " " + rest, 1 + len(parts)
			}
		}
	}
	if _, ok := c.Verbs[w]; ok {
		return w, 1
	}
	return "", 0
}

func matchWords(ws []word, parts []string) bool {
	for j, p := range parts {
		if ws[j].lower != p {
			return false
		}
	}
	return true
}

// isVerb reports a one-word cue verb.
func (c *Cues) isVerb(w string) bool {
	_, ok := c.Verbs[w]
	return ok
}
