package dataset

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"claimdesk/storage"
)

// addSeeds seeds a fuzz target with the golden inputs of the given
// extensions and a few hand-picked edge cases.
func addSeeds(f *testing.F, exts []string, extra ...string) {
	f.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "golden", "*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range paths {
		for _, ext := range exts {
			if strings.HasSuffix(p, ext) {
				data, err := os.ReadFile(p)
				if err != nil {
					f.Fatal(err)
				}
				f.Add(data)
			}
		}
	}
	for _, e := range extra {
		f.Add([]byte(e))
	}
}

// fuzzParse checks what every parse must hold, whatever the input: no
// panic, refusals are Problems naming the file, documents keep their
// promises (normalised text, spans inside it, labels set).
func fuzzParse(t *testing.T, name string, data []byte) {
	docs, problems, err := ParseBytes(name, data)
	checkParse(t, name, docs, problems, err)
}

func checkParse(t *testing.T, name string, docs []Document, problems []Problem, err error) {
	t.Helper()
	if err != nil {
		var p Problem
		if !errors.As(err, &p) || !strings.HasPrefix(p.File, strings.TrimSuffix(name, filepath.Ext(name))) {
			t.Fatalf("refusal %v is not a Problem about %s", err, name)
		}
		if len(docs) != 0 {
			t.Fatalf("refused, yet %d documents", len(docs))
		}
	}
	for _, p := range problems {
		if p.Message == "" {
			t.Errorf("problem without message: %+v", p)
		}
	}
	checkDocuments(t, docs)
}

func FuzzParseText(f *testing.F) {
	addSeeds(f, []string{".txt"}, "", "\r\n\r\n", "\xff\xfe", "\uFEFFtitle\rbody", "a\x00b")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "fuzz.txt", data) })
}

func FuzzParseMarkdown(f *testing.F) {
	addSeeds(f, []string{".md"}, "---\ntitle: x\n---\n", "<div>\n<script>x", "| a |\n|---|\n| b |", "\\*&amp;&#0;`x`")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "fuzz.md", data) })
}

func FuzzParseHTML(f *testing.F) {
	addSeeds(f, []string{".html"}, "<p>x", `<meta charset="utf-16"><p>y`, "\xfe\xff\x00<\x00p", "<html><body></body></html>")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "fuzz.html", data) })
}

func FuzzParseJSONL(f *testing.F) {
	addSeeds(f, []string{".jsonl"},
		`{"text":"ab","label":[[0,1,"x"],[1,9,"y"]]}`,
		`{"text":"a\r\nb","entities":[{"start_offset":1,"end_offset":3,"label":"z"}]}`,
		`{"text":"😀x","spans":[{"start":2,"end":3,"label":"p","text":"x"}]}`,
		"{\n}", "[1]", `{"text":"x","label":[["a","b","c"]]}`)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "fuzz.jsonl", data) })
}

func FuzzParseLabelStudio(f *testing.F) {
	addSeeds(f, []string{".json"},
		`[{"data":{"text":"abc"},"annotations":[{"result":[{"type":"labels","value":{"start":0,"end":2,"text":"ab","labels":["x"]}}]}]}]`,
		`{"data":{"text":"x"}}`, `[]`, `[{"data":1}]`, `[{"data":{"text":"a"}}] x`)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "fuzz.json", data) })
}

func FuzzParseBrat(f *testing.F) {
	pairs, err := filepath.Glob(filepath.Join("testdata", "golden", "*.ann"))
	if err != nil {
		f.Fatal(err)
	}
	for _, ann := range pairs {
		text, err1 := os.ReadFile(siblingWithExt(ann, ".txt"))
		annData, err2 := os.ReadFile(ann)
		if err1 != nil || err2 != nil {
			f.Fatal(err1, err2)
		}
		f.Add(text, annData)
	}
	f.Add([]byte("ab\r\ncd"), []byte("T1\tx 0 2;4 6\tab cd\n#1\tAnnotatorNotes T1\tspeaker: s | note: n"))
	f.Add([]byte("abc"), []byte("T1\tx 3 1\nT2\ty -1 2\nA1\tSpeaker T2"))
	f.Fuzz(func(t *testing.T, text, ann []byte) {
		docs, problems, err := ParseBrat("fuzz.txt", "fuzz.ann", text, ann)
		checkParse(t, "fuzz.txt", docs, problems, err)
	})
}

// FuzzRemap checks that a span of a raw text, moved to the normalised
// text, covers what normalising the span's own text gives.
func FuzzRemap(f *testing.F) {
	f.Add("\uFEFFab\r\ncd\re\r\n", 0, 5)
	f.Add("x\r\n\r\ny", 1, 6)
	f.Add("😀\r\n😀", 0, 4)
	f.Fuzz(func(t *testing.T, raw string, start, end int) {
		n := storage.RuneLen(raw)
		if start < 0 || end <= start || end > n {
			return
		}
		piece, _ := storage.Slice(raw, start, end)
		if strings.HasSuffix(piece, "\r") && strings.HasPrefix(string([]rune(raw)[end:]), "\n") {
			return // a span ending between CR and LF loses the line end
		}
		want, _ := storage.Normalize(piece)
		if start > 0 && strings.HasPrefix(piece, "\uFEFF") {
			want = "\uFEFF" + strings.TrimPrefix(want, "\uFEFF") // only the text's first mark goes
		}
		norm, _ := storage.Normalize(raw)
		m := newRemap(raw)
		got, ok := storage.Slice(norm, m.pos(start), m.pos(end))
		if !ok || got != want {
			t.Errorf("raw %q [%d,%d) = %q: normalised %q, remapped %q", raw, start, end, piece, want, got)
		}
	})
}
