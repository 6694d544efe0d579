package storage

import (
	"bytes"
	"encoding/json"

	bolt "go.etcd.io/bbolt"
)

// Meta is an article's own description as its file gave it: each value is
// the JSON the file held, so a number stays a number and a list a list
// (a JSONL record's "n": 3 comes back as 3, not "3"). Claimdesk's fields —
// id, title, source, status — live in Article itself, never in Meta, so
// the user's meta is never overwritten by them.
type Meta map[string]json.RawMessage

// MetaString makes a meta value of a string.
func MetaString(s string) json.RawMessage {
	raw, _ := json.Marshal(s) // a string always marshals
	return raw
}

// Text renders a value for people and for formats whose meta holds only
// text: a string as it is, null as nothing, anything else as compact JSON.
func (m Meta) Text(key string) string {
	return metaText(m[key])
}

func metaText(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return string(raw)
	}
	return b.String()
}

// articleRecord is an article as the articles bucket holds it. Until
// typed meta, "meta" held only strings; it still does, so an older
// Claimdesk reads the article (with every value as text), and the typed
// values sit beside it in "meta_json". A record without "meta_json" is
// from before, and its strings are its meta.
//
// Since schema 2 the record holds no status (status.go keeps it apart, per
// annotator); "status" is read from older records, for the migration, and
// written only when an Article is encoded for anything but the bucket.
type articleRecord struct {
	articleFields
	LegacyMeta map[string]string `json:"meta,omitempty"`
	TypedMeta  Meta              `json:"meta_json,omitempty"`
	// RecordStatus shadows articleFields.Status, the shallower field winning.
	RecordStatus Status `json:"status,omitempty"`
}

// articleFields is Article without its methods, so the record can embed it
// without calling Article's own JSON encoding again.
type articleFields Article

// MarshalJSON writes the record form (articleRecord), with the status.
func (a Article) MarshalJSON() ([]byte, error) {
	return encodeArticle(a, a.Status)
}

// putArticleRecord stores an article's record, which holds no status.
func putArticleRecord(b *bolt.Bucket, key []byte, a Article) error {
	raw, err := encodeArticle(a, "")
	if err != nil {
		return err
	}
	return b.Put(key, raw)
}

func encodeArticle(a Article, status Status) ([]byte, error) {
	rec := articleRecord{articleFields: articleFields(a), RecordStatus: status}
	rec.Meta = nil
	if len(a.Meta) > 0 {
		rec.TypedMeta = a.Meta
		rec.LegacyMeta = make(map[string]string, len(a.Meta))
		for k, v := range a.Meta {
			rec.LegacyMeta[k] = metaText(v)
		}
	}
	return json.Marshal(rec)
}

// UnmarshalJSON reads both the record form and records written before
// typed meta.
func (a *Article) UnmarshalJSON(data []byte) error {
	var rec articleRecord
	if err := json.Unmarshal(data, &rec); err != nil {
		return err
	}
	*a = Article(rec.articleFields)
	a.Status = rec.RecordStatus
	a.Meta = rec.TypedMeta
	if a.Meta == nil && len(rec.LegacyMeta) > 0 {
		a.Meta = make(Meta, len(rec.LegacyMeta))
		for k, v := range rec.LegacyMeta {
			a.Meta[k] = MetaString(v)
		}
	}
	return nil
}
