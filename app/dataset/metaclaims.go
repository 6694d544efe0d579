package dataset

import (
	"encoding/json"
	"fmt"

	"claimdesk/storage"
)

// metaClaimsKey is the meta field where Claimdesk's doccano export writes
// every claim in full: doccano's [start, end, "label"] triples have no room
// for speaker, target, note and annotator, and doccano keeps a record's
// meta untouched, so the details survive a trip through it.
const metaClaimsKey = "claims"

// detailsIgnored ends every message about a meta.claims entry that is not
// used; the claim itself still lands if its triple does.
const detailsIgnored = "; its speaker, target, note and annotator are ignored"

// metaClaim is one readable entry of meta.claims.
type metaClaim struct {
	Span
	ref string // how the file names it: "meta.claims[2]"
}

// metaClaimObject is a meta.claims entry as the file writes it.
type metaClaimObject struct {
	Start json.RawMessage `json:"start"`
	End   json.RawMessage `json:"end"`
	Label json.RawMessage `json:"label"`
	spanDetails
}

// recordMeta reads a record's "meta" into the article's meta, as given,
// and the claims of meta.claims. A meta.claims list is Claimdesk's and is
// taken out of the article's meta, since the claims are stored as claims;
// so is what a Claimdesk export wrote apart (takeClaimdeskMeta), whose
// title it returns. Any other value there belongs to the user or some other
// tool and stays article meta. msgs explain what was ignored.
func recordMeta(raw json.RawMessage) (meta storage.Meta, exportedTitle string, claims []metaClaim, msgs []string) {
	obj, ok := metaObject(raw)
	if !ok {
		return nil, "", nil, []string{`"meta" is not an object; ignored`}
	}
	if list, found := obj[metaClaimsKey]; found && !isNull(list) {
		var elems []json.RawMessage
		if err := json.Unmarshal(list, &elems); err != nil {
			msgs = append(msgs, fmt.Sprintf(`"meta.claims" is %s, not a list of claims, so no speaker, target, note or annotator is restored from it; kept as article meta`, clip(string(list))))
		} else {
			delete(obj, metaClaimsKey)
			claims, msgs = readMetaClaims(elems)
		}
	}
	exportedTitle = takeClaimdeskMeta(obj)
	return asMeta(obj), exportedTitle, claims, msgs
}

// readMetaClaims reads the entries of meta.claims; one that cannot be read
// is reported and skipped, the others still count.
func readMetaClaims(elems []json.RawMessage) (claims []metaClaim, msgs []string) {
	for i, elem := range elems {
		ref := fmt.Sprintf("meta.claims[%d]", i)
		c, err := readMetaClaim(elem)
		if err != nil {
			msgs = append(msgs, ref+": "+err.Error()+detailsIgnored)
			continue
		}
		c.ref = ref
		claims = append(claims, c)
	}
	return claims, msgs
}

func readMetaClaim(elem json.RawMessage) (metaClaim, error) {
	var o metaClaimObject
	if isNull(elem) || json.Unmarshal(elem, &o) != nil {
		return metaClaim{}, fmt.Errorf(`expected {"start", "end", "label", …}, found %s`, clip(string(elem)))
	}
	start, end, err := jsonSpanOffsets(o.Start, o.End)
	if err != nil {
		return metaClaim{}, err
	}
	label, ok := jsonString(o.Label)
	if !ok {
		return metaClaim{}, fmt.Errorf("the label %s is not a string", clip(string(o.Label)))
	}
	c := metaClaim{Span: Span{Start: start, End: end, Label: label}}
	if err := o.apply(&c.Span); err != nil {
		return metaClaim{}, err
	}
	return c, nil
}

// claimKey is what pairs a label triple with its meta.claims entry.
type claimKey struct {
	start, end int
	label      string
}

// applyMetaClaims gives each label triple the details of the first unused
// meta claim with the same start, end and label, so identical triples take
// identical-looking claims in the order the file lists them. A claim's
// annotator wins over the record's. Matching uses the offsets as the file
// wrote them, before any normalisation moves them.
//
// A meta claim that no triple takes is reported, not stored: the triples
// are what doccano shows and edits, so a claim without one was most likely
// removed there, and bringing it back would undo the analyst's work.
func applyMetaClaims(spans []rawSpan, claims []metaClaim) (msgs []string) {
	waiting := make(map[claimKey][]int, len(claims))
	for i, c := range claims {
		k := claimKey{c.Start, c.End, c.Label}
		waiting[k] = append(waiting[k], i)
	}
	used := make([]bool, len(claims))
	for i := range spans {
		s := &spans[i]
		k := claimKey{s.Start, s.End, s.Label}
		if !s.triple || len(waiting[k]) == 0 {
			continue
		}
		j := waiting[k][0]
		waiting[k] = waiting[k][1:]
		used[j] = true
		c := claims[j]
		s.Speaker, s.Target, s.Note = c.Speaker, c.Target, c.Note
		if c.Annotator != "" {
			s.Annotator = c.Annotator
		}
	}
	for j, c := range claims {
		if !used[j] {
			msgs = append(msgs, fmt.Sprintf("%s: no label triple [%d, %d, %q] matches this claim%s", c.ref, c.Start, c.End, c.Label, detailsIgnored))
		}
	}
	return msgs
}
