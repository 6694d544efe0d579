package web_test

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"claimdesk/app/web"
	"claimdesk/app/web/webtest"
)

// TestFetch: every way a fetch ends, against a local server: the page, a
// redirect chain of 5 (followed) and of 6 (refused), 404, 503, a slow
// server past the time-out, a body over the limit declared and streamed,
// a non-HTML body (fetched; its type is for the importer to judge), and
// addresses refused before any connection.
func TestFetch(t *testing.T) {
	srv := webtest.New(t)
	closed := closedPort(t)
	client := web.Client{Timeout: 300 * time.Millisecond}
	tests := []struct {
		name, address string
		wantErr       string // a part of the message; "" for success
		wantType      string
	}{
		{"page", srv.URL("/article.html"), "", "text/html"},
		{"five redirects", srv.URL("/redirect/5"), "", "text/html"},
		{"six redirects", srv.URL("/redirect/6"), "more than 5 redirects", ""},
		{"not found", srv.URL("/gone.html"), "the server answered 404 Not Found", ""},
		{"server error", srv.URL("/unavailable"), "the server answered 503 Service Unavailable", ""},
		{"slow", srv.URL("/slow"), "no complete answer within 300ms (time-out)", ""},
		{"huge declared", srv.URL("/huge-declared"), "above the 50 MiB limit", ""},
		{"huge streamed", srv.URL("/huge-streamed"), "larger than the 1 MiB limit", ""},
		{"pdf", srv.URL("/report.pdf"), "", "application/pdf"},
		{"refused", "http://" + closed + "/x", "the server refused the connection (nothing is listening at " + closed + ")", ""},
		{"no such host", "http://claimdesk-test.invalid/news", "the host claimdesk-test.invalid was not found", ""},
		{"ftp", "ftp://example.org/a.html", "only http and https addresses are fetched, not ftp", ""},
		{"no host", "https:///a.html", "no host", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := client
			if tt.name == "huge streamed" {
				// Streaming 50 MiB takes longer than a time-out a test
				// can wait out on a busy machine; the limit is the same code.
				c.MaxSize, c.Timeout = 1<<20, 0
			}
			resp, err := c.Fetch(context.Background(), tt.address)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Fetch: %v", err)
				}
				if resp.MediaType != tt.wantType || len(resp.Body) == 0 {
					t.Errorf("type %q, %d bytes; want %q", resp.MediaType, len(resp.Body), tt.wantType)
				}
				return
			}
			if err == nil {
				t.Fatalf("Fetch succeeded, want %q", tt.wantErr)
			}
			if !strings.HasPrefix(err.Error(), tt.address+": ") || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q, want the address then %q", err, tt.wantErr)
			}
		})
	}
}

// TestFetchRedirectKeepsBoth: a redirected fetch says where it ended.
func TestFetchRedirectKeepsBoth(t *testing.T) {
	srv := webtest.New(t)
	resp, err := web.Client{}.Fetch(context.Background(), srv.URL("/redirect/2"))
	if err != nil {
		t.Fatal(err)
	}
	if resp.Address != srv.URL("/redirect/2") || resp.Final != srv.URL("/article.html") {
		t.Errorf("address %q final %q", resp.Address, resp.Final)
	}
}

// TestFetchSendsUserAgent: servers are told who asks.
func TestFetchSendsUserAgent(t *testing.T) {
	if !strings.HasPrefix(web.UserAgent, "Claimdesk/") {
		t.Errorf("User-Agent %q does not name Claimdesk first", web.UserAgent)
	}
}

// TestFetchCharsetFromHeader: the Content-Type's charset is passed on.
func TestFetchCharsetFromHeader(t *testing.T) {
	srv := webtest.New(t)
	resp, err := web.Client{}.Fetch(context.Background(), srv.URL("/latin1.html"))
	if err != nil {
		t.Fatal(err)
	}
	if resp.MediaType != "text/html" || resp.Charset != "iso-8859-1" {
		t.Errorf("type %q charset %q", resp.MediaType, resp.Charset)
	}
}

// closedPort is a local address nothing listens at.
func closedPort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}
