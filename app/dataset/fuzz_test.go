package dataset

import (
	"encoding/json"
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
		"{\n}", "[1]", `{"text":"x","label":[["a","b","c"]]}`,
		`{"text":"ab","label":[[0,1,"x"],[0,1,"x"]],"meta":{"claims":[{"start":0,"end":1,"label":"x","speaker":"s"},{"start":0,"end":1,"label":"x","speaker":"t"}]}}`,
		`{"text":"ab","label":[[0,1,"x"]],"meta":{"claims":{"start":0,"end":1,"label":"x"}}}`,
		`{"text":"ab","label":[[0,1,"x"]],"meta":{"claims":[null,1,"x",[0,1,"x"],{"start":1e99,"end":-1,"label":null,"note":{}}]}}`,
		`{"text":"a\r\nb","label":[[1,3,"x"]],"meta":{"claims":[{"start":1,"end":3,"label":"x","annotator":"a"},{"start":9,"end":1,"label":""}]},"answer":"ignore"}`)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "fuzz.jsonl", data) })
}

// FuzzMetaClaims writes a doccano line the way the exporter does, two
// identical triples and their two meta.claims entries, and checks that
// every detail comes back on the right claim, whatever the strings hold.
func FuzzMetaClaims(f *testing.F) {
	f.Add("Peskov denied it.", 0, 6, "denial", "Peskov", "Kremlin", "US", "ana", "note | x")
	f.Add("a\r\nb 😀", 1, 4, "x", "", "", "\n", "", "ben")
	f.Add("قال بيسكوف", 4, 10, "praise", "بيسكوف", "\xb1\x80", "", "\xff", "")
	f.Fuzz(func(t *testing.T, text string, start, end int, label, speaker1, speaker2, target, annotator, note string) {
		raw := []rune(text)
		if start < 0 || end <= start || end > len(raw) || strings.TrimSpace(label) == "" {
			return
		}
		claims := []Span{
			{Start: start, End: end, Label: label, Speaker: speaker1, Target: target, Annotator: annotator},
			{Start: start, End: end, Label: label, Speaker: speaker2, Note: note},
		}
		line, err := json.Marshal(map[string]any{"text": text, "label": [][3]any{{start, end, label}, {start, end, label}},
			"meta": map[string]any{"claims": spanMaps(claims), "k": "v"}})
		if err != nil {
			t.Fatal(err)
		}
		docs, problems, err := ParseBytes("fuzz.jsonl", append(line, '\n'))
		if err != nil || len(docs) != 1 {
			return // no text left after normalising: not what this target checks
		}
		checkParse(t, "fuzz.jsonl", docs, problems, err)
		if _, ok := docs[0].Meta["claims"]; ok || docs[0].Meta["k"] != "v" {
			t.Errorf("meta %q, want k=v and no claims", docs[0].Meta)
		}
		got := docs[0].Spans
		if len(got) == 0 {
			return // the span covers only a line end that normalising removed
		}
		// JSON writes each invalid byte as U+FFFD, as a rune conversion does.
		valid := func(s string) string { return string([]rune(s)) }
		want := []Span{
			{Speaker: valid(speaker1), Target: valid(target), Annotator: valid(annotator)},
			{Speaker: valid(speaker2), Note: valid(note)},
		}
		if want[0] == want[1] {
			want = want[:1] // identical claims are stored once
		}
		if len(got) != len(want) {
			t.Fatalf("%d spans, want %d: %+v (problems %v)", len(got), len(want), got, problems)
		}
		for i, s := range got {
			s.Start, s.End, s.Label = 0, 0, ""
			if s != want[i] {
				t.Errorf("span %d details %+v, want %+v", i, s, want[i])
			}
		}
	})
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
