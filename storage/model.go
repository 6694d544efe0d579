package storage

import "time"

// Status is where an article stands in the analyst's work.
type Status string

// The statuses an article moves through.
const (
	StatusNew        Status = "new"
	StatusInProgress Status = "in progress"
	StatusDone       Status = "done"
)

// Valid reports whether s is one of the known statuses.
func (s Status) Valid() bool {
	return s == StatusNew || s == StatusInProgress || s == StatusDone
}

// Origin says how a claim came to be.
type Origin string

// The origins of a claim.
const (
	OriginManual    Origin = "manual"
	OriginSuggested Origin = "suggested"
	OriginImported  Origin = "imported"
)

// Article is one news article. Text never changes once stored, so offsets
// into it never drift.
type Article struct {
	ID     uint64            `json:"id"`
	Title  string            `json:"title"`
	Source string            `json:"source,omitempty"`
	Text   string            `json:"text"`
	SHA256 string            `json:"sha256"`
	Added  time.Time         `json:"added"`
	Status Status            `json:"status"`
	Meta   map[string]string `json:"meta,omitempty"`
}

// ArticleSummary is an article without its text, plus its claim count: what
// lists of articles need without reading every text.
type ArticleSummary struct {
	ID      uint64    `json:"id"`
	Title   string    `json:"title"`
	Source  string    `json:"source,omitempty"`
	Status  Status    `json:"status"`
	Added   time.Time `json:"added"`
	Claims  int       `json:"claims"`
	RuneLen int       `json:"rune_len"`
}

// Claim is one labeled claim: the span [Start, End) of its article's
// text in code points, with Quote equal to that span.
type Claim struct {
	ID        uint64    `json:"id"`
	ArticleID uint64    `json:"article_id"`
	Start     int       `json:"start"`
	End       int       `json:"end"`
	Quote     string    `json:"quote"`
	Label     string    `json:"label"`
	Speaker   string    `json:"speaker,omitempty"`
	Target    string    `json:"target,omitempty"`
	Note      string    `json:"note,omitempty"`
	Annotator string    `json:"annotator,omitempty"`
	Origin    Origin    `json:"origin"`
	Created   time.Time `json:"created"`
	Updated   time.Time `json:"updated"`
}

// Label is a kind of claim. Colour is "#RRGGBB"; Hotkey is a single key such
// as "1", or empty.
type Label struct {
	Name        string `json:"name"`
	Colour      string `json:"colour"`
	Hotkey      string `json:"hotkey,omitempty"`
	Description string `json:"description,omitempty"`
}

// DefaultLabels are created in a new store. The colours are from the
// Okabe–Ito palette, which people with colour-blindness can tell apart.
func DefaultLabels() []Label {
	return []Label{
		{Name: "denial", Colour: "#0072B2", Hotkey: "1", Description: "Someone denies a fact or an accusation."},
		{Name: "accusation", Colour: "#D55E00", Hotkey: "2", Description: "Someone accuses another of something."},
		{Name: "praise", Colour: "#009E73", Hotkey: "3", Description: "Someone praises another."},
	}
}

// Valid reports whether o is one of the known origins.
func (o Origin) Valid() bool {
	return o == OriginManual || o == OriginSuggested || o == OriginImported
}
