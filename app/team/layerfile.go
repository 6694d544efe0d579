package team

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"

	"claimdesk/storage"
)

// A layer file, claims/NAME.jsonl, is one annotator's layer as JSON lines,
// sorted so that an edit changes only its own lines:
//
//	{"kind":"layer","format":1,"annotator":"ann"}
//	{"kind":"article","article":"<sha256>","title":"…","status":"done","added":"…","meta":{…}}
//	{"kind":"claim","article":"<sha256>","start":0,"end":6,"label":"denial","quote":"Peskov",…}
//
// Articles come in the order of their hashes, each followed by its claims in
// text order (start, the longer first, then label, speaker, target, note).
// An article's text is not in the layer but in articles/<sha256>.txt.

// layerFormat is the version this build writes; a newer one is refused.
const layerFormat = 1

// layerRecord is one line of a layer file; Kind tells which fields mean
// something.
type layerRecord struct {
	Kind      string         `json:"kind"`
	Format    int            `json:"format,omitempty"`
	Annotator string         `json:"annotator,omitempty"`
	WrittenBy string         `json:"written_by,omitempty"`
	Article   string         `json:"article,omitempty"`
	Title     string         `json:"title,omitempty"`
	Source    string         `json:"source,omitempty"`
	Status    storage.Status `json:"status,omitempty"`
	Added     *time.Time     `json:"added,omitempty"`
	Meta      storage.Meta   `json:"meta,omitempty"`
	Start     *int           `json:"start,omitempty"`
	End       *int           `json:"end,omitempty"`
	Label     string         `json:"label,omitempty"`
	Quote     string         `json:"quote,omitempty"`
	Speaker   string         `json:"speaker,omitempty"`
	Target    string         `json:"target,omitempty"`
	Note      string         `json:"note,omitempty"`
	Origin    storage.Origin `json:"origin,omitempty"`
	Created   *time.Time     `json:"created,omitempty"`
	Updated   *time.Time     `json:"updated,omitempty"`
}

// layerArticle is one article of a layer file: what its article line says
// and the claims that follow it.
type layerArticle struct {
	Hash   string
	Title  string
	Source string
	Status storage.Status
	Added  time.Time
	Meta   storage.Meta
	Claims []storage.Claim
	// Line is the article line's number and ClaimLines those of its
	// claims, in a file that was read: problems found later name them.
	Line       int
	ClaimLines []int
}

// layerFile is a whole layer file as read or to be written.
type layerFile struct {
	Annotator string
	// WrittenBy names the member who wrote the gold layer, the team's
	// adjudicator; an annotator's own layer leaves it out.
	WrittenBy string
	Articles  []layerArticle
}

// claims counts the claims of every article.
func (f layerFile) claims() int {
	n := 0
	for _, a := range f.Articles {
		n += len(a.Claims)
	}
	return n
}

// layerOf turns the store's layer into the file's form, sorted.
func layerOf(annotator string, articles []storage.LayerArticle) layerFile {
	f := layerFile{Annotator: annotator, Articles: make([]layerArticle, 0, len(articles))}
	for _, la := range articles {
		a := la.Article
		claims := slices.Clone(la.Claims)
		sortClaims(claims)
		f.Articles = append(f.Articles, layerArticle{Hash: a.SHA256, Title: a.Title, Source: a.Source,
			Status: a.Status, Added: a.Added, Meta: a.Meta, Claims: claims})
	}
	slices.SortFunc(f.Articles, func(a, b layerArticle) int { return strings.Compare(a.Hash, b.Hash) })
	return f
}

// sortClaims puts claims in the file's order, which depends on nothing the
// store alone knows (ids), so two stores write the same layer the same way.
func sortClaims(claims []storage.Claim) {
	slices.SortStableFunc(claims, func(a, b storage.Claim) int {
		switch {
		case a.Start != b.Start:
			return a.Start - b.Start
		case a.End != b.End:
			return b.End - a.End
		}
		for _, pair := range [][2]string{{a.Label, b.Label}, {a.Speaker, b.Speaker}, {a.Target, b.Target}, {a.Note, b.Note}} {
			if c := strings.Compare(pair[0], pair[1]); c != 0 {
				return c
			}
		}
		return a.Created.Compare(b.Created)
	})
}

// encode writes the layer file's bytes.
func (f layerFile) encode() ([]byte, error) {
	var buf bytes.Buffer
	// Grown once to about the file's size: a layer of 100,000 claims grew
	// its buffer by doubling through some 30 MB, a third of a first sync.
	buf.Grow(f.sizeEstimate())
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // quotes stay readable in a diff: <, > and & as they are
	if err := enc.Encode(layerRecord{Kind: "layer", Format: layerFormat, Annotator: f.Annotator, WrittenBy: f.WrittenBy}); err != nil {
		return nil, err
	}
	for _, a := range f.Articles {
		rec := layerRecord{Kind: "article", Article: a.Hash, Title: a.Title, Source: a.Source, Status: a.Status, Meta: a.Meta}
		if !a.Added.IsZero() {
			rec.Added = utc(a.Added)
		}
		if err := enc.Encode(rec); err != nil {
			return nil, fmt.Errorf("article %s: %w", a.Hash, err)
		}
		for _, c := range a.Claims {
			start, end := c.Start, c.End
			rec := layerRecord{Kind: "claim", Article: a.Hash, Start: &start, End: &end, Label: c.Label, Quote: c.Quote,
				Speaker: c.Speaker, Target: c.Target, Note: c.Note, Origin: c.Origin, Created: utc(c.Created), Updated: utc(c.Updated)}
			if err := enc.Encode(rec); err != nil {
				return nil, fmt.Errorf("claim %d of article %s: %w", c.ID, a.Hash, err)
			}
		}
	}
	return buf.Bytes(), nil
}

