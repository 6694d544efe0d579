package export

import (
	"bytes"
	"encoding/csv"
	"io"
	"strconv"
	"time"
)

var csvHeader = []string{"article_id", "title", "start", "end", "label", "quote",
	"speaker", "target", "note", "annotator", "created"}

// writeCSV writes a row per claim, RFC 4180: fields quoted when they need
// it, rows ended by CRLF.
//
// The file starts with a UTF-8 byte-order mark: without it Excel reads the
// file in the system's legacy code page and garbles Arabic, CJK and emoji.
// Python reads it with encoding="utf-8-sig", pandas with the same option.
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
		rows := newCSVRows(w)
		if err := rows.write(csvHeader); err != nil {
			return err
		}
		row := make([]string, len(csvHeader))
		return j.eachDoc(p, func(d Doc, _ *textIndex) error {
			a := d.Article
			for _, c := range d.Claims {
				row[0], row[1] = strconv.FormatUint(a.ID, 10), a.Title
				row[2], row[3] = strconv.Itoa(c.Start), strconv.Itoa(c.End)
				row[4], row[5] = c.Label, c.Quote
				row[6], row[7], row[8], row[9] = c.Speaker, c.Target, c.Note, c.Annotator
				row[10] = rfc3339(c.Created)
				if err := rows.write(row); err != nil {
					return err
				}
				j.claims++
			}
			return nil
		})
	})
}

// csvRows ends every row in CRLF but leaves a line break inside a quoted
// field as the data holds it. encoding/csv's UseCRLF cannot do that: it
// turns a line break inside a field into CRLF too (and drops a lone CR),
// and a quote over a paragraph break would no longer be text[start:end].
// So encoding/csv quotes each row with LF, and only the row's last LF,
// which is always outside quotes, becomes CRLF.
type csvRows struct {
	out io.Writer
	buf bytes.Buffer
	enc *csv.Writer
}

func newCSVRows(out io.Writer) *csvRows {
	r := &csvRows{out: out}
	r.enc = csv.NewWriter(&r.buf)
	return r
}

func (r *csvRows) write(row []string) error {
	r.buf.Reset()
	if err := r.enc.Write(row); err != nil {
		return err
	}
	r.enc.Flush()
	if err := r.enc.Error(); err != nil {
		return err
	}
	line := r.buf.Bytes()
	if _, err := r.out.Write(line[:len(line)-1]); err != nil {
		return err
	}
	_, err := io.WriteString(r.out, "\r\n")
	return err
}

// rfc3339 writes a time in UTC, or nothing for an unknown time.
func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
