package dataset

import (
	"regexp"
	"strings"
)

func joinNote(have, add string) string {
	switch add = strings.TrimSpace(add); {
	case add == "" || have == add:
		return have
	case have == "":
		return add
	}
	return have + "; " + add
}

// claimNoteKey finds the parts of a claim note: at the start, or after a
// "|" (or ";") separator, a speaker:, target: or note: key.
var claimNoteKey = regexp.MustCompile(`(?i)(?:^|\s*[|;]\s*)(speaker|target|note)\s*:\s*`)

// oneLine turns what a .ann line cannot hold (IsBratLineBreak, and the tab
// that separates its columns) into spaces, a CRLF into one; other spacing
// is kept as typed.
func oneLine(s string) string {
	s = strings.ReplaceAll(s, "\r\n", " ")
	return strings.Map(func(r rune) rune {
		if r == '\t' || IsBratLineBreak(r) {
			return ' '
		}
		return r
	}, s)
}

// BratNote writes a claim's speaker, target and note as the AnnotatorNotes
// text of Claimdesk's brat files:
//
//	speaker: <s> | target: <t> | note: <n>
//
// with empty parts left out, and "" when all are empty (write no note line
// then). Line breaks (IsBratLineBreak) and tabs become spaces, as a .ann
// line cannot hold them.
// ParseBratNote reads it back.
func BratNote(speaker, target, note string) string {
	var parts []string
	for _, kv := range [...][2]string{{"speaker", speaker}, {"target", target}, {"note", note}} {
		if v := strings.TrimSpace(oneLine(kv[1])); v != "" {
			parts = append(parts, kv[0]+": "+v)
		}
	}
	return strings.Join(parts, " | ")
}

// ParseBratNote reads a claim note written by BratNote. The note comes
// last and runs to the end, so it may hold "|" itself; "; " is accepted
// between parts as well. Text of any other form is a plain note.
func ParseBratNote(text string) (speaker, target, note string) {
	keys := claimNoteKey.FindAllStringSubmatchIndex(text, -1)
	if len(keys) == 0 || keys[0][0] != 0 {
		return "", "", strings.TrimSpace(text)
	}
	for i, k := range keys {
		key := strings.ToLower(text[k[2]:k[3]])
		end := len(text)
		if i+1 < len(keys) && key != "note" {
			end = keys[i+1][0]
		}
		value := strings.TrimSpace(text[k[1]:end])
		switch key {
		case "speaker":
			speaker = joinNote(speaker, value)
		case "target":
			target = joinNote(target, value)
		case "note":
			return speaker, target, value
		}
	}
	return speaker, target, note
}