// sizeEstimate is about how many bytes encode writes: each record's
// texts and the fields' names and times around them.
func (f layerFile) sizeEstimate() int {
	const perArticle, perClaim = 200, 260
	n := 100
	for _, a := range f.Articles {
		n += perArticle + len(a.Title) + len(a.Source)
		for _, c := range a.Claims {
			n += perClaim + len(c.Label) + len(c.Quote) + len(c.Speaker) + len(c.Target) + len(c.Note)
		}
	}
	return n
}

func utc(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

// FileError is a problem in one line of a file of the team folder.
type FileError struct {
	File string // relative to the folder, with forward slashes
	Line int    // 1-based; 0 for the file as a whole
	Err  error
}

func (e *FileError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %v", e.File, e.Err)
	}
	return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
}

func (e *FileError) Unwrap() error { return e.Err }

var sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)

// maxLayerLine bounds one line of a layer file: an article's meta can be
// long, but not longer than an article.
const maxLayerLine = 64 << 20

// decodeLayer reads a layer file, checking every line; the first problem
// refuses the whole file, named by file and line, so a layer is never taken
// in part. The quotes are checked later, against the articles' texts.
func decodeLayer(name string, r io.Reader) (layerFile, error) {
	var (
		f     layerFile
		seen  = map[string]bool{}
		sc    = bufio.NewScanner(r)
		line  = 0
		wrong = func(format string, args ...any) error {
			return &FileError{File: name, Line: line, Err: fmt.Errorf(format, args...)}
		}
	)
	sc.Buffer(make([]byte, 0, 64<<10), maxLayerLine)
	for sc.Scan() {
		line++
		raw := bytes.TrimSpace(sc.Bytes())
		if len(raw) == 0 {
			continue
		}
		var rec layerRecord
		if err := json.Unmarshal(raw, &rec); err != nil {
			return layerFile{}, wrong("not a JSON object: %v", err)
		}
		if line == 1 || f.Annotator == "" {
			if rec.Kind != "layer" || rec.Annotator == "" {
				return layerFile{}, wrong(`the first line must be {"kind":"layer","format":%d,"annotator":NAME}`, layerFormat)
			}
			if rec.Format > layerFormat || rec.Format < 1 {
				return layerFile{}, wrong("layer format %d; this claimdesk reads up to %d: update claimdesk", rec.Format, layerFormat)
			}
			f.Annotator, f.WrittenBy = rec.Annotator, rec.WrittenBy
			continue
		}
		if !sha256Hex.MatchString(rec.Article) {
			return layerFile{}, wrong("%q is not an article's SHA-256 (64 lower-case hex digits)", rec.Article)
		}
		switch rec.Kind {
		case "article":
			if seen[rec.Article] {
				return layerFile{}, wrong("article %s is listed twice", rec.Article)
			}
			if rec.Status != "" && !rec.Status.Valid() {
				return layerFile{}, wrong("unknown status %q", rec.Status)
			}
			seen[rec.Article] = true
			a := layerArticle{Hash: rec.Article, Title: rec.Title, Source: rec.Source, Status: rec.Status, Meta: rec.Meta, Line: line}
			if rec.Added != nil {
				a.Added = *rec.Added
			}
			f.Articles = append(f.Articles, a)
		case "claim":
			c, err := claimOf(rec)
			if err != nil {
				return layerFile{}, wrong("%v", err)
			}
			last := len(f.Articles) - 1
			if last < 0 || f.Articles[last].Hash != rec.Article {
				return layerFile{}, wrong("a claim of article %s, which is not the article line above it", rec.Article)
			}
			f.Articles[last].Claims = append(f.Articles[last].Claims, c)
			f.Articles[last].ClaimLines = append(f.Articles[last].ClaimLines, line)
		default:
			return layerFile{}, wrong(`unknown kind %q (a line is "article" or "claim")`, rec.Kind)
		}
	}
	if err := sc.Err(); err != nil {
		return layerFile{}, &FileError{File: name, Line: line + 1, Err: err}
	}
	if f.Annotator == "" {
		return layerFile{}, &FileError{File: name, Err: fmt.Errorf("empty: no layer line")}
	}
	return f, nil
}

// claimOf checks a claim line's own fields; whether its span fits the text
// is checked against the text.
func claimOf(rec layerRecord) (storage.Claim, error) {
	switch {
	case rec.Start == nil || rec.End == nil:
		return storage.Claim{}, fmt.Errorf("a claim needs start and end")
	case *rec.Start < 0 || *rec.End <= *rec.Start:
		return storage.Claim{}, fmt.Errorf("span %d–%d: start must be at least 0 and before end", *rec.Start, *rec.End)
	case strings.TrimSpace(rec.Label) == "":
		return storage.Claim{}, fmt.Errorf("a claim needs a label")
	case rec.Origin != "" && !rec.Origin.Valid():
		return storage.Claim{}, fmt.Errorf("unknown origin %q", rec.Origin)
	}
	c := storage.Claim{Start: *rec.Start, End: *rec.End, Label: rec.Label, Quote: rec.Quote,
		Speaker: rec.Speaker, Target: rec.Target, Note: rec.Note, Origin: rec.Origin}
	if rec.Created != nil {
		c.Created = *rec.Created
	}
	if rec.Updated != nil {
		c.Updated = *rec.Updated
	}
	return c, nil
}
