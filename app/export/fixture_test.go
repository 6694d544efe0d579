package export

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"claimdesk/storage"
)

// fixedTime keeps golden files stable.
var fixedTime = time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)

// claimOn builds a claim on the first occurrence of quote in text, with
// offsets computed the way the store counts them.
func claimOn(t testing.TB, id uint64, text, quote, label string) storage.Claim {
	t.Helper()
	i := strings.Index(text, quote)
	if i < 0 {
		t.Fatalf("fixture: %q not in text", quote)
	}
	start := storage.RuneOffset(text, i)
	return storage.Claim{ID: id, Start: start, End: start + storage.RuneLen(quote), Quote: quote,
		Label: label, Origin: storage.OriginManual, Created: fixedTime.Add(time.Duration(id) * time.Minute)}
}

func with(c storage.Claim, speaker, target, note, annotator string) storage.Claim {
	c.Speaker, c.Target, c.Note, c.Annotator = speaker, target, note, annotator
	return c
}

// Texts of the fixture beside the seed article: emoji (with skin tone, a
// ZWJ family and a flag), CJK, decomposed combining marks; a title no file
// system would take; and cells a spreadsheet would read as formulas.
const (
	scriptsText = "Zoe\u0308 said: \"The plan is 👍🏽 and 👨\u200d👩\u200d👧 approve.\" Officials in 東京 denied it.\n" +
		"克里姆林宫否认干预美国大选。\n" +
		"Cafe\u0301 owners accuse 🇺🇦 critics of lying; nai\u0308ve, they say."
	emptyText   = "Nothing to see here. No claims at all.\n"
	formulaText = "=SUM(A1) is what \"they\" said, with a comma,\tand a tab.\n+1 more -2 less @all."
)

// fixture is a small dataset covering every case the formats must carry.
func fixture(t testing.TB) Dataset {
	t.Helper()
	raw, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	seed, _ := storage.Normalize(string(raw))
	article := func(id uint64, title, text string, status storage.Status) storage.Article {
		return storage.Article{ID: id, Title: title, Text: text, SHA256: storage.HashText(text),
			Added: fixedTime, Status: status, Source: "fixture"}
	}
	a1 := article(1, storage.TitleFromText(seed), seed, storage.StatusDone)
	a1.Source = "seeds/000_f91aa925e747fcb2.txt"
	a1.Meta = storage.Meta{"lang": storage.MetaString("en"), "words": json.RawMessage(`412`), "title": storage.MetaString("the file's own title, kept beside Claimdesk's")}
	a2 := article(2, "Emoji, CJK and combining marks", scriptsText, storage.StatusDone)
	a3 := article(3, `../../etc/passwd: "CON" <b>`, emptyText, storage.StatusNew)
	a4 := article(4, "Formulas, commas and tabs", formulaText, storage.StatusInProgress)
	return Dataset{
		Labels: storage.DefaultLabels(),
		Docs: []Doc{
			{Article: a1, Claims: sorted(
				with(claimOn(t, 1, seed, "إقرأ هذا الخبر بالعربية", "praise"), "", "", "the Arabic line", "ana"),
				with(claimOn(t, 2, seed, "Russia has never interfered and does not interfere in internal affairs", "denial"),
					"Dmitry Peskov", "United States", "", "ana"),
				with(claimOn(t, 3, seed, "has never interfered", "denial"), "Vladimir Putin", "", "nested in claim 2", "ben"),
				with(claimOn(t, 4, seed, "Moscow has carefully avoided any actions, any words that could be interpreted as direct or indirect influence on the electoral process.\"\n\nThe Kremlin had already shrugged off accusations", "denial"),
					"Dmitry Peskov", "", "crosses a paragraph break", "ana"),
				with(claimOn(t, 5, seed, "a very striking man, unquestionably talented", "praise"), "Vladimir Putin", "Donald Trump", "", "ana"),
				with(claimOn(t, 6, seed, "strong leader, a powerful leader", "praise"), "Donald Trump", "Vladimir Putin", "", "ben"),
			)},
			{Article: a2, Claims: sorted(
				with(claimOn(t, 7, scriptsText, "The plan is 👍🏽 and 👨\u200d👩\u200d👧 approve.", "praise"), "Zoe\u0308", "", "", "ana"),
				with(claimOn(t, 8, scriptsText, "克里姆林宫否认干预美国大选", "denial"), "克里姆林宫", "美国", "CJK", "ana"),
				with(claimOn(t, 9, scriptsText, "Cafe\u0301 owners accuse 🇺🇦 critics", "accusation"), "Cafe\u0301 owners", "🇺🇦 critics", "", ""),
				with(claimOn(t, 10, scriptsText, "東京 denied it.\n克里姆林宫", "denial"), "", "", "", "ben"),
			)},
			{Article: a3},
			{Article: a4, Claims: sorted(
				with(claimOn(t, 11, formulaText, "=SUM(A1) is what \"they\" said, with a comma,\tand a tab", "accusation"),
					"@someone", "+target", "-note | with a bar", "ana"),
				with(claimOn(t, 12, formulaText, "+1 more -2 less @all.", "praise"), "", "", "", "ana"),
			)},
		},
	}
}

func sorted(claims ...storage.Claim) []storage.Claim {
	storage.SortInTextOrder(claims)
	return claims
}

// exportTo writes d into a new folder: at dir/data.EXT for a one-file
// export, into dir itself otherwise.
func exportTo(t *testing.T, d Dataset, opts Options) (string, Result) {
	t.Helper()
	dir := t.TempDir()
	dest := dir
	if !opts.DestIsFolder() {
		f, err := FormatByName(opts.Format)
		if err != nil {
			t.Fatal(err)
		}
		dest = filepath.Join(dir, "data"+f.Extension)
	}
	res, err := Write(context.Background(), d, dest, opts)
	if err != nil {
		t.Fatalf("Write %s: %v", opts.Format, err)
	}
	return dir, res
}

// readTree reads every file under root, by slash-separated relative path.
func readTree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		data, err := os.ReadFile(path)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sortedNames(m map[string][]byte) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
