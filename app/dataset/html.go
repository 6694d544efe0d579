package dataset

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/text/encoding"

	"claimdesk/storage"
)

// maxHTMLElements keeps the reader-mode scoring, which revisits nodes, to
// pages of a sane size; bigger pages fall back to their whole text.
const maxHTMLElements = 100_000

// parseHTML extracts a saved web page's main text and title the way reader
// modes do, its bytes read in the charset pageEncoding decides. The page is
// only parsed: no script runs and nothing is fetched. The headline opens
// the text, since headlines carry claims too.
func parseHTML(name string, data []byte) (draft, []Problem, error) {
	enc, encName, encNote := pageEncoding(data)
	return parseHTMLAs(name, data, enc, encName, encNote)
}

// parseHTMLAs is parseHTML with the charset decided by the caller: a page
// fetched from the web has its server's word on it too.
func parseHTMLAs(name string, data []byte, enc encoding.Encoding, encName, encNote string) (draft, []Problem, error) {
	bom := hasBOM(data)
	decoded, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return draft{}, nil, fmt.Errorf("decoding the page's charset %s: %w", encName, err)
	}
	decoded = bytes.TrimPrefix(decoded, bomUTF8)
	if err := checkText(decoded, false); err != nil {
		return draft{}, nil, err
	}
	root, err := html.Parse(bytes.NewReader(decoded))
	if err != nil {
		return draft{}, nil, fmt.Errorf("not readable as HTML: %w", err)
	}
	parser := readability.NewParser()
	parser.MaxElemsToParse = maxHTMLElements
	article, err := parser.ParseDocument(root, nil)
	var body string
	if err == nil && article.Node != nil {
		body = render.InnerText(article.Node)
	}
	body = tidyParagraphs(strings.ReplaceAll(body, "\u00AD", ""))
	var warnings []Problem
	if encNote != "" {
		warnings = append(warnings, Problem{File: name, Warning: true, Message: encNote})
	}
	if body == "" {
		if body = tidyParagraphs(pageText(root)); body == "" {
			return draft{}, nil, fmt.Errorf("no readable text in the page")
		}
		warnings = append(warnings, Problem{File: name, Warning: true,
			Message: "no main article text found; the whole text of the page is imported"})
	}
	title := strings.TrimSpace(article.Title())
	if title == "" {
		title = findTitle(root)
	}
	text := body
	if title != "" && !strings.HasPrefix(body, title) {
		text = title + "\n\n" + body
	}
	d := draft{file: name, title: title, text: text, meta: pageMeta(article), bomConsumed: bom}
	return d, warnings, nil
}

// pageMeta keeps what reader mode learned about the article.
func pageMeta(a readability.Article) storage.Meta {
	meta := storage.Meta{}
	add := func(key, value string) {
		if value = strings.TrimSpace(value); value != "" {
			meta[key] = storage.MetaString(value)
		}
	}
	add("byline", a.Byline())
	add("site_name", a.SiteName())
	add("language", a.Language())
	if t, err := a.PublishedTime(); err == nil {
		add("published", t.UTC().Format(time.RFC3339))
	}
	if len(meta) == 0 {
		return nil
	}
	return meta
}

// pageText is the visible text of the whole <body>, for pages where reader
// mode finds no article.
func pageText(root *html.Node) string {
	body := findElement(root, "body")
	if body == nil {
		return ""
	}
	dropElements(body, "script", "noscript", "template", "style")
	return render.InnerText(body)
}

func findTitle(root *html.Node) string {
	if t := findElement(root, "title"); t != nil && t.FirstChild != nil {
		return strings.Join(strings.Fields(t.FirstChild.Data), " ")
	}
	return ""
}

func findElement(n *html.Node, tag string) *html.Node {
	if n.Type == html.ElementNode && n.Data == tag {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if found := findElement(c, tag); found != nil {
			return found
		}
	}
	return nil
}

func dropElements(n *html.Node, tags ...string) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && slices.Contains(tags, c.Data) {
			n.RemoveChild(c)
		} else {
			dropElements(c, tags...)
		}
		c = next
	}
}
