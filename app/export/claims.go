package export

import (
	"sort"

	"claimdesk/storage"
)

// claimRow is one claim with the sentence it stands in and the text around
// it, for training a classifier. Every row has every key, so tools that
// infer a schema from the first rows (pandas, Hugging Face datasets) see
// one. Offsets count code points: sentence[start_in_sentence:end_in_sentence]
// and context[start_in_context:end_in_context] equal quote, as does
// text[start:end] of the article.
type claimRow struct {
	ClaimID         uint64 `json:"claim_id"`
	ArticleID       uint64 `json:"article_id"`
	Title           string `json:"title"`
	Label           string `json:"label"`
	Quote           string `json:"quote"`
	Speaker         string `json:"speaker"`
	Target          string `json:"target"`
	Note            string `json:"note"`
	Annotator       string `json:"annotator"`
	Start           int    `json:"start"`
	End             int    `json:"end"`
	Sentence        string `json:"sentence"`
	StartInSentence int    `json:"start_in_sentence"`
	EndInSentence   int    `json:"end_in_sentence"`
	Context         string `json:"context"`
	StartInContext  int    `json:"start_in_context"`
	EndInContext    int    `json:"end_in_context"`
}

// writeClaims writes a claimRow per claim. The sentence is every sentence
// the claim touches; the context adds one sentence before and one after.
func writeClaims(j *job, p part) error {
	return j.writeFile(j.partFile(p), func(w *stagedFile) error {
		enc := newJSONL(w)
		return j.eachDoc(p, func(d Doc, ix *textIndex) error {
			if len(d.Claims) == 0 {
				return nil
			}
			sents := sentences([]rune(d.Article.Text))
			for _, c := range d.Claims {
				if err := enc.Encode(claimRowOf(d.Article, c, sents, ix)); err != nil {
					return err
				}
				j.claims++
			}
			return nil
		})
	})
}

func claimRowOf(a storage.Article, c storage.Claim, sents []span, ix *textIndex) claimRow {
	sent, ctx := claimWindows(sents, span{c.Start, c.End})
	row := claimRow{ClaimID: c.ID, ArticleID: a.ID, Title: a.Title, Label: c.Label, Quote: c.Quote,
		Speaker: c.Speaker, Target: c.Target, Note: c.Note, Annotator: c.Annotator,
		Start: c.Start, End: c.End,
		StartInSentence: c.Start - sent.start, EndInSentence: c.End - sent.start,
		StartInContext: c.Start - ctx.start, EndInContext: c.End - ctx.start}
	row.Sentence, _ = ix.Slice(sent.start, sent.end)
	row.Context, _ = ix.Slice(ctx.start, ctx.end)
	return row
}

// claimWindows finds the sentences a claim touches, widened to hold the
// whole claim, and that plus the sentence before and after. A claim that
// touches no sentence (white space between them) is its own sentence.
func claimWindows(sents []span, c span) (sent, ctx span) {
	first := sort.Search(len(sents), func(i int) bool { return sents[i].end > c.start })
	last := sort.Search(len(sents), func(i int) bool { return sents[i].start >= c.end }) - 1
	if first > last {
		return c, c
	}
	sent = span{min(sents[first].start, c.start), max(sents[last].end, c.end)}
	ctx = span{min(sents[max(first-1, 0)].start, sent.start), max(sents[min(last+1, len(sents)-1)].end, sent.end)}
	return sent, ctx
}
