// Package web fetches what an analyst asks Claimdesk to import from the
// web: a page at an address, or a news feed (RSS or Atom) and the pages of
// its entries. It fetches only when asked, never in the background, within
// a time-out, a size limit and a few redirects, and names the address in
// every failure. What is fetched is read by package dataset and stored by
// package importer; this package holds no store and knows nothing of the GUI.
package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"

	"claimdesk/app/dataset"
)

// Limits on one fetch. A page is held in memory to be read, so it has the
// size limit of an article file.
const (
	// DefaultTimeout bounds a whole fetch, connecting, redirects and
	// reading the body included: long enough for a slow news site, short
	// enough that a dead one does not hold the import.
	DefaultTimeout = 15 * time.Second
	// MaxRedirects is how many redirects are followed; the next is refused.
	MaxRedirects = 5
	// MaxSize is the most a page or feed may hold.
	MaxSize = dataset.MaxArticleFileSize
)

// UserAgent names Claimdesk to the servers it asks, so a site's operator
// can tell what fetched the page and that a person asked for it.
const UserAgent = "Claimdesk/0.1 (news claim annotation; fetches only pages an analyst imports by hand)"

// Client fetches pages and feeds. The zero value uses DefaultTimeout and
// MaxSize.
type Client struct {
	// Timeout bounds each fetch; 0 means DefaultTimeout.
	Timeout time.Duration
	// MaxSize bounds an answer's body; 0 means MaxSize. Tests lower it
	// rather than stream 50 MiB.
	MaxSize int64
}

// Response is what a server sent for an address.
type Response struct {
	Address string // as asked
	Final   string // after redirects; the same as Address without them
	// MediaType is the Content-Type's type ("text/html"), lower case,
	// empty when the server named none; Charset its charset parameter.
	MediaType, Charset string
	Body               []byte
}

// Fetch gets address (http or https only), following at most MaxRedirects
// redirects. Every error is a dataset.Problem naming the address and
// saying what went wrong in words: a host that does not exist, a refused
// connection, a time-out, a status that is not 200, a body above MaxSize.
func (c Client) Fetch(ctx context.Context, address string) (Response, error) {
	if _, err := CheckAddress(address); err != nil {
		return Response{}, err
	}
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, address, nil)
	if err != nil {
		return Response{}, fail(address, "not a usable address: %v", err)
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5")
	client := &http.Client{CheckRedirect: checkRedirect}
	resp, err := client.Do(req)
	if err != nil {
		return Response{}, fetchProblem(address, err, timeout)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return Response{}, fail(address, "the server answered %s", resp.Status)
	}
	limit := c.MaxSize
	if limit <= 0 {
		limit = MaxSize
	}
	if resp.ContentLength > limit {
		return Response{}, tooBig(address, resp.ContentLength, limit)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return Response{}, fetchProblem(address, err, timeout)
	}
	if int64(len(body)) > limit {
		return Response{}, tooBig(address, -1, limit)
	}
	out := Response{Address: address, Final: resp.Request.URL.String(), Body: body}
	if ct := resp.Header.Get("Content-Type"); ct != "" {
		if media, params, err := mime.ParseMediaType(ct); err == nil {
			out.MediaType, out.Charset = media, params["charset"]
		} else {
			out.MediaType = strings.ToLower(strings.TrimSpace(strings.Split(ct, ";")[0]))
		}
	}
	return out, nil
}

// redirectRefused ends a redirect chain; its message names where it
// stopped.
type redirectRefused struct{ message string }

func (r redirectRefused) Error() string { return r.message }

func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > MaxRedirects {
		return redirectRefused{fmt.Sprintf("more than %d redirects; stopped before the next one, to %s", MaxRedirects, req.URL)}
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return redirectRefused{fmt.Sprintf("redirected to %s, which is not an http or https address", req.URL)}
	}
	return nil
}

// fetchProblem says in words why a request failed.
func fetchProblem(address string, err error, timeout time.Duration) error {
	var dnsErr *net.DNSError
	var refused redirectRefused
	switch {
	case errors.As(err, &refused):
		return fail(address, "%s", refused.message)
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		return fail(address, "no complete answer within %s (time-out); the site may be slow or down", timeout)
	case errors.As(err, &dnsErr):
		return fail(address, "the host %s was not found (DNS lookup failed: %s)", dnsErr.Name, dnsErr.Err)
	case errors.Is(err, syscall.ECONNREFUSED):
		return fail(address, "the server refused the connection (nothing is listening at %s)", hostOf(address))
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err // it repeats the address
	}
	return fail(address, "fetching failed: %v", err)
}

func isTimeout(err error) bool {
	var netErr net.Error
	return errors.As(err, &netErr) && netErr.Timeout()
}

func hostOf(address string) string {
	u, err := url.Parse(address)
	if err != nil {
		return address
	}
	if u.Port() == "" {
		port := "80"
		if u.Scheme == "https" {
			port = "443"
		}
		return net.JoinHostPort(u.Hostname(), port)
	}
	return u.Host
}

// tooBig says an answer is over limit bytes: size of them as the server
// declared it, or -1 when it did not and the body ran over.
func tooBig(address string, size, limit int64) error {
	if size < 0 {
		return fail(address, "the answer is larger than the %s limit for an article", mebibytes(limit))
	}
	return fail(address, "the answer is %d bytes, above the %s limit for an article", size, mebibytes(limit))
}

func mebibytes(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

func fail(address, format string, args ...any) error {
	return dataset.Problem{File: address, Message: fmt.Sprintf(format, args...)}
}
