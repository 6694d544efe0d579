package storage

import (
	"encoding/json"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestMetaKeepsTypes: an article's meta comes back with every value the
// JSON it was given, and the record still carries every value as text in
// "meta", where a Claimdesk from before typed meta reads it.
func TestMetaKeepsTypes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "claimdesk.db")
	s := openCheckedStore(t, path)
	meta := Meta{"n": json.RawMessage(`3`), "tags": json.RawMessage(`["a","b"]`), "source": MetaString("AFP"), "none": json.RawMessage(`null`)}
	a, _, err := s.AddArticle(Article{Text: "Peskov denied it.", Meta: meta})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Article(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if g, w := mustJSON(t, got.Meta), mustJSON(t, meta); g != w {
		t.Errorf("meta %s, want %s", g, w)
	}
	if got.Meta.Text("n") != "3" || got.Meta.Text("source") != "AFP" {
		t.Errorf("Text: n %q source %q", got.Meta.Text("n"), got.Meta.Text("source"))
	}
	var legacy struct {
		Meta map[string]string `json:"meta"`
	}
	_ = s.view(func(tx *bolt.Tx) error {
		return json.Unmarshal(tx.Bucket(bucketArticles).Get(idKey(a.ID)), &legacy)
	})
	if want := (map[string]string{"n": "3", "tags": `["a","b"]`, "source": "AFP", "none": ""}); mustJSON(t, legacy.Meta) != mustJSON(t, want) {
		t.Errorf("the record's text meta %v, want %v", legacy.Meta, want)
	}
}

// TestMetaOfRecordsBeforeTypes: a record written before typed meta holds
// only strings, and they are its meta.
func TestMetaOfRecordsBeforeTypes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "claimdesk.db")
	s := openCheckedStore(t, path)
	a, _, err := s.AddArticle(Article{Text: "Peskov denied it."})
	if err != nil {
		t.Fatal(err)
	}
	err = s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketArticles)
		var rec map[string]json.RawMessage
		if err := json.Unmarshal(b.Get(idKey(a.ID)), &rec); err != nil {
			return err
		}
		rec["meta"] = json.RawMessage(`{"n":"3","lang":"en"}`)
		raw, _ := json.Marshal(rec)
		return b.Put(idKey(a.ID), raw)
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Article(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if g := mustJSON(t, got.Meta); g != `{"lang":"en","n":"3"}` {
		t.Errorf("meta of an old record %s", g)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}
