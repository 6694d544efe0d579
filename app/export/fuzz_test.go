package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"claimdesk/app/dataset"
	"claimdesk/storage"
)

// FuzzWrite exports one article with one claim anywhere in it, in every
// format, and reads each file back: every span must give back the quote,
// and no text may break the line structure of brat, CoNLL or CSV.
func FuzzWrite(f *testing.F) {
	f.Add("Peskov denied it.\nObama said so.", 0, 17)
	f.Add("e\u0301 👨\u200d👩\u200d👧 東京。\n\n\"x\" =1", 2, 9)
	f.Add("a\tb\u2028c\r\nd,\"e\"", 0, 9)
	f.Add("x\u0085y\x1cz\u2029w", 0, 7)
	f.Add("\n\n\n", 1, 2)
	f.Add("إقرأ هذا الخبر بالعربية W460", 0, 23)
	f.Fuzz(func(t *testing.T, raw string, start, length int) {
		text, _ := storage.Normalize(raw)
		n := storage.RuneLen(text)
		if n == 0 || start < 0 || length <= 0 || start >= n {
			return
		}
		end := min(start+length, n)
		quote, _ := storage.Slice(text, start, end)
		c := storage.Claim{ID: 1, Start: start, End: end, Quote: quote, Label: "denial", Speaker: quote, Note: quote}
		d := Dataset{Labels: storage.DefaultLabels(), Docs: []Doc{{
			Article: storage.Article{ID: 1, Title: raw, Text: text, Status: storage.StatusDone},
			Claims:  []storage.Claim{c},
		}}}
		for _, opts := range everyVariant() {
			dir, res := exportTo(t, d, opts)
			if res.Claims+res.Omitted != 1 {
				t.Fatalf("%+v: %+v", opts, res)
			}
			checkReadBack(t, opts, dir, d.Docs[0])
		}
	})
}

// everyVariant is every format with its default options, and each option
// that changes what a format writes.
func everyVariant() []Options {
	var out []Options
	for _, f := range Formats() {
		out = append(out, Options{Format: f.Name})
	}
	return append(out, Options{Format: "doccano", Offsets: OffsetsUTF16}, Options{Format: "conll", CoNLL: CoNLLTSV})
}

func checkReadBack(t *testing.T, opts Options, dir string, doc Doc) {
	t.Helper()
	format := opts.Format
	text, c := doc.Article.Text, doc.Claims[0]
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	runes := []rune(text)
	sliceIs := func(what string, s []rune, start, end int) {
		if start < 0 || end > len(s) || start > end || string(s[start:end]) != c.Quote {
			t.Fatalf("%s: %s[%d:%d] is not the quote %q", format, what, start, end, c.Quote)
		}
	}
	switch format {
	case "doccano":
		var line doccanoLine
		if err := json.Unmarshal([]byte(read("data.jsonl")), &line); err != nil || len(line.Label) != 1 {
			t.Fatalf("doccano: %v %+v", err, line)
		}
		start, _ := line.Label[0][0].(float64)
		end, _ := line.Label[0][1].(float64)
		if opts.Offsets == OffsetsUTF16 {
			units := utf16.Encode([]rune(line.Text))
			if start < 0 || int(end) > len(units) || start > end || string(utf16.Decode(units[int(start):int(end)])) != c.Quote {
				t.Fatalf("doccano: UTF-16 units %v-%v are not the quote %q", start, end, c.Quote)
			}
			return
		}
		sliceIs("text", []rune(line.Text), int(start), int(end))
	case "spans":
		var line spansLine
		if err := json.Unmarshal([]byte(read("data.jsonl")), &line); err != nil || len(line.Spans) != 1 {
			t.Fatalf("spans: %v %+v", err, line)
		}
		sliceIs("text", []rune(line.Text), line.Spans[0].Start, line.Spans[0].End)
	case "claims":
		var row claimRow
		if err := json.Unmarshal([]byte(read("data.jsonl")), &row); err != nil {
			t.Fatal(err)
		}
		sliceIs("text", runes, row.Start, row.End)
		sliceIs("sentence", []rune(row.Sentence), row.StartInSentence, row.EndInSentence)
		sliceIs("context", []rune(row.Context), row.StartInContext, row.EndInContext)
	case "csv":
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(read("data.csv"), "\uFEFF"))).ReadAll()
		if err != nil || len(rows) != 2 {
			t.Fatalf("csv: %v, %d rows", err, len(rows))
		}
		start, _ := strconv.Atoi(rows[1][2])
		end, _ := strconv.Atoi(rows[1][3])
		if rows[1][5] != c.Quote {
			t.Fatalf("csv: quote cell %q, want %q", rows[1][5], c.Quote)
		}
		sliceIs("text", runes, start, end)
	case "labelstudio":
		var tasks []lsTask
		if err := json.Unmarshal([]byte(read("data.json")), &tasks); err != nil || len(tasks) != 1 || len(tasks[0].Annotations) != 1 || len(tasks[0].Annotations[0].Result) == 0 {
			t.Fatalf("labelstudio: %v %+v", err, tasks)
		}
		region := tasks[0].Annotations[0].Result[0]
		if region.Type != "labels" || region.Value.Text != c.Quote {
			t.Fatalf("labelstudio: first result %+v, want the region of quote %q", region, c.Quote)
		}
		sliceIs("text", []rune(tasks[0].Data.Text), region.Value.Start, region.Value.End)
	case "conll":
		checkCoNLLLines(t, read("data.conll"), opts.CoNLL)
	case "brat":
		checkAnnLines(t, read(docFileStem(doc.Article.ID, doc.Article.Title)+".ann"), runes)
	}
}

