package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"claimdesk/storage"
	"claimdesk/storage/storetest"
)

const layersText = "Peskov denied it. Lavrov praised it."

// layerFile is one annotator's file of the shared article: name, content,
// and the --annotator the import is given.
type layerFile struct {
	name, content, annotator string
}

// TestImportLayersEveryFormat: the same article annotated by several
// people, in every format that carries claims, imports as one article with
// a layer per annotator; a claim exactly like one stored is skipped and
// counted. The annotator comes from --annotator (brat), meta.claims and
// "annotator" (doccano), _annotator_id (Prodigy) and completed_by (Label
// Studio, also two annotators in one task).
func TestImportLayersEveryFormat(t *testing.T) {
	doccano := func(who string) string {
		return fmt.Sprintf(`{"text":%q,"label":[[7,13,"denial"],[25,32,"praise"]],"meta":{"claims":[{"start":7,"end":13,"label":"denial","annotator":%q},{"start":25,"end":32,"label":"praise","annotator":%q}]}}`+"\n", layersText, who, who)
	}
	prodigy := func(who string) string {
		return fmt.Sprintf(`{"text":%q,"spans":[{"start":7,"end":13,"label":"denial"},{"start":25,"end":32,"label":"praise"}],"_annotator_id":%q}`+"\n", layersText, who)
	}
	ls := func(who ...string) string {
		anns := ""
		for i, w := range who {
			if i > 0 {
				anns += ","
			}
			anns += fmt.Sprintf(`{"completed_by":{"email":%q},"result":[{"id":"a","from_name":"label","to_name":"text","type":"labels","value":{"start":7,"end":13,"text":"denied","labels":["denial"]}},{"id":"b","from_name":"label","to_name":"text","type":"labels","value":{"start":25,"end":32,"text":"praised","labels":["praise"]}}]}`, w)
		}
		return fmt.Sprintf(`[{"data":{"text":%q},"annotations":[%s]}]`, layersText, anns)
	}
	ann := "T1\tdenial 7 13\tdenied\nT2\tpraise 25 32\tpraised\n"
	cases := []struct {
		format string
		files  []layerFile
	}{
		{"doccano meta.claims", []layerFile{{"a.jsonl", doccano("alice"), ""}, {"b.jsonl", doccano("bob"), ""}, {"c.jsonl", doccano("alice"), ""}}},
		{"doccano annotator", []layerFile{
			{"a.jsonl", fmt.Sprintf(`{"text":%q,"label":[[7,13,"denial"],[25,32,"praise"]],"annotator":"alice"}`+"\n", layersText), ""},
			{"b.jsonl", fmt.Sprintf(`{"text":%q,"label":[[7,13,"denial"],[25,32,"praise"]],"annotator":"bob"}`+"\n", layersText), ""},
			{"c.jsonl", fmt.Sprintf(`{"text":%q,"label":[[7,13,"denial"],[25,32,"praise"]],"annotator":"alice"}`+"\n", layersText), ""}}},
		{"prodigy _annotator_id", []layerFile{{"a.jsonl", prodigy("alice"), ""}, {"b.jsonl", prodigy("bob"), ""}, {"c.jsonl", prodigy("alice"), ""}}},
		{"--annotator on spans without one", []layerFile{
			{"a.jsonl", fmt.Sprintf(`{"text":%q,"spans":[{"start":7,"end":13,"label":"denial"},{"start":25,"end":32,"label":"praise"}]}`+"\n", layersText), "alice"},
			{"b.jsonl", fmt.Sprintf(`{"text":%q,"spans":[{"start":7,"end":13,"label":"denial"},{"start":25,"end":32,"label":"praise"}]}`+"\n", layersText), "bob"},
			{"c.jsonl", fmt.Sprintf(`{"text":%q,"spans":[{"start":7,"end":13,"label":"denial"},{"start":25,"end":32,"label":"praise"}]}`+"\n", layersText), "alice"}}},
		{"label studio completed_by", []layerFile{{"a.json", ls("alice"), ""}, {"b.json", ls("bob"), ""}, {"c.json", ls("alice"), ""}}},
		{"label studio, two annotators in one task", []layerFile{{"ab.json", ls("alice", "bob"), ""}, {"c.json", ls("alice"), ""}}},
		{"brat --annotator", []layerFile{
			{"a/doc.txt", layersText, "alice"}, {"a/doc.ann", ann, "alice"},
			{"b/doc.txt", layersText, "bob"}, {"b/doc.ann", ann, "bob"},
			{"c/doc.txt", layersText, "alice"}, {"c/doc.ann", ann, "alice"}}},
	}
	for _, c := range cases {
		t.Run(c.format, func(t *testing.T) {
			dir := t.TempDir()
			store := storetest.Open(t)
			var reports []Report
			for _, f := range c.files {
				path := filepath.Join(dir, f.name)
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(f.content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			// One import per annotator's file (brat: per folder), as each
			// arrives; the --annotator is the file's.
			done := map[string]bool{}
			for _, f := range c.files {
				target := filepath.Join(dir, f.name)
				if filepath.Ext(f.name) == ".ann" || filepath.Ext(f.name) == ".txt" {
					target = filepath.Dir(target)
				}
				if done[target] {
					continue
				}
				done[target] = true
				r, err := Import(store, []string{target}, Options{Annotator: f.annotator})
				if err != nil || len(r.Failed) > 0 {
					t.Fatalf("import %s: %v\n%s", f.name, err, r)
				}
				reports = append(reports, r)
			}
			checkLayers(t, store, map[string]int{"alice": 2, "bob": 2})
			last := reports[len(reports)-1]
			if last.DuplicateClaims != 2 || last.Claims() != 0 || last.Merged() != 1 {
				t.Errorf("alice's file again: %s, want 2 duplicate claims skipped, none added", last.Summary())
			}
		})
	}
}

// checkLayers wants exactly one article, holding want[annotator] claims
// of each annotator.
func checkLayers(t *testing.T, store *storage.Store, want map[string]int) {
	t.Helper()
	summaries, err := store.ArticleSummaries()
	if err != nil || len(summaries) != 1 {
		t.Fatalf("%d articles (%v), want one", len(summaries), err)
	}
	claims, err := store.Claims(summaries[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, c := range claims {
		got[c.Annotator]++
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("claims per annotator %v, want %v", got, want)
	}
}
