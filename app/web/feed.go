package web

import (
	"bytes"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"claimdesk/app/dataset"
)

// Feed is a news feed's title and entries, in the order the feed lists
// them.
type Feed struct {
	Title   string
	Entries []Entry
}

// Entry is one item of a feed.
type Entry struct {
	Number int    // 1-based place in the feed
	Link   string // the entry's page, made absolute; "" when it has none
	Title  string
	// Content is the entry's full content (RSS content:encoded, Atom
	// content), HTML or text; a summary (description) does not count.
	Content string
	// Published is when the entry was published, else last updated; zero
	// when the feed does not say.
	Published time.Time
}

// feedMediaTypes are the Content-Types servers send feeds under.
var feedMediaTypes = []string{"application/rss+xml", "application/atom+xml", "application/feed+json",
	"application/rdf+xml", "application/xml", "text/xml", "application/x-rss+xml"}

// IsFeed reports whether a response is a news feed: its Content-Type says
// so, or, when the server sent a generic type, its body is RSS, Atom or a
// JSON Feed.
func IsFeed(r Response) bool {
	switch {
	case slices.Contains(feedMediaTypes, r.MediaType):
		return true
	case r.MediaType == "" || r.MediaType == "text/plain" || r.MediaType == "application/octet-stream" || r.MediaType == "application/json":
		return gofeed.DetectFeedType(bytes.NewReader(r.Body)) != gofeed.FeedTypeUnknown
	}
	return false
}

// ParseFeed reads an RSS, Atom or JSON feed fetched from r.Address,
// making its entries' links absolute against where it was fetched from.
func ParseFeed(r Response) (Feed, error) {
	parsed, err := gofeed.NewParser().Parse(bytes.NewReader(r.Body))
	if err != nil {
		return Feed{}, dataset.Problem{File: r.Address, Message: "not readable as an RSS or Atom feed: " + err.Error()}
	}
	base, _ := url.Parse(r.Final)
	feed := Feed{Title: strings.TrimSpace(parsed.Title)}
	for i, item := range parsed.Items {
		e := Entry{Number: i + 1, Title: strings.TrimSpace(item.Title), Content: strings.TrimSpace(item.Content)}
		if link := strings.TrimSpace(item.Link); link != "" {
			e.Link = absolute(base, link)
		}
		switch {
		case item.PublishedParsed != nil:
			e.Published = *item.PublishedParsed
		case item.UpdatedParsed != nil:
			e.Published = *item.UpdatedParsed
		}
		feed.Entries = append(feed.Entries, e)
	}
	return feed, nil
}

func absolute(base *url.URL, link string) string {
	u, err := url.Parse(link)
	if err != nil || base == nil {
		return link
	}
	return base.ResolveReference(u).String()
}

// Selection narrows a feed to the entries to import.
type Selection struct {
	// Since leaves out entries published before it; entries without a
	// date stay. Zero keeps every date.
	Since time.Time
	// Limit keeps at most this many entries, the newest; 0 keeps all.
	Limit int
}

// LeftOut is an entry a Selection did not take, and why.
type LeftOut struct {
	Entry
	Reason string
}

// Apply returns the entries to import, newest first when every entry is
// dated (else in the feed's order, which feeds keep newest first), and
// those left out with the reason.
func (s Selection) Apply(entries []Entry) (kept []Entry, left []LeftOut) {
	kept = slices.Clone(entries)
	if !slices.ContainsFunc(kept, func(e Entry) bool { return e.Published.IsZero() }) {
		slices.SortStableFunc(kept, func(a, b Entry) int { return b.Published.Compare(a.Published) })
	}
	if !s.Since.IsZero() {
		kept = slices.DeleteFunc(kept, func(e Entry) bool {
			if !e.Published.IsZero() && e.Published.Before(s.Since) {
				left = append(left, LeftOut{e, fmt.Sprintf("published %s, before the since date %s",
					e.Published.UTC().Format(time.DateOnly), s.Since.UTC().Format(time.DateOnly))})
				return true
			}
			return false
		})
	}
	if s.Limit > 0 && len(kept) > s.Limit {
		limit := fmt.Sprintf("beyond the limit of %d entries", s.Limit)
		if s.Limit == 1 {
			limit = "beyond the limit of 1 entry"
		}
		for _, e := range kept[s.Limit:] {
			left = append(left, LeftOut{e, limit})
		}
		kept = kept[:s.Limit]
	}
	return kept, left
}

// ParseSince reads a --since date: 2006-01-02 (midnight UTC), or an RFC
// 3339 time.
func ParseSince(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date: want YYYY-MM-DD (e.g. 2026-03-01) or an RFC 3339 time", s)
}

// EntryName is how an entry is named in a report: its link, else its
// place in the feed.
func EntryName(feedAddress string, e Entry) string {
	if e.Link != "" {
		return e.Link
	}
	return fmt.Sprintf("%s entry %d", feedAddress, e.Number)
}
