package dataset

import (
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"

	"claimdesk/storage"
)

// ParseWebPage reads a page fetched from address as a saved .html file is
// read (reader mode's main text and title), its source the address.
// headerCharset is the charset parameter of the response's Content-Type,
// "" when the server named none: a server's word on the charset comes
// before the page's own, as browsers take it. Problems and the error name
// the address.
func ParseWebPage(address string, data []byte, headerCharset string) (Document, []Problem, error) {
	if err := checkSize(formatHTML, int64(len(data))); err != nil {
		return Document{}, nil, FileProblem(address, err)
	}
	enc, encName, encNote := webPageEncoding(data, headerCharset)
	d, warnings, err := parseHTMLAs(address, data, enc, encName, encNote)
	if err != nil {
		return Document{}, nil, FileProblem(address, err)
	}
	d.source = address
	return finishOne(d, warnings)
}

// webPageEncoding is pageEncoding with the server's charset first: a
// byte-order mark, then the Content-Type header's charset, then what the
// page's bytes and declarations say.
func webPageEncoding(data []byte, headerCharset string) (enc encoding.Encoding, name, note string) {
	if label := strings.TrimSpace(headerCharset); label != "" && !hasBOM(data) {
		if enc, name := charset.Lookup(label); enc != nil {
			return enc, name, ""
		}
		enc, name, note := pageEncoding(data)
		unknown := fmt.Sprintf("the server declares the unknown charset %q; read as %s", label, name)
		if note != "" {
			unknown += " (" + note + ")"
		}
		return enc, name, unknown
	}
	return pageEncoding(data)
}

// ParseFeedContent reads the full content a news feed carries for one
// entry (HTML or plain text, already decoded by the feed's parser) as an
// article: the entry's title, then the content's whole visible text, since
// a feed's content is the article without a page around it. name is where
// the entry came from (its link) and becomes the source.
func ParseFeedContent(name, title, content string) (Document, []Problem, error) {
	if int64(len(content)) > MaxArticleFileSize {
		return Document{}, nil, FileProblem(name, fmt.Errorf("the entry's content is %s, above the %s limit for an article",
			humanSize(int64(len(content))), humanSize(MaxArticleFileSize)))
	}
	root, err := html.Parse(strings.NewReader(content))
	if err != nil {
		return Document{}, nil, FileProblem(name, fmt.Errorf("the entry's content is not readable as HTML: %w", err))
	}
	body := tidyParagraphs(strings.ReplaceAll(pageText(root), "\u00AD", ""))
	if body == "" {
		return Document{}, nil, Problem{File: name, Message: "the feed entry's content holds no text"}
	}
	title = strings.Join(strings.Fields(title), " ")
	text := body
	if title != "" && !strings.HasPrefix(body, title) {
		text = title + "\n\n" + body
	}
	return finishOne(draft{file: name, source: name, title: title, text: text}, nil)
}

// finishOne finishes a draft that is a whole article, with the warnings
// parsing it gave.
func finishOne(d draft, warnings []Problem) (Document, []Problem, error) {
	doc, problems, err := d.finish()
	if err != nil {
		return Document{}, nil, err
	}
	return doc, sortProblems(append(warnings, problems...)), nil
}

// WithMeta returns meta with key set to value, leaving a value the article
// already has under key alone: a page's own meta is never overwritten.
func WithMeta(meta storage.Meta, key, value string) storage.Meta {
	if value == "" {
		return meta
	}
	if _, taken := meta[key]; taken {
		return meta
	}
	if meta == nil {
		meta = storage.Meta{}
	}
	meta[key] = storage.MetaString(value)
	return meta
}
