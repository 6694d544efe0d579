package importer

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"time"

	"claimdesk/app/dataset"
	"claimdesk/app/web"
	"claimdesk/storage"
)

// WebOptions say how an import fetches and reads web addresses.
type WebOptions struct {
	// Client fetches; its zero value has web.DefaultTimeout.
	Client web.Client
	// Feed reads every address as a news feed, whatever its Content-Type
	// says; otherwise a feed is known by its Content-Type or its content.
	Feed bool
	// Entries narrows each feed to the entries imported.
	Entries web.Selection
	// AddressLists reads each file given as a list of web addresses, one
	// a line, instead of as an article.
	AddressLists bool
}

// feedEntry is a feed's entry waiting to be imported.
type feedEntry struct {
	web.Entry
	feed, feedTitle string // the feed's address and title
}

// webState is what the web part of one import has learned.
type webState struct {
	// stored maps the source of every stored article to it, so a feed's
	// entry already stored is skipped without fetching its page.
	stored map[string]storage.ArticleSummary
}

// storedAt gives the article stored from address, if any.
func (im *job) storedAt(address string) (storage.ArticleSummary, bool, error) {
	if im.web == nil {
		summaries, err := im.store.ArticleSummaries()
		if err != nil {
			return storage.ArticleSummary{}, false, fmt.Errorf("import %s: %w", address, err)
		}
		im.web = &webState{stored: make(map[string]storage.ArticleSummary, len(summaries))}
		for _, s := range summaries {
			if web.IsAddress(s.Source) {
				im.web.stored[s.Source] = s
			}
		}
	}
	a, ok := im.web.stored[address]
	return a, ok, nil
}

// importAddress fetches an address and imports the page, or, when it is a
// feed, puts the feed's entries after unit i to be imported next.
func (im *job) importAddress(i int, u unit) error {
	log := im.current()
	resp, err := im.opts.Web.Client.Fetch(context.Background(), u.address)
	if err != nil {
		fail(log.fixed(), u.path, err)
		return nil
	}
	if im.opts.Web.Feed || web.IsFeed(resp) {
		return im.expandFeed(i, u, resp)
	}
	return im.importPage(u.path, resp, nil)
}

// importPage imports a fetched page; entry, when set, is the feed entry
// that linked to it.
func (im *job) importPage(path string, resp web.Response, entry *feedEntry) error {
	log := im.current()
	if !isHTML(resp) {
		fail(log.fixed(), path, dataset.Problem{File: path, Message: notHTML(resp)})
		return nil
	}
	doc, problems, err := dataset.ParseWebPage(path, resp.Body, resp.Charset)
	if err != nil {
		fail(log.fixed(), path, err)
		return nil
	}
	if resp.Final != resp.Address {
		doc.Meta = dataset.WithMeta(doc.Meta, "final_url", resp.Final)
	}
	doc.Meta = entryMeta(doc.Meta, entry)
	log.problems = problems
	return im.importDoc(path, doc)
}

// entryMeta notes the feed an article came from, and its date when the
// page gave none.
func entryMeta(meta storage.Meta, entry *feedEntry) storage.Meta {
	if entry == nil {
		return meta
	}
	meta = dataset.WithMeta(meta, "feed", entry.feed)
	meta = dataset.WithMeta(meta, "feed_title", entry.feedTitle)
	if !entry.Published.IsZero() {
		meta = dataset.WithMeta(meta, "published", entry.Published.UTC().Format(time.RFC3339))
	}
	return meta
}

// isHTML reports whether a response is a web page: its Content-Type says
// HTML, or it names none and the body looks like HTML.
func isHTML(r web.Response) bool {
	switch r.MediaType {
	case "text/html", "application/xhtml+xml":
		return true
	case "":
		ct := http.DetectContentType(r.Body)
		return len(ct) >= 9 && ct[:9] == "text/html"
	}
	return false
}

func notHTML(r web.Response) string {
	kind := r.MediaType
	if kind == "" {
		kind = http.DetectContentType(r.Body)
	}
	return fmt.Sprintf("not a web page: the server sent %s; Claimdesk reads HTML pages and RSS or Atom feeds from the web (save other files and import them)", kind)
}

// expandFeed reads a feed and queues its selected entries right after it;
// the entries it leaves out are reported as skipped, one by one.
func (im *job) expandFeed(i int, u unit, resp web.Response) error {
	log := im.current()
	feed, err := web.ParseFeed(resp)
	if err != nil {
		if isHTML(resp) {
			err = dataset.Problem{File: u.path, Message: "a web page, not a news feed (import it without --feed, or choose Page)"}
		}
		fail(log.fixed(), u.path, err)
		return nil
	}
	if len(feed.Entries) == 0 {
		r := log.fixed()
		r.Warnings = append(r.Warnings, dataset.Problem{File: u.path, Warning: true, Message: "the feed lists no entries"})
		return nil
	}
	kept, left := im.opts.Web.Entries.Apply(feed.Entries)
	r := log.fixed()
	for _, l := range left {
		r.Skipped = append(r.Skipped, Skipped{Path: web.EntryName(u.address, l.Entry), Title: l.Title, Reason: l.Reason})
	}
	entries := make([]unit, 0, len(kept))
	links := map[string]bool{}
	for _, e := range kept {
		name := web.EntryName(u.address, e)
		if e.Link != "" && links[e.Link] {
			r.Skipped = append(r.Skipped, Skipped{Path: name, Title: e.Title, Reason: "the feed lists this address twice"})
			continue
		}
		links[e.Link] = true
		entries = append(entries, unit{path: name, entry: &feedEntry{Entry: e, feed: u.address, feedTitle: feed.Title}})
	}
	im.units = slices.Insert(im.units, i+1, entries...)
	im.total = len(im.units)
	return nil
}

// importEntry imports a feed's entry: skipped when its address is stored
// already, from its full content when the feed carries it, else from its
// page.
func (im *job) importEntry(u unit) error {
	log := im.current()
	e := u.entry
	if e.Link != "" {
		stored, ok, err := im.storedAt(e.Link)
		if err != nil {
			return err
		}
		if ok {
			log.skip(u.path, dataset.Document{Title: e.Title},
				fmt.Sprintf("stored already from this address as article %d %q", stored.ID, stored.Title))
			return nil
		}
	}
	if e.Content != "" {
		doc, problems, err := dataset.ParseFeedContent(u.path, e.Title, e.Content)
		if err != nil {
			fail(log.fixed(), u.path, err)
			return nil
		}
		doc.Meta = entryMeta(doc.Meta, e)
		log.problems = problems
		return im.importDoc(u.path, doc)
	}
	if e.Link == "" {
		fail(log.fixed(), u.path, dataset.Problem{File: u.path, Message: "the entry has neither a link nor content"})
		return nil
	}
	resp, err := im.opts.Web.Client.Fetch(context.Background(), e.Link)
	if err != nil {
		fail(log.fixed(), u.path, err)
		return nil
	}
	return im.importPage(u.path, resp, e)
}
