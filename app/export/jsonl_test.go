package export

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"claimdesk/app/dataset"
)

// TestDoccanoMetaClaims: doccano's label triples cannot hold who said what,
// so meta.claims carries every claim in full, and meta.claimdesk the
// article's id, title, source and status; the article's own meta is written
// as given (a number stays a number) and keeps its place where a name
// clashes with one of Claimdesk's copies at the top of meta.
func TestDoccanoMetaClaims(t *testing.T) {
	d := fixture(t)
	dir, _ := exportTo(t, d, Options{Format: "doccano"})
	f, err := os.Open(filepath.Join(dir, "data.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	i := 0
	for ; sc.Scan(); i++ {
		var line struct {
			ID    uint64 `json:"id"`
			Label [][3]any
			Meta  struct {
				Title, Source, Status, Lang string
				Words                       json.RawMessage
				Claims                      []claimJSON
				Claimdesk                   dataset.ClaimdeskMeta
			}
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		want := d.Docs[i]
		a := want.Article
		own := dataset.ClaimdeskMeta{ArticleID: a.ID, Title: a.Title, Status: string(a.Status), Source: a.Source}
		title := a.Title
		if _, ok := a.Meta["title"]; ok {
			title = a.Meta.Text("title")
		}
		if line.ID != a.ID || line.Meta.Claimdesk != own || line.Meta.Title != title || line.Meta.Source != a.Source ||
			line.Meta.Status != string(a.Status) || line.Meta.Lang != a.Meta.Text("lang") || string(line.Meta.Words) != string(a.Meta["words"]) {
			t.Errorf("line %d: id %d meta %+v, want article %+v", i+1, line.ID, line.Meta, a)
		}
		if got, want := line.Meta.Claims, claimsJSON(want.Claims); !reflect.DeepEqual(got, want) {
			t.Errorf("line %d: meta.claims\n%+v\nwant\n%+v", i+1, got, want)
		}
		if len(line.Label) != len(want.Claims) {
			t.Errorf("line %d: %d label triples, want %d", i+1, len(line.Label), len(want.Claims))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if i != len(d.Docs) {
		t.Errorf("%d lines, want one per article: %d", i, len(d.Docs))
	}
}
