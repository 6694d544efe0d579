package export

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"claimdesk/storage"
)

// A long article is tagged a stretch at a time (conllChunks); the file
// must be the one tagging the whole text at once gives: the same tokens,
// tags and sentence breaks, with claims that cross line breaks kept whole.
func TestCoNLLInStretchesEqualsWholeText(t *testing.T) {
	var text strings.Builder
	var claims []storage.Claim
	pos := 0
	for p := 0; text.Len() < 3*conllChunkRunes; p++ {
		para := fmt.Sprintf("Mr. Smith said the plan %d was \"absurd\". Officials denied it.", p)
		if p%4 != 0 { // a claim from here runs over the line break into the next paragraph
			claims = append(claims, storage.Claim{ID: uint64(len(claims) + 1), Start: pos + 42, End: pos + storage.RuneLen(para) + 10, Label: "denial"})
		} else {
			claims = append(claims, storage.Claim{ID: uint64(len(claims) + 1), Start: pos + 10, End: pos + 32, Label: "accusation"})
		}
		text.WriteString(para + "\n")
		pos += storage.RuneLen(para) + 1
	}
	article := storage.Article{ID: 1, Title: "Long", Text: text.String()}
	if last := claims[len(claims)-1]; last.End > pos { // it runs into a paragraph there is not
		claims = claims[:len(claims)-1]
	}
	for i := range claims {
		claims[i].ArticleID = 1
		claims[i].Quote, _ = storage.Slice(article.Text, claims[i].Start, claims[i].End)
	}
	if chunks := conllChunks(article.Text, claims); len(chunks) < 3 {
		t.Fatalf("the test article makes %d stretches; it must make several", len(chunks))
	}
	d := Dataset{Docs: []Doc{{Article: article, Claims: claims}}, Labels: storage.DefaultLabels()}
	dest := filepath.Join(t.TempDir(), "out.conll")
	if _, err := Write(context.Background(), d, dest, Options{Format: "conll"}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(dest)
	if err != nil {
		t.Fatal(err)
	}
	if want := wholeTextCoNLL(article.Text, claims); string(got) != want {
		gotLines, wantLines := strings.Split(string(got), "\n"), strings.Split(want, "\n")
		for i := range min(len(gotLines), len(wantLines)) {
			if gotLines[i] != wantLines[i] {
				t.Fatalf("line %d: %q, tagging the whole text gives %q", i+1, gotLines[i], wantLines[i])
			}
		}
		t.Fatalf("%d lines, tagging the whole text gives %d", len(gotLines), len(wantLines))
	}
}

// wholeTextCoNLL is the CoNLL-2003 file of one article tagged as a whole.
func wholeTextCoNLL(text string, claims []storage.Claim) string {
	j := &job{omitted: map[string]int{}}
	runes := []rune(text)
	toks := tokenize(runes)
	tags := bioTags(j, toks, claims)
	breaks := sentenceBreaks(sentences(runes), toks, tags)
	var b strings.Builder
	b.WriteString("-DOCSTART- -X- O O\n\n")
	for t, tok := range toks {
		if breaks[t] {
			b.WriteByte('\n')
		}
		b.WriteString(string(runes[tok.start:tok.end]) + " -X- O " + tags[t] + "\n")
	}
	b.WriteByte('\n')
	return b.String()
}