// checkCoNLLLines checks the line shape every reader relies on: each
// line is the layout's document line, blank, or a token without white
// space and a BIO tag in the layout's columns.
func checkCoNLLLines(t *testing.T, data, layout string) {
	t.Helper()
	sep, columns, docStart := " ", 4, "-DOCSTART- -X- O O"
	if layout == CoNLLTSV {
		sep, columns, docStart = "\t", 2, "-DOCSTART-\tO"
	}
	sc := bufio.NewScanner(strings.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line == docStart {
			continue
		}
		fields := strings.Split(line, sep)
		token, tag := fields[0], fields[len(fields)-1]
		if len(fields) != columns || token == "" || strings.ContainsFunc(token, isColumnSpace) ||
			(columns == 4 && (fields[1] != "-X-" || fields[2] != "O")) ||
			(tag != "O" && !strings.HasPrefix(tag, "B-") && !strings.HasPrefix(tag, "I-")) {
			t.Fatalf("conll %s: bad line %q", layout, line)
		}
	}
}

func checkAnnLines(t *testing.T, ann string, runes []rune) {
	t.Helper()
	for _, line := range strings.Split(strings.TrimSuffix(ann, "\n"), "\n") {
		if line == "" {
			continue
		}
		if strings.ContainsFunc(line, dataset.IsBratLineBreak) {
			t.Fatalf("brat: %q holds a character brat ends a line at", line)
		}
		fields := strings.SplitN(line, "\t", 3)
		if len(fields) != 3 {
			t.Fatalf("brat: bad line %q", line)
		}
		if !strings.HasPrefix(fields[0], "T") {
			continue
		}
		_, offsets, _ := strings.Cut(fields[1], " ")
		var texts []string
		for _, frag := range strings.Split(offsets, ";") {
			var s, e int
			if _, err := fmt.Sscan(frag, &s, &e); err != nil || s < 0 || e > len(runes) || s >= e {
				t.Fatalf("brat: bad fragment %q in %q", frag, line)
			}
			texts = append(texts, string(runes[s:e]))
		}
		if strings.Join(texts, " ") != fields[2] {
			t.Fatalf("brat: fragments give %q, the line says %q", strings.Join(texts, " "), fields[2])
		}
	}
}
