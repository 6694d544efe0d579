package export

import (
	"encoding/csv"
	"strconv"
	"time"
)

var csvHeader = []string{"article_id", "title", "start", "end", "label", "quote",
	"speaker", "target", "note", "annotator", "created"}

// writeCSV writes a row per claim (RFC 4180 quoting by encoding/csv).
//
// The file starts with a UTF-8 byte-order mark: without it Excel reads the
// file in the system's legacy code page and garbles Arabic, CJK and emoji.
// Python reads it with encoding="utf-8-sig", pandas with the same option.
//
// Rows end in LF, not the CRLF of RFC 4180: encoding/csv's UseCRLF also
// turns a line break inside a quoted field into CRLF (and drops a lone CR),
// which would make the quote differ from text[start:end]. Every CSV reader
// in use accepts LF.
//
// Cells are written exactly as the data holds them. A quote or note that
// begins with = + - or @ is not defused with a leading apostrophe (the
// usual guard against formula injection), because that would break
// quote == text[start:end]; open exports from untrusted sources in a
// spreadsheet with care, or import them as text.
func writeCSV(j *job, p part) error {
	return j.writeFile(j.partFile(p), func(w *stagedFile) error {
		if _, err := w.WriteString("\uFEFF"); err != nil {
			return err
		}
		cw := csv.NewWriter(w)
		if err := cw.Write(csvHeader); err != nil {
			return err
		}
		row := make([]string, len(csvHeader))
		err := j.eachDoc(p, func(d Doc, _ *textIndex) error {
			a := d.Article
			for _, c := range d.Claims {
				row[0], row[1] = strconv.FormatUint(a.ID, 10), a.Title
				row[2], row[3] = strconv.Itoa(c.Start), strconv.Itoa(c.End)
				row[4], row[5] = c.Label, c.Quote
				row[6], row[7], row[8], row[9] = c.Speaker, c.Target, c.Note, c.Annotator
				row[10] = rfc3339(c.Created)
				if err := cw.Write(row); err != nil {
					return err
				}
				j.claims++
			}
			return nil
		})
		if err != nil {
			return err
		}
		cw.Flush()
		return cw.Error()
	})
}

// rfc3339 writes a time in UTC, or nothing for an unknown time.
func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
