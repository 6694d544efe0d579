package suggest

// Candidate is a claim the article most likely holds, not yet accepted:
// the span [Start, End) of the statement in code points, who made it,
// about whom where that is evident, a suggested label and a score in
// [0, 1] (how likely this is a claim with that label).
type Candidate struct {
	Start   int     `json:"start"`
	End     int     `json:"end"`
	Quote   string  `json:"quote"`
	Label   string  `json:"label"`
	Score   float64 `json:"score"`
	Speaker string  `json:"speaker"`
	Target  string  `json:"target"`
	// Cue is the speech or stance verb that governs the statement.
	Cue string `json:"cue,omitempty"`
	// Kind says how it was found: KindQuote, KindReported or KindPropagated.
	Kind Kind `json:"kind"`
	// FromClaim is the labelled claim a propagated candidate repeats.
	FromClaim uint64 `json:"from_claim,omitempty"`
}

// Kind says how a candidate was found.
type Kind string

// The ways a candidate is found.
const (
	KindQuote      Kind = "quote"      // a quoted passage with its attribution
	KindReported   Kind = "reported"   // a sentence governed by a speech or stance verb
	KindPropagated Kind = "propagated" // a claim labelled elsewhere, syndicated here
)

// Above returns the candidates scored at least minScore, in order: what
// "accept all above score S" accepts, as one undoable step.
func Above(cands []Candidate, minScore float64) []Candidate {
	var out []Candidate
	for _, c := range cands {
		if c.Score >= minScore {
			out = append(out, c)
		}
	}
	return out
}
