package export

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"claimdesk/app/importer"
	"claimdesk/storage"
	"claimdesk/storage/storetest"
)

func TestBratFolderName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"alice", "alice"},
		{"ana@example.org", "ana@example.org"},
		{"Zoë Ünal", "Zoe_Unal"},
		{"../etc", "_etc"},
		{"a/b\\c", "a_b_c"},
		{"  ", "unnamed"},
		{"", "unnamed"},
		{"...", "_"},
		{"克里姆林宫", "_____"},
	} {
		if got := bratFolderName(c.in); got != c.want {
			t.Errorf("bratFolderName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	got := bratCollections([]string{"", "train", "unnamed", "x/y", "x_y"})
	want := []string{"unnamed", "train-2", "unnamed-2", "x_y", "x_y-2"}
	for i, c := range got {
		if c.folder != want[i] {
			t.Errorf("collection %d (%q) in folder %q, want %q", i, c.annotator, c.folder, want[i])
		}
	}
	if one := bratCollections([]string{"alice"}); len(one) != 1 || one[0].folder != "" {
		t.Errorf("one annotator: %+v, want the export's own folder", one)
	}
}

// TestBratLayersReplaceAndFilter: a brat export of several annotators is
// a collection per annotator; exporting again replaces it, and so does an
// export filtered to one annotator, which is flat. A sub-folder Claimdesk
// did not write stops the export.
func TestBratLayersReplaceAndFilter(t *testing.T) {
	d := fixture(t)
	dir := filepath.Join(t.TempDir(), "corpus")
	write := func(d Dataset) error {
		_, err := Write(context.Background(), d, dir, Options{Format: "brat"})
		return err
	}
	for range 2 {
		if err := write(d); err != nil {
			t.Fatal(err)
		}
	}
	tree := readTree(t, dir)
	for _, name := range []string{"ana/visual.conf", "ben/annotation.conf", "unnamed/0003-etc-passwd-con-b.txt"} {
		if _, ok := tree[name]; !ok {
			t.Errorf("%s missing from the layered export", name)
		}
	}
	only := d
	only.Docs = nil
	for _, doc := range d.Docs {
		var ana []storage.Claim
		for _, c := range doc.Claims {
			if c.Annotator == "ana" {
				ana = append(ana, c)
			}
		}
		only.Docs = append(only.Docs, Doc{Article: doc.Article, Claims: ana})
	}
	if err := write(only); err != nil {
		t.Fatalf("a filtered export over a layered one: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "ana")); !os.IsNotExist(err) {
		t.Errorf("the collections stayed after a flat export: %v", err)
	}
	if err := write(d); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "notes"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes", "todo.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := write(d); err == nil || !strings.Contains(err.Error(), "notes") {
		t.Errorf("an analyst's folder inside the export: %v, want a refusal naming it", err)
	}
}

// TestLayersThroughTheImporter: each annotator's claims exported as Label
// Studio tasks, brat collections, doccano or spans come back through
// Claimdesk's importer into a new store under the same annotator.
func TestLayersThroughTheImporter(t *testing.T) {
	d := fixture(t)
	want := map[string]int{}
	for _, doc := range d.Docs {
		for _, c := range doc.Claims {
			want[c.Annotator]++
		}
	}
	for _, format := range []string{"labelstudio", "brat", "doccano", "spans"} {
		t.Run(format, func(t *testing.T) {
			dir, _ := exportTo(t, d, Options{Format: format})
			store := storetest.Open(t)
			for _, l := range d.Labels {
				_ = store.AddLabel(l)
			}
			report, err := importer.Import(store, []string{dir}, importer.Options{})
			if err != nil || len(report.Failed) > 0 {
				t.Fatalf("import: %v\n%s", err, report)
			}
			st, err := store.Stats()
			if err != nil {
				t.Fatal(err)
			}
			if a, _ := json.Marshal(st.Annotators); string(a) != mustJSON(t, want) {
				t.Errorf("claims per annotator %s, want %s", a, mustJSON(t, want))
			}
			if st.Articles != len(d.Docs) {
				t.Errorf("%d articles, want %d", st.Articles, len(d.Docs))
			}
		})
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestCollectDoneByAnnotator: --done with --annotator keeps the articles
// that annotator marked done, whoever set a status last; where they set
// none, the unnamed analyst's status decides.
func TestCollectDoneByAnnotator(t *testing.T) {
	store := storetest.Open(t)
	var ids []uint64
	for _, text := range []string{"Peskov denied it.", "Lavrov praised it.", "Nothing here."} {
		a, _, err := store.AddArticle(storage.Article{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	set := func(id uint64, who string, st storage.Status) {
		if err := store.SetAnnotatorStatus(id, who, st); err != nil {
			t.Fatal(err)
		}
	}
	set(ids[0], "alice", storage.StatusDone)
	set(ids[0], "bob", storage.StatusInProgress) // the article's status is now bob's
	set(ids[1], "bob", storage.StatusDone)
	set(ids[2], "", storage.StatusDone)
	set(ids[2], "alice", storage.StatusInProgress)
	for _, c := range []struct {
		filter Filter
		want   []uint64
	}{
		{Filter{OnlyDone: true, Annotator: "Alice"}, []uint64{ids[0]}},
		{Filter{OnlyDone: true, Annotator: "bob"}, []uint64{ids[1], ids[2]}},
		{Filter{OnlyDone: true, Annotator: "carol"}, []uint64{ids[2]}},
		{Filter{OnlyDone: true}, []uint64{ids[1]}}, // ids[2]'s last status is alice's
		{Filter{Annotator: "alice"}, ids},
	} {
		d, err := Collect(store, c.filter)
		if err != nil {
			t.Fatal(err)
		}
		var got []uint64
		for _, doc := range d.Docs {
			got = append(got, doc.Article.ID)
		}
		if mustJSON(t, got) != mustJSON(t, c.want) {
			t.Errorf("%+v: articles %v, want %v", c.filter, got, c.want)
		}
	}
}
