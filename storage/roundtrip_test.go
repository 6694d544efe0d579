package storage

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"claimdesk/app/testkit"
)

func arabicLine(t *testing.T, text string) string {
	t.Helper()
	for line := range strings.SplitSeq(text, "\n") {
		if strings.IndexFunc(line, func(r rune) bool { return unicode.Is(unicode.Arabic, r) }) >= 0 {
			return line
		}
	}
	t.Fatal("the seed article has no Arabic line")
	return ""
}

// TestRoundTripPython stores claims on the seed article's Arabic line and on
// emoji, reopens the file, and has Python check text[start:end] == quote on
// a JSON dump: the offsets mean what Python means by them.
func TestRoundTripPython(t *testing.T) {
	path := filepath.Join(t.TempDir(), "claimdesk.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	seed := mustAddArticle(t, s, seedText(t))
	line := arabicLine(t, seed.Text)
	words := strings.Fields(line)
	mustAddClaim(t, s, seed, line, "accusation")
	mustAddClaim(t, s, seed, words[0], "denial")
	mustAddClaim(t, s, seed, words[len(words)-2], "praise") // the last Arabic word, before the Latin tail
	mustAddClaim(t, s, seed, "Kremlin on Wednesday denied", "denial")
	emoji := mustAddArticle(t, s, "Fans: "+emojiText+" "+combiningTxt+" "+cjkText)
	for _, q := range []string{"👍🏽", "👨‍👩‍👧", "🇺🇦", "e\u0301", cjkText, "🏽 👨"} {
		mustAddClaim(t, s, emoji, q, "praise")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = openCheckedStore(t, path)
	type dumpArticle struct {
		Text   string  `json:"text"`
		Claims []Claim `json:"claims"`
	}
	var dump []dumpArticle
	for _, art := range []Article{seed, emoji} {
		stored, err := s.Article(art.ID)
		if err != nil {
			t.Fatal(err)
		}
		claims, err := s.Claims(art.ID)
		if err != nil {
			t.Fatal(err)
		}
		dump = append(dump, dumpArticle{stored.Text, claims})
	}
	if len(dump[0].Claims) != 4 || len(dump[1].Claims) != 6 {
		t.Fatalf("after reopening: %d and %d claims, want 4 and 6", len(dump[0].Claims), len(dump[1].Claims))
	}
	raw, err := json.Marshal(dump)
	if err != nil {
		t.Fatal(err)
	}
	dumpPath := filepath.Join(t.TempDir(), "dump.json")
	if err := os.WriteFile(dumpPath, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	python := testkit.Python(t) // the Go side of the round trip has passed by now
	const check = `
import json, sys
n = 0
for art in json.load(open(sys.argv[1], encoding="utf-8")):
    text = art["text"]
    for c in art["claims"]:
        got = text[c["start"]:c["end"]]
        if got != c["quote"]:
            sys.exit("claim %d: text[%d:%d] = %r, quote %r" % (c["id"], c["start"], c["end"], got, c["quote"]))
        n += 1
print(n)
`
	out, err := exec.Command(python, "-c", check, dumpPath).CombinedOutput()
	if err != nil {
		t.Fatalf("python3: %v\n%s", err, out)
	}
	if strings.TrimSpace(string(out)) != "10" {
		t.Errorf("python3 checked %s claims, want 10", out)
	}
}
