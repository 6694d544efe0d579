package export

import (
	"bytes"
	"encoding/xml"
)

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
