package storage

import (
	"strings"

	bolt "go.etcd.io/bbolt"
)

// validateAnnotation enforces the offset contract: the span lies inside the
// text and is not empty, its quote is text[start:end] (an empty quote is
// filled in), its label exists and its origin is known. Each refusal says
// which rule the claim broke.
func validateClaim(tx *bolt.Tx, art Article, a *Claim) error {
	quote, err := spanQuote(art, a.Start, a.End)
	if err != nil {
		return err
	}
	if a.Quote == "" {
		a.Quote = quote
	} else if a.Quote != quote {
		return invalidf("quote %q is not the text at %d–%d of article %d, which reads %q", a.Quote, a.Start, a.End, art.ID, quote)
	}
	a.Label = strings.TrimSpace(a.Label)
	if tx.Bucket(bucketLabels).Get([]byte(a.Label)) == nil {
		return invalidf("label %q does not exist (labels: %s)", a.Label, labelNames(tx))
	}
	if a.Origin != "" && !a.Origin.Valid() {
		return invalidf("origin %q is not one of %s, %s, %s", a.Origin, OriginManual, OriginSuggested, OriginImported)
	}
	return nil
}

// spanQuote returns the article's text at [start, end) in code points, or
// an error naming what is wrong with the span. It walks the text only as
// far as the span reaches, so checking a claim near the start of a long
// article stays cheap.
func spanQuote(art Article, start, end int) (string, error) {
	switch {
	case start < 0:
		return "", invalidf("span %d–%d: start %d is negative", start, end, start)
	case end <= start:
		return "", invalidf("span %d–%d: start must be before end (a claim covers at least one character)", start, end)
	}
	quote, ok := Slice(art.Text, start, end)
	if !ok {
		n := RuneLen(art.Text)
		if start >= n {
			return "", invalidf("span %d–%d: start %d is past the end of article %d (%d characters)", start, end, start, art.ID, n)
		}
		return "", invalidf("span %d–%d: end %d is past the end of article %d (%d characters)", start, end, end, art.ID, n)
	}
	return quote, nil
}

func labelNames(tx *bolt.Tx) string {
	var names []string
	_ = tx.Bucket(bucketLabels).ForEach(func(k, _ []byte) error {
		names = append(names, string(k))
		return nil
	})
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
