package export

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"claimdesk/app/dataset"
	"claimdesk/storage"
)

// bratLineBreakRule is why brat may leave a claim out: its .ann files are
// line-oriented, and fragments between line breaks need some text.
const bratLineBreakRule = "brat cannot hold a claim made only of line breaks"

// writeBrat writes a .txt and .ann pair per article, plus annotation.conf
// and visual.conf, into the destination (or its train/dev/test folder, each
// with its own configuration, so a set can be copied alone).
func writeBrat(j *job, p part) error {
	dir := partDir(p)
	if err := writeBratConf(j, dir); err != nil {
		return err
	}
	used := make(map[string]bool, len(p.docs))
	return j.eachDoc(p, func(d Doc, _ *textIndex) error {
		stem := uniqueStem(used, docFileStem(d.Article.ID, d.Article.Title))
		err := j.writeFile(path.Join(dir, stem+".txt"), func(w *stagedFile) error {
			_, err := w.WriteString(d.Article.Text)
			return err
		})
		if err != nil {
			return err
		}
		return j.writeFile(path.Join(dir, stem+".ann"), func(w *stagedFile) error {
			_, err := w.WriteString(bratAnn(j, d.Claims))
			return err
		})
	})
}

// uniqueStem guards against equal stems, which only a hand-built Dataset
// with repeated article ids can produce.
func uniqueStem(used map[string]bool, stem string) string {
	name := stem
	for n := 2; used[name]; n++ {
		name = stem + "-" + strconv.Itoa(n)
	}
	used[name] = true
	return name
}

// bratAnn is the standoff of one article: a T line per claim and, when
// the claim has a speaker, target or note, an AnnotatorNotes line in the
// form Claimdesk's importer reads back.
func bratAnn(j *job, claims []storage.Claim) string {
	var b strings.Builder
	t, notes := 0, 0
	for _, c := range claims {
		frags := bratFragments(c)
		if len(frags) == 0 {
			j.omit(bratLineBreakRule)
			continue
		}
		t++
		spans := make([]string, len(frags))
		texts := make([]string, len(frags))
		for i, f := range frags {
			spans[i] = strconv.Itoa(f.start) + " " + strconv.Itoa(f.end)
			texts[i] = f.text
		}
		// brat joins the texts of fragments with one space.
		fmt.Fprintf(&b, "T%d\t%s %s\t%s\n", t, c.Label, strings.Join(spans, ";"), strings.Join(texts, " "))
		if note := bratNote(c); note != "" {
			notes++
			fmt.Fprintf(&b, "#%d\tAnnotatorNotes T%d\t%s\n", notes, t, note)
		}
		j.claims++
	}
	return b.String()
}

type fragment struct {
	start, end int // code points of the article text
	text       string
}

// bratFragments cuts a claim at its line breaks: brat draws a span inside
// one line, so a claim over several lines becomes fragments "s1 e1;s2 e2"
// that leave the breaks out. An importer that takes the first start and the
// last end gets the claim back; only line breaks at the very start or end
// of a claim are lost.
func bratFragments(c storage.Claim) []fragment {
	var frags []fragment
	pos, segStart, segByte := c.Start, c.Start, 0
	for i, r := range c.Quote {
		if r == '\n' {
			if pos > segStart {
				frags = append(frags, fragment{segStart, pos, c.Quote[segByte:i]})
			}
			segStart, segByte = pos+1, i+1
		}
		pos++
	}
	if pos > segStart {
		frags = append(frags, fragment{segStart, pos, c.Quote[segByte:]})
	}
	return frags
}

// bratNote writes speaker, target and note as one line,
// "speaker: S | target: T | note: N", leaving out empty parts. A line
// break or tab inside them would end the .ann line, so it becomes a space.
func bratNote(c storage.Claim) string {
	// The importer reads notes back with dataset.ParseBratNote; one writer
	// keeps the two sides of the convention from drifting apart.
	return dataset.BratNote(c.Speaker, c.Target, c.Note)
}
