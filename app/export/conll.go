package export

import (
	"cmp"
	"sort"

	"claimdesk/storage"
)

// The rules by which CoNLL BIO leaves claims out.
const (
	conllOverlapRule = "CoNLL BIO cannot hold overlapping claims: of claims sharing a token, " +
		"the one that starts first was kept, then the longer"
	conllNoTokenRule = "a claim of white space only has no token to tag"
)

// CoNLL layouts.
const (
	// CoNLL2003 is CoNLL-2003's own layout, the default: four columns
	// separated by a space — token, part of speech, chunk, tag — with "-X-"
	// and "O" standing in the two columns Claimdesk does not fill, and
	// "-DOCSTART- -X- O O" before every article. conlleval reads it
	// without -d, and needs every line to have as many columns as the
	// first; spaCy's convert splits documents at exactly that line and
	// takes the first column as the token and the last as the tag.
	CoNLL2003 = "conll2003"
	// CoNLLTSV is two columns separated by a tab, token and tag, with
	// "-DOCSTART-<TAB>O" before every article: what tab-separated readers
	// such as pandas and flair's ColumnCorpus take as they are.
	CoNLLTSV = "tsv"
)

// conllLayout is how a layout writes a line: the token, then between,
// then the tag.
type conllLayout struct {
	docStart string // the line before every article, line end included
	between  string
}

var conllLayouts = map[string]conllLayout{
	CoNLL2003: {docStart: "-DOCSTART- -X- O O\n", between: " -X- O "},
	CoNLLTSV:  {docStart: "-DOCSTART-\tO\n", between: "\t"},
}

// CoNLLLayouts lists the layouts Options.CoNLL takes, the default first.
func CoNLLLayouts() []string { return []string{CoNLL2003, CoNLLTSV} }

// writeCoNLL writes a token per line in the chosen layout, B- on a claim's
// first token, I- inside it and O outside, a blank line after every
// sentence and the layout's document line, then a blank line, before every
// article. A sentence is never cut inside a claim: tagging tools read each
// sentence alone, and an I- tag opening a sentence is invalid BIO.
func writeCoNLL(j *job, p part) error {
	layout := conllLayouts[cmp.Or(j.opts.CoNLL, CoNLL2003)]
	return j.writeFile(j.partFile(p), func(w *stagedFile) error {
		return j.eachDoc(p, func(d Doc, ix *textIndex) error {
			runes := []rune(d.Article.Text)
			toks := tokenize(runes)
			tags := bioTags(j, toks, d.Claims)
			breaks := sentenceBreaks(sentences(runes), toks, tags)
			w.WriteString(layout.docStart)
			w.WriteByte('\n')
			for t, tok := range toks {
				if breaks[t] {
					w.WriteByte('\n')
				}
				text, _ := ix.slice(tok.start, tok.end)
				w.WriteString(text)
				w.WriteString(layout.between)
				w.WriteString(tags[t])
				if _, err := w.WriteString("\n"); err != nil {
					return err
				}
			}
			if len(toks) > 0 {
				w.WriteByte('\n')
			}
			return nil
		})
	})
}

// bioTags tags every token. Claims are taken in text order — by start,
// the longer first — and a claim whose tokens are taken already is left
// out, so of overlapping claims the earlier-starting, then longer one wins.
func bioTags(j *job, toks []span, claims []storage.Claim) []string {
	tags := make([]string, len(toks))
	for i := range tags {
		tags[i] = "O"
	}
	ordered := append([]storage.Claim(nil), claims...)
	storage.SortInTextOrder(ordered)
	for _, c := range ordered {
		first := sort.Search(len(toks), func(i int) bool { return toks[i].end > c.Start })
		last := sort.Search(len(toks), func(i int) bool { return toks[i].start >= c.End })
		if first >= last {
			j.omit(conllNoTokenRule)
			continue
		}
		if taken(tags[first:last]) {
			j.omit(conllOverlapRule)
			continue
		}
		tags[first] = "B-" + c.Label
		inside := "I-" + c.Label
		for t := first + 1; t < last; t++ {
			tags[t] = inside
		}
		j.claims++
	}
	return tags
}

func taken(tags []string) bool {
	for _, t := range tags {
		if t != "O" {
			return true
		}
	}
	return false
}

// sentenceBreaks marks the tokens that open a new sentence: the first token
// after a sentence's end, unless it continues a claim (tagged I-).
func sentenceBreaks(sents []span, toks []span, tags []string) []bool {
	breaks := make([]bool, len(toks))
	s := 0
	for t := 1; t < len(toks); t++ {
		ended := false
		for s < len(sents) && sents[s].end <= toks[t].start {
			ended = ended || sents[s].end > toks[t-1].start
			s++
		}
		breaks[t] = ended && tags[t][0] != 'I'
	}
	return breaks
}
