package export

import (
	"encoding/json"
	"io"

	"claimdesk/app/dataset"
	"claimdesk/storage"
)

// claimJSON is a claim as doccano's meta.claims and the spans format carry
// it: offsets, label, and who said what about whom when known.
type claimJSON struct {
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Label     string `json:"label"`
	Speaker   string `json:"speaker,omitempty"`
	Target    string `json:"target,omitempty"`
	Note      string `json:"note,omitempty"`
	Annotator string `json:"annotator,omitempty"`
}

func claimsJSON(claims []storage.Claim) []claimJSON {
	out := make([]claimJSON, len(claims))
	for i, c := range claims {
		out[i] = claimJSON{Start: c.Start, End: c.End, Label: c.Label,
			Speaker: c.Speaker, Target: c.Target, Note: c.Note, Annotator: c.Annotator}
	}
	return out
}

// articleMeta is an article's meta object in JSON exports: the article's
// own meta exactly as its file gave it, and Claimdesk's fields apart under
// dataset.ClaimdeskMetaKey. Claimdesk's fields are also written at the top
// of meta where the article's meta does not use the name, for readers that
// look for meta.title and meta.status there; the article's own value
// always wins that place, so nothing of it is overwritten.
func articleMeta(a storage.Article) map[string]any {
	own := dataset.ClaimdeskMeta{ArticleID: a.ID, Title: a.Title, Status: string(a.Status), Source: a.Source}
	m := make(map[string]any, len(a.Meta)+5)
	for k, v := range own.Fields() {
		m[k] = v
	}
	for k, v := range a.Meta {
		m[k] = v
	}
	m[dataset.ClaimdeskMetaKey] = own
	return m
}

// newJSONL encodes one value a line. HTML characters stay as they are:
// datasets are read by programs and people, not pasted into web pages.
func newJSONL(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}

// doccanoLine is one article in doccano's sequence-labeling JSONL. doccano
// itself reads id, text and label; meta.claims keeps speaker, target, note
// and annotator so Claimdesk's import restores them.
type doccanoLine struct {
	ID    uint64         `json:"id"`
	Text  string         `json:"text"`
	Label [][3]any       `json:"label"`
	Meta  map[string]any `json:"meta"`
}

// writeDoccano writes one article a line. With UTF-16 offsets both the
// label triples and meta.claims count UTF-16 code units: the triples are
// what doccano shows, and Claimdesk's import pairs each triple with its
// meta.claims entry by their offsets.
func writeDoccano(j *job, p part) error {
	utf16 := j.opts.Offsets == OffsetsUTF16
	return j.writeFile(j.partFile(p), func(w *stagedFile) error {
		enc := newJSONL(w)
		return j.eachDoc(p, func(d Doc, ix *textIndex) error {
			claims := claimsJSON(d.Claims)
			meta := articleMeta(d.Article)
			delete(meta, dataset.OffsetsMetaKey)
			if utf16 {
				meta[dataset.OffsetsMetaKey] = OffsetsUTF16
				for i := range claims {
					claims[i].Start, claims[i].End = ix.utf16At(claims[i].Start), ix.utf16At(claims[i].End)
				}
			}
			line := doccanoLine{ID: d.Article.ID, Text: d.Article.Text, Label: make([][3]any, len(claims)), Meta: meta}
			for i, c := range claims {
				line.Label[i] = [3]any{c.Start, c.End, c.Label}
			}
			line.Meta["claims"] = claims
			j.claims += len(d.Claims)
			return enc.Encode(line)
		})
	})
}

// spansLine is one article as Prodigy and spaCy write span annotations,
// also what Hugging Face's load_dataset("json") reads.
type spansLine struct {
	Text  string         `json:"text"`
	Spans []claimJSON    `json:"spans"`
	Meta  map[string]any `json:"meta"`
}

func writeSpans(j *job, p part) error {
	return j.writeFile(j.partFile(p), func(w *stagedFile) error {
		enc := newJSONL(w)
		return j.eachDoc(p, func(d Doc, _ *textIndex) error {
			j.claims += len(d.Claims)
			return enc.Encode(spansLine{Text: d.Article.Text, Spans: claimsJSON(d.Claims), Meta: articleMeta(d.Article)})
		})
	})
}
