package web

import (
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestSelection: newest first, --since by date (undated entries stay),
// --limit keeps the newest; everything left out says why.
func TestSelection(t *testing.T) {
	entries := []Entry{
		{Number: 1, Title: "old", Published: day("2026-02-27")},
		{Number: 2, Title: "newest", Published: day("2026-03-03")},
		{Number: 3, Title: "middle", Published: day("2026-03-01")},
	}
	tests := []struct {
		sel        Selection
		kept, left string
	}{
		{Selection{}, "newest middle old", ""},
		{Selection{Since: day("2026-03-01")}, "newest middle", "old: published 2026-02-27, before the since date 2026-03-01"},
		{Selection{Limit: 1}, "newest", "middle: beyond the limit of 1 entry|old: beyond the limit of 1 entry"},
		{Selection{Since: day("2026-02-28"), Limit: 1}, "newest", "old: published 2026-02-27, before the since date 2026-02-28|middle: beyond the limit of 1 entry"},
	}
	for _, tt := range tests {
		kept, left := tt.sel.Apply(entries)
		var k, l []string
		for _, e := range kept {
			k = append(k, e.Title)
		}
		for _, e := range left {
			l = append(l, e.Title+": "+e.Reason)
		}
		if strings.Join(k, " ") != tt.kept || strings.Join(l, "|") != tt.left {
			t.Errorf("%+v: kept %q left %q, want %q and %q", tt.sel, k, l, tt.kept, tt.left)
		}
	}
	undated := []Entry{{Number: 1, Title: "b"}, {Number: 2, Title: "a", Published: day("2020-01-01")}}
	kept, _ := Selection{Since: day("2026-01-01")}.Apply(undated)
	if len(kept) != 1 || kept[0].Title != "b" {
		t.Errorf("undated entries: kept %v, want the undated one in feed order", kept)
	}
}

func TestParseSince(t *testing.T) {
	if got, err := ParseSince("2026-03-01"); err != nil || !got.Equal(day("2026-03-01")) {
		t.Errorf("date: %v %v", got, err)
	}
	if got, err := ParseSince("2026-03-01T10:00:00+02:00"); err != nil || got.UTC().Hour() != 8 {
		t.Errorf("RFC 3339: %v %v", got, err)
	}
	if _, err := ParseSince("March"); err == nil || !strings.Contains(err.Error(), "YYYY-MM-DD") {
		t.Errorf("bad date: %v", err)
	}
}

// TestParseAtomFeed: Atom's entries, content and relative links.
func TestParseAtomFeed(t *testing.T) {
	atom := `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<entry><title>One</title><link href="/one.html"/><updated>2026-03-02T10:00:00Z</updated><content type="html">&lt;p&gt;Full text&lt;/p&gt;</content></entry>
<entry><title>Two</title><link href="https://other.example/two"/><published>2026-03-01T10:00:00Z</published><summary>Only a summary</summary></entry></feed>`
	r := Response{Address: "https://wire.example/feed", Final: "https://wire.example/feeds/atom", MediaType: "text/plain", Body: []byte(atom)}
	if !IsFeed(r) {
		t.Error("an Atom body served as text/plain is not known as a feed")
	}
	f, err := ParseFeed(r)
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "Wire" || len(f.Entries) != 2 {
		t.Fatalf("feed %+v", f)
	}
	one, two := f.Entries[0], f.Entries[1]
	if one.Link != "https://wire.example/one.html" || one.Content != "<p>Full text</p>" || !one.Published.Equal(time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("entry one %+v", one)
	}
	if two.Link != "https://other.example/two" || two.Content != "" {
		t.Errorf("entry two %+v", two)
	}
	page := Response{Address: "https://x/", MediaType: "text/html", Body: []byte("<html><body>hi</body></html>")}
	if IsFeed(page) {
		t.Error("an HTML page is taken for a feed")
	}
	if _, err := ParseFeed(Response{Address: "https://x/f", Body: []byte("{not a feed")}); err == nil || !strings.HasPrefix(err.Error(), "https://x/f: not readable as an RSS or Atom feed") {
		t.Errorf("broken feed: %v", err)
	}
}
