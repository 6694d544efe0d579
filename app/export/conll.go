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
			w.WriteString(layout.docStart)
			w.WriteByte('\n')
			wrote := false
			for _, c := range conllChunks(d.Article.Text, d.Claims) {
				chunk, _ := ix.Slice(c.start, c.end)
				runes := []rune(chunk)
				toks := tokenize(runes)
				tags := bioTags(j, toks, c.claims)
				breaks := sentenceBreaks(sentences(runes), toks, tags)
				for t, tok := range toks {
					// A chunk ends at a line break, which ends a sentence.
					if breaks[t] || t == 0 && wrote {
						w.WriteByte('\n')
					}
					text, _ := ix.Slice(c.start+tok.start, c.start+tok.end)
					w.WriteString(text)
					w.WriteString(layout.between)
					w.WriteString(tags[t])
					if _, err := w.WriteString("\n"); err != nil {
						return err
					}
					wrote = true
				}
			}
			if wrote {
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

// conllChunk is a stretch of an article tagged on its own, with its
// claims' offsets counted from the stretch's start.
type conllChunk struct {
	start, end int
	claims     []storage.Claim
}

// conllChunkRunes is the length from which a stretch is cut at the next
// line break that no claim crosses: long enough that the cuts cost
// nothing, short enough that a 50 MiB article is tagged a piece at a time
// rather than as tens of millions of runes, tokens and tags at once.
const conllChunkRunes = 1 << 16

// conllChunks cuts text after line breaks no claim crosses. Words and
// sentences never run over a line break, so each stretch tokenizes, tags
// and splits into sentences as it would inside the whole text.
func conllChunks(text string, claims []storage.Claim) []conllChunk {
	ordered := append([]storage.Claim(nil), claims...)
	storage.SortInTextOrder(ordered)
	var chunks []conllChunk
	start, next, reach := 0, 0, 0 // reach: the furthest end of a claim starting before the cut
	cut := func(at int) {
		c := conllChunk{start: start, end: at}
		for ; next < len(ordered) && ordered[next].Start < at; next++ {
			claim := ordered[next]
			claim.Start, claim.End = claim.Start-start, claim.End-start
			c.claims = append(c.claims, claim)
		}
		chunks = append(chunks, c)
		start = at
	}
	k, n := 0, 0
	for _, r := range text {
		n++
		if r != '\n' || n-start < conllChunkRunes {
			continue
		}
		for ; k < len(ordered) && ordered[k].Start < n; k++ {
			reach = max(reach, ordered[k].End)
		}
		if reach <= n {
			cut(n)
		}
	}
	cut(n)
	return chunks
}
