package dataset

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"

	"claimdesk/storage"
)

// An article's meta is the user's: Claimdesk keeps it as the file gave it,
// every value the JSON it was, and writes its own fields apart.

// ClaimdeskMetaKey is the meta field where Claimdesk's JSON exports write
// what Claimdesk knows of an article (ClaimdeskMeta), apart from the
// article's own meta; import takes it out again.
const ClaimdeskMetaKey = "claimdesk"

// ClaimdeskMeta is an article's own fields as Claimdesk's exports write
// them in meta.claimdesk.
type ClaimdeskMeta struct {
	ArticleID uint64 `json:"article_id"`
	Title     string `json:"title"`
	Status    string `json:"status"`
	Source    string `json:"source,omitempty"`
}

// Fields are the block's fields by name, as exports also write them at the
// top of meta where the article's meta leaves the name free.
func (c ClaimdeskMeta) Fields() map[string]any {
	m := map[string]any{"article_id": c.ArticleID, "title": c.Title, "status": c.Status}
	if c.Source != "" {
		m["source"] = c.Source
	}
	return m
}

// metaObject reads a meta object field by field; absent or null gives nil,
// true, anything but an object false.
func metaObject(raw json.RawMessage) (map[string]json.RawMessage, bool) {
	if isNull(raw) {
		return nil, true
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, false
	}
	return obj, true
}

// takeClaimdeskMeta removes what a Claimdesk export added to a meta
// object: the meta.claimdesk block, and the copies of its fields at the top
// of meta (a top-level value equal to the block's is the copy; the
// export writes a copy only where the article's own meta has no value).
// It returns the exported title, "" without a block.
func takeClaimdeskMeta(obj map[string]json.RawMessage) (title string) {
	var block map[string]json.RawMessage
	if json.Unmarshal(obj[ClaimdeskMetaKey], &block) != nil || block == nil {
		return ""
	}
	delete(obj, ClaimdeskMetaKey)
	for k, v := range block {
		if top, ok := obj[k]; ok && sameJSON(top, v) {
			delete(obj, k)
		}
	}
	title, _ = jsonString(block["title"])
	return title
}

// sameJSON reports whether two JSON values are equal as values.
func sameJSON(a, b json.RawMessage) bool {
	var x, y any
	return json.Unmarshal(a, &x) == nil && json.Unmarshal(b, &y) == nil && reflect.DeepEqual(x, y)
}

// metaAdder puts a record's other fields into its meta where the meta has
// no value of that name, and says which could not be put there.
type metaAdder struct {
	meta  storage.Meta
	clash []string // the fields left out, as the file names them
}

// add puts the field the file names as name into the meta under key, and
// reports whether it landed there.
func (a *metaAdder) add(name, key string, value json.RawMessage) bool {
	if _, taken := a.meta[key]; taken {
		a.clash = append(a.clash, fmt.Sprintf("%q is not kept: the article's meta has its own %q", name, key))
		return false
	}
	if a.meta == nil {
		a.meta = storage.Meta{}
	}
	a.meta[key] = compactJSON(value)
	return true
}

// warnings name the fields left out because the meta holds their name.
func (a *metaAdder) warnings() []string { return a.clash }

// asMeta makes a meta of a JSON object read field by field.
func asMeta(obj map[string]json.RawMessage) storage.Meta {
	if obj == nil {
		return nil
	}
	meta := make(storage.Meta, len(obj))
	for k, v := range obj {
		meta[k] = compactJSON(v)
	}
	return meta
}

// compactJSON drops the white space between a JSON value's tokens.
func compactJSON(raw json.RawMessage) json.RawMessage {
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return raw
	}
	return b.Bytes()
}
