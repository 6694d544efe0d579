package cli

import (
	"flag"
	"time"

	"claimdesk/app/importer"
	"claimdesk/app/web"
)

// webImportHelp is the import command's word on web addresses.
const webImportHelp = "An http:// or https:// address is fetched (only then, 15 s at most, 50 MiB, 5 redirects) and its\n" +
	"page's main text imported with the address as its source; a news feed (RSS or Atom, known by its\n" +
	"Content-Type or content, or any address with --feed) imports each entry, from the content the feed\n" +
	"carries or else from the entry's page, skipping entries stored already (by address or by text)."

// webFlags are the import flags for web addresses and feeds.
type webFlags struct {
	feed, urls bool
	since      string
	limit      int
	timeout    time.Duration
}

func addWebFlags(fs *flag.FlagSet) *webFlags {
	w := &webFlags{}
	fs.BoolVar(&w.feed, "feed", false, "read every address as a news feed (RSS or Atom), whatever its Content-Type")
	fs.StringVar(&w.since, "since", "", "feeds: only entries published on or after `DATE` (YYYY-MM-DD or RFC 3339; undated entries are kept)")
	fs.IntVar(&w.limit, "limit", 0, "feeds: at most `N` entries from each feed, the newest (0: all)")
	fs.BoolVar(&w.urls, "urls", false, "read each FILE as a list of web addresses, one a line (# starts a comment), and import each")
	fs.DurationVar(&w.timeout, "timeout", web.DefaultTimeout, "give up on an address after this `duration`")
	return w
}

func (w *webFlags) options() (importer.WebOptions, error) {
	opts := importer.WebOptions{Client: web.Client{Timeout: w.timeout}, Feed: w.feed, AddressLists: w.urls,
		Entries: web.Selection{Limit: w.limit}}
	if w.since != "" {
		since, err := web.ParseSince(w.since)
		if err != nil {
			return opts, usageErrorf("--since: %v", err)
		}
		opts.Entries.Since = since
	}
	if w.limit < 0 {
		return opts, usageErrorf("--limit %d: want 0 (all) or more", w.limit)
	}
	if w.timeout <= 0 {
		return opts, usageErrorf("--timeout %s: want a positive duration such as 15s", w.timeout)
	}
	return opts, nil
}
