package export

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strconv"
	"strings"

	"claimdesk/storage"
)

// Label Studio's names for the parts of the labeling configuration; the
// configuration Write puts beside the tasks declares exactly these.
const (
	lsLabels = "label"
	lsText   = "text"
)

// lsTask is one article as a Label Studio task with an annotation per
// annotator (layers.go). Its id
// is the article's id in the store, so it stays the same from one export to
// the next, whatever the filter or split; label-studio-converter needs one
// on every task (it reads task['id']), Label Studio itself keeps its own.
type lsTask struct {
	ID          uint64         `json:"id"`
	Data        lsData         `json:"data"`
	Annotations []lsAnnotation `json:"annotations"`
}

type lsData struct {
	Text      string `json:"text"`
	Title     string `json:"title"`
	Source    string `json:"source,omitempty"`
	Status    string `json:"status,omitempty"`
	ArticleID uint64 `json:"article_id"`
}

// lsAnnotation is one annotator's claims on the article. CompletedBy names
// the annotator the way Label Studio's import matches an annotation to one
// of its users, by e-mail ({"email": NAME}); the analyst with no name
// gets none, and Label Studio gives the annotation to whoever imports it.
// Claimdesk's importer reads the e-mail back as the annotator.
type lsAnnotation struct {
	CompletedBy *lsUser    `json:"completed_by,omitempty"`
	Result      []lsResult `json:"result"`
}

type lsUser struct {
	Email string `json:"email"`
}

// lsResult is one region (type "labels") or one per-region text field
// (type "textarea"). A text field carries its region's id and offsets,
// which is how Label Studio ties per-region TextArea values to a region.
type lsResult struct {
	ID       string  `json:"id"`
	FromName string  `json:"from_name"`
	ToName   string  `json:"to_name"`
	Type     string  `json:"type"`
	Value    lsValue `json:"value"`
}

// lsValue is a region's value: Text is the quote for a region, and a list
// of one string for a text field, as Label Studio writes them.
type lsValue struct {
	Start  int      `json:"start"`
	End    int      `json:"end"`
	Text   any      `json:"text"`
	Labels []string `json:"labels,omitempty"`
}

// lsFields are the per-region text fields, in the order the labeling
// configuration shows them. The annotator is not one: in Label Studio the
// annotator is whoever completed an annotation (completed_by), and
// Claimdesk's importer reads only these three fields of a region.
var lsFields = []struct {
	name, title string
	get         func(storage.Claim) string
}{
	{"speaker", "Speaker", func(c storage.Claim) string { return c.Speaker }},
	{"target", "Target", func(c storage.Claim) string { return c.Target }},
	{"note", "Note", func(c storage.Claim) string { return c.Note }},
}

// writeLabelStudio writes a JSON array of tasks, one article at a time, so
// a large export never holds the whole array in memory.
func writeLabelStudio(j *job, p part) error {
	return j.writeFile(j.partFile(p), func(w *stagedFile) error {
		if _, err := w.WriteString("["); err != nil {
			return err
		}
		first := true
		err := j.eachDoc(p, func(d Doc, _ *textIndex) error {
			b, err := json.Marshal(labelStudioTask(d))
			if err != nil {
				return err
			}
			sep := ",\n"
			if first {
				sep, first = "\n", false
			}
			w.WriteString(sep)
			_, err = w.Write(b)
			j.claims += len(d.Claims)
			return err
		})
		if err != nil {
			return err
		}
		_, err = w.WriteString("\n]\n")
		return err
	})
}

func labelStudioTask(d Doc) lsTask {
	a := d.Article
	task := lsTask{
		ID:   a.ID,
		Data: lsData{Text: a.Text, Title: a.Title, Source: a.Source, Status: string(a.Status), ArticleID: a.ID},
	}
	n := 0 // claims numbered across the task, for the ids of claims not stored
	for _, layer := range layersOf(d.Claims) {
		ann := lsAnnotation{Result: []lsResult{}}
		if layer.annotator != "" {
			ann.CompletedBy = &lsUser{Email: layer.annotator}
		}
		for _, c := range layer.claims {
			n++
			ann.Result = append(ann.Result, lsRegion(c, n)...)
		}
		task.Annotations = append(task.Annotations, ann)
	}
	if len(task.Annotations) == 0 {
		// An article without claims still gets an (empty) annotation: it
		// was labeled and holds none, the negative example Collect keeps.
		task.Annotations = []lsAnnotation{{Result: []lsResult{}}}
	}
	return task
}

// lsRegion is one claim as its labels region and its text fields; n
// numbers a claim that has no id in the store.
func lsRegion(c storage.Claim, n int) []lsResult {
	id := "c" + strconv.FormatUint(c.ID, 10)
	if c.ID == 0 {
		id = "n" + strconv.Itoa(n)
	}
	out := []lsResult{{ID: id, FromName: lsLabels, ToName: lsText, Type: "labels",
		Value: lsValue{Start: c.Start, End: c.End, Text: c.Quote, Labels: []string{c.Label}}}}
	for _, f := range lsFields {
		if v := f.get(c); v != "" {
			out = append(out, lsResult{ID: id, FromName: f.name, ToName: lsText, Type: "textarea",
				Value: lsValue{Start: c.Start, End: c.End, Text: []string{v}}})
		}
	}
	return out
}

// writeLabelStudioConfig writes the labeling configuration the tasks need,
// so a Label Studio project created with it imports them as they are: the
// "label" Labels with every label's colour over the "text" Text, and one
// per-region TextArea for each of speaker, target and note.
// Beside a single tasks file it is named after it; a split export has one
// for all three sets.
func writeLabelStudioConfig(j *job, split bool) error {
	name := "labeling-config.xml"
	if !split {
		name = stemOf(j.base) + ".labeling-config.xml"
	}
	return j.writeFile(name, func(w *stagedFile) error {
		_, err := w.Write(labelStudioConfig(j))
		return err
	})
}

func labelStudioConfig(j *job) []byte {
	var b bytes.Buffer
	b.WriteString("<View>\n")
	// Without pre-wrap Label Studio collapses line breaks on screen; the
	// offsets count them either way.
	b.WriteString("  <Style>.htx-text{ white-space: pre-wrap; }</Style>\n")
	b.WriteString("  <Header value=\"$title\"/>\n")
	b.WriteString("  <Labels name=\"" + lsLabels + "\" toName=\"" + lsText + "\">\n")
	for _, l := range j.labels {
		b.WriteString("    <Label value=\"" + xmlAttr(l.Name) + "\" background=\"" + xmlAttr(l.Colour) + "\"/>\n")
	}
	b.WriteString("  </Labels>\n")
	b.WriteString("  <Text name=\"" + lsText + "\" value=\"$text\"/>\n")
	for _, f := range lsFields {
		b.WriteString("  <TextArea name=\"" + f.name + "\" toName=\"" + lsText +
			"\" perRegion=\"true\" editable=\"true\" maxSubmissions=\"1\" placeholder=\"" + f.title + "\"/>\n")
	}
	b.WriteString("</View>\n")
	return b.Bytes()
}

func xmlAttr(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s)) // writing to a Buffer cannot fail
	return b.String()
}

// stemOf is a file name without its extension.
func stemOf(name string) string {
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		return name[:i]
	}
	return name
}
