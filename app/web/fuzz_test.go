package web

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseFeed: whatever a server sends as a feed is read or refused
// with a message, never a crash.
func FuzzParseFeed(f *testing.F) {
	f.Add([]byte(`<rss version="2.0"><channel><item><title>a</title><link>/x</link></item></channel></rss>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="x"/><content>y</content></entry></feed>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"url":"x","content_html":"<p>y"}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		r := Response{Address: "https://example.org/feed", Final: "https://example.org/feed", Body: body}
		_ = IsFeed(r)
		if feed, err := ParseFeed(r); err == nil {
			_, _ = Selection{Limit: 1}.Apply(feed.Entries)
		}
	})
}

// FuzzReadShortcut: a damaged link file or address list gives an address
// or a message, never a crash.
func FuzzReadShortcut(f *testing.F) {
	f.Add([]byte("[InternetShortcut]\nURL=https://example.org/\n"), true)
	f.Add([]byte(`<plist><dict><key>URL</key><string>https://example.org/</string></dict></plist>`), false)
	f.Fuzz(func(t *testing.T, data []byte, windows bool) {
		dir := t.TempDir()
		name := "link.webloc"
		if windows {
			name = "link.url"
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if address, err := ReadShortcut(path); err == nil && !IsAddress(address) {
			t.Errorf("ReadShortcut gave %q, not an address", address)
		}
		_, _, _ = ReadAddressList(path)
	})
}
