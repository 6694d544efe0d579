package export

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"claimdesk/app/dataset"
	"claimdesk/storage"
)

// roundTrips are the formats Claimdesk imports again, with what each
// carries back besides label and offsets.
var roundTrips = []struct {
	format    string
	offsets   string
	files     string // the data files' extension, in the export's folder or below
	extras    bool   // speaker, target and note
	annotator bool
	title     bool
	meta      bool // the article's own meta
}{
	// doccano's triples carry label and offsets; speaker, target, note and
	// annotator ride in meta.claims (TestDoccanoMetaClaims), which the
	// import package pairs with the triples again.
	{"doccano", "", ".jsonl", true, true, true, true},
	// UTF-16 offsets are marked in meta and counted back to code points:
	// the fixture has emoji before claims, where the units differ.
	{"doccano", OffsetsUTF16, ".jsonl", true, true, true, true},
	{"spans", "", ".jsonl", true, true, true, true},
	// Label Studio gives each annotator an annotation with completed_by;
	// brat a collection per annotator, named in its visual.conf.
	{"labelstudio", "", ".json", true, true, true, false},
	{"brat", "", ".ann", true, true, false, false},
}

// TestRoundTrip exports the fixture, parses the files back with the
// import package, and finds every article with its claims: same labels,
// offsets, speaker, target and note, and annotator where the format
// carries it.
func TestRoundTrip(t *testing.T) {
	d := fixture(t)
	for _, rt := range roundTrips {
		for _, split := range []Split{{}, {Train: 50, Dev: 25, Test: 25, Seed: 11}} {
			name := rt.format
			if rt.offsets != "" {
				name += "-" + rt.offsets
			}
			if split.Enabled() {
				name += "-split"
			}
			t.Run(name, func(t *testing.T) {
				dir, _ := exportTo(t, d, Options{Format: rt.format, Offsets: rt.offsets, Split: split})
				byText := map[string]dataset.Document{}
				for _, doc := range parseAll(t, dir, rt.files) {
					// brat writes an article once per annotator's collection.
					if seen, ok := byText[doc.Text]; ok {
						doc.Spans = append(seen.Spans, doc.Spans...)
					}
					byText[doc.Text] = doc
				}
				if len(byText) != len(d.Docs) {
					t.Fatalf("parsed %d articles back, exported %d", len(byText), len(d.Docs))
				}
				for _, want := range d.Docs {
					got, ok := byText[want.Article.Text]
					if !ok {
						t.Errorf("article %d did not come back with its text unchanged", want.Article.ID)
						continue
					}
					if rt.title && got.Title != want.Article.Title {
						t.Errorf("article %d: title %q, want %q", want.Article.ID, got.Title, want.Article.Title)
					}
					compareMeta(t, want.Article, got.Meta, rt.meta)
					compareSpans(t, want, got.Spans, rt.extras, rt.annotator)
				}
			})
		}
	}
}

// parseAll parses every file ending in ext in dir and its folders.
func parseAll(t *testing.T, dir, ext string) []dataset.Document {
	t.Helper()
	var paths []string
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && strings.HasSuffix(path, ext) {
			paths = append(paths, path)
		}
		return err
	})
	if err != nil || len(paths) == 0 {
		t.Fatalf("no %s files in %s (%v)", ext, dir, err)
	}
	var docs []dataset.Document
	for _, path := range paths {
		got, problems, err := dataset.ParseFile(path)
		if err != nil {
			t.Fatalf("ParseFile(%s): %v", path, err)
		}
		for _, p := range problems {
			t.Errorf("ParseFile(%s): %s", path, p)
		}
		docs = append(docs, got...)
	}
	return docs
}

// compareMeta checks that the article's own meta comes back as it was
// given, typed, and that nothing Claimdesk wrote beside it (meta.claims,
// meta.claimdesk and its copies) lands as article meta; only the doccano
// line's record "id" is added, as doccano keeps it.
func compareMeta(t *testing.T, want storage.Article, got storage.Meta, meta bool) {
	t.Helper()
	if !meta {
		return
	}
	for k, v := range got {
		if w, ok := want.Meta[k]; ok && string(w) != string(v) || !ok && k != "id" {
			t.Errorf("article %d: meta %s = %.60s, want %.60s", want.ID, k, v, w)
		}
	}
	for k := range want.Meta {
		if _, ok := got[k]; !ok {
			t.Errorf("article %d: meta %s did not come back", want.ID, k)
		}
	}
}

func compareSpans(t *testing.T, want Doc, got []dataset.Span, extras, annotator bool) {
	t.Helper()
	describe := func(start, end int, label, speaker, target, note, who string) string {
		if !extras {
			speaker, target, note = "", "", ""
		}
		if !annotator {
			who = ""
		}
		return fmt.Sprintf("%d-%d %s speaker=%q target=%q note=%q annotator=%q", start, end, label, speaker, target, note, who)
	}
	var w, g []string
	for _, c := range want.Claims {
		w = append(w, describe(c.Start, c.End, c.Label, c.Speaker, c.Target, noteOnOneLine(c.Note), c.Annotator))
	}
	for _, s := range got {
		g = append(g, describe(s.Start, s.End, s.Label, s.Speaker, s.Target, s.Note, s.Annotator))
		if _, ok := storage.Slice(want.Article.Text, s.Start, s.End); !ok {
			t.Errorf("article %d: span %d-%d does not fit the text", want.Article.ID, s.Start, s.End)
		}
	}
	sort.Strings(w)
	sort.Strings(g)
	if strings.Join(w, "\n") != strings.Join(g, "\n") {
		t.Errorf("article %d: claims came back as\n%s\nwant\n%s", want.Article.ID, strings.Join(g, "\n"), strings.Join(w, "\n"))
	}
}

// noteOnOneLine is what a brat note keeps of a multi-line note: every
// line break brat ends a line at, and a tab, become a space (a CRLF one).
func noteOnOneLine(s string) string {
	s = strings.ReplaceAll(s, "\r\n", " ")
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if r == '\t' || dataset.IsBratLineBreak(r) {
			return ' '
		}
		return r
	}, s))
}
