// Package webtest serves, on a local httptest server, the pages and feeds
// the tests of web imports fetch: an article, redirect chains, failures
// (404, 503, a slow answer, a huge body, a PDF), a page in a legacy
// charset and an RSS feed of three entries. Only tests import it.
package webtest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"claimdesk/app/dataset"
)

// ArticleTitle is the headline of the page at /article.html.
const ArticleTitle = "Ministry denies grain deal report"

// ArticleHTML is the page at /article.html: a headline, a byline, the
// article's paragraphs, and the navigation and footer reader mode drops.
const ArticleHTML = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>` + ArticleTitle + ` | Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>` + ArticleTitle + `</h1>
<p class="byline">By Lena Ortiz</p>
<p>The agriculture ministry on Tuesday denied a newspaper report that it had agreed to sell
grain below market prices. "There is no such deal and there never was," ministry spokesman
Tomas Berg told reporters in the capital.</p>
<p>The opposition accused the government of hiding the terms of the agreement. "They are
keeping farmers in the dark," said opposition leader Marta Ruiz, who called for a hearing.</p>
<p>Trade officials praised the ministry's exporters as "the most reliable partners in the
region", but declined to comment on the report itself. The ministry said it would publish
its export figures next month, as it does every quarter, and that no contract had been signed.</p>
</article>
<footer>© Harbour Gazette. Subscribe to our newsletter.</footer>
</body></html>`

// Latin1Title is the headline of /latin1.html, whose é and ü arrive in
// ISO-8859-1 as the server's Content-Type says, while the page wrongly
// declares UTF-8.
const Latin1Title = "Café owners deny müesli price fixing"

// Server is the local site; URL(path) gives an address on it.
type Server struct {
	*httptest.Server
	// Slow is how long /slow waits before it answers; the client's
	// time-out should be shorter.
	Slow time.Duration
}

// URL is the address of path on the server.
func (s *Server) URL(path string) string { return s.Server.URL + path }

// New starts the server; it closes when the test ends.
func New(t testing.TB) *Server {
	s := &Server{Slow: 5 * time.Second}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	switch {
	case path == "/article.html":
		page(w, "text/html; charset=utf-8", ArticleHTML)
	case strings.HasPrefix(path, "/redirect/"):
		n, err := strconv.Atoi(strings.TrimPrefix(path, "/redirect/"))
		if err != nil || n < 0 {
			http.NotFound(w, r)
			return
		}
		next := "/article.html"
		if n > 1 {
			next = fmt.Sprintf("/redirect/%d", n-1)
		}
		http.Redirect(w, r, next, http.StatusFound)
	case path == "/unavailable":
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
	case path == "/slow":
		select {
		case <-r.Context().Done():
		case <-time.After(s.Slow):
			page(w, "text/html", ArticleHTML)
		}
	case path == "/huge-declared":
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", strconv.Itoa(dataset.MaxArticleFileSize+1))
		w.WriteHeader(http.StatusOK)
	case path == "/huge-streamed":
		w.Header().Set("Content-Type", "text/html")
		chunk := []byte(strings.Repeat("<p>grain</p>\n", 1<<16))
		for sent := 0; sent <= dataset.MaxArticleFileSize; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	case path == "/report.pdf":
		w.Header().Set("Content-Type", "application/pdf")
		_, _ = w.Write([]byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"))
	case path == "/latin1.html":
		w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
		_, _ = w.Write([]byte("<html><head><meta charset=\"utf-8\"><title>Caf\xe9 owners deny m\xfcesli price fixing</title></head><body><article><h1>Caf\xe9 owners deny m\xfcesli price fixing</h1>" +
			"<p>\"We have never agreed on a price with anyone,\" the owners of Caf\xe9 Sonne said on Monday, after the competition office opened an inquiry into m\xfcesli prices in the old town.</p>" +
			"<p>The office accused six caf\xe9s of sharing their price lists in a group chat for two years, which the owners denied in a joint letter to the city council.</p></article></body></html>"))
	case path == "/feed.xml":
		page(w, "application/rss+xml; charset=utf-8", s.feed())
	case strings.HasPrefix(path, "/news/"):
		n := strings.TrimSuffix(strings.TrimPrefix(path, "/news/"), ".html")
		if story, ok := stories[n]; ok {
			page(w, "text/html; charset=utf-8", storyPage(story))
			return
		}
		http.NotFound(w, r)
	default:
		http.NotFound(w, r)
	}
}

func page(w http.ResponseWriter, contentType, body string) {
	w.Header().Set("Content-Type", contentType)
	_, _ = w.Write([]byte(body))
}

// story is one article of the feed.
type story struct {
	title, date, body string
	inFeed            bool // the feed carries its full content
}

// stories are the feed's three entries, newest first as feeds list them.
var stories = map[string]story{
	"3": {title: "Port union praises new safety rules", date: "Tue, 03 Mar 2026 09:00:00 +0000",
		body: "The dockworkers' union praised the new safety rules as \"the best thing to happen to this port in a decade\", its chair Ines Kowal said on Tuesday, after the harbour authority adopted them unanimously."},
	"2": {title: "Mayor accuses contractor of delays", date: "Mon, 02 Mar 2026 09:00:00 +0000", inFeed: true,
		body: "The mayor accused the bridge contractor of hiding delays from the council. \"They told us the steel had arrived when it had not even been ordered,\" Mayor Anton Weiss said at a press conference."},
	"1": {title: "Minister denies grain deal", date: "Sun, 01 Mar 2026 09:00:00 +0000",
		body: "\"There is no such deal and there never was,\" the agriculture minister said on Sunday, denying a report that grain had been sold below market prices to a neighbouring country."},
}

// StoryTitle is the title of feed entry n (1 to 3; 3 is the newest).
func StoryTitle(n int) string { return stories[strconv.Itoa(n)].title }

// StoryAddress is where feed entry n's page is.
func (s *Server) StoryAddress(n int) string { return s.URL(fmt.Sprintf("/news/%d.html", n)) }

func storyPage(st story) string {
	return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + st.title + "</title></head><body>" +
		"<nav><a href=\"/\">Home</a></nav><article><h1>" + st.title + "</h1><p>" + st.body + "</p><p>" + st.body +
		"</p></article><footer>Harbour Gazette</footer></body></html>"
}

// feed is the RSS feed at /feed.xml: entries 3, 2, 1; entry 2 carries its
// full content, the others only a summary and a link.
func (s *Server) feed() string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Harbour Gazette</title><link>` + s.URL("/") + `</link><description>News from the harbour</description>
`)
	for _, n := range []string{"3", "2", "1"} {
		st := stories[n]
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s</link><pubDate>%s</pubDate><description>%s</description>",
			st.title, s.URL("/news/"+n+".html"), st.date, "A short summary.")
		if st.inFeed {
			fmt.Fprintf(&b, "<content:encoded><![CDATA[<p>%s</p><p>Reported for the feed.</p>]]></content:encoded>", st.body)
		}
		b.WriteString("</item>\n")
	}
	b.WriteString("</channel></rss>\n")
	return b.String()
}
