package dataset

import (
	"bytes"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
)

// pageEncoding decides how a saved page's bytes are read, in this order:
//
//  1. a byte-order mark;
//  2. bytes that are valid UTF-8 are UTF-8, whatever the page declares:
//     pages saved from a browser or a CMS often keep a stale legacy
//     declaration, or none, while a page in a legacy charset with any
//     letter beyond ASCII is practically never valid UTF-8;
//  3. the charset the page declares anywhere in its <head> (<meta charset>,
//     or <meta http-equiv="Content-Type" content="…; charset=…">), not only
//     in the first 1,024 bytes where HTML's prescan stops;
//  4. what golang.org/x/net/html/charset makes of the first 1,024 bytes,
//     as browsers prescan them, and without a declaration there its guess
//     (windows-1252, the web's default for Latin text).
//
// note, when not empty, tells the user what was decided against the page's
// own word or by guessing.
func pageEncoding(data []byte) (enc encoding.Encoding, name, note string) {
	if hasBOM(data) {
		e, n, _ := charset.DetermineEncoding(data, "")
		return e, n, ""
	}
	declared, declaredName, declaredLabel := declaredCharset(data)
	if utf8.Valid(data) {
		if declared != nil && !isUTF8(declaredName) && !isASCII(data) {
			note = fmt.Sprintf("the page declares the charset %q, but its bytes are valid UTF-8; read as UTF-8", declaredLabel)
		}
		e, _ := charset.Lookup("utf-8")
		return e, "utf-8", note
	}
	if declared != nil {
		return declared, declaredName, ""
	}
	e, n, _ := charset.DetermineEncoding(data, "")
	return e, n, fmt.Sprintf("the page declares no charset and is not UTF-8; read as %s", n)
}

func hasBOM(data []byte) bool { return hasUTF16BOM(data) || bytes.HasPrefix(data, bomUTF8) }

func isUTF8(name string) bool { return name == "utf-8" }

func isASCII(data []byte) bool {
	for _, c := range data {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// declaredCharset finds the first charset a <meta> of the page's head
// declares that golang.org/x/net/html/charset knows: its canonical name
// and the label as the page wrote it. It reads tokens, so a "charset=" in a script or a comment does not
// count; it stops at the body, where a declaration has no effect.
func declaredCharset(data []byte) (enc encoding.Encoding, name, label string) {
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil, "", ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tag, hasAttr := z.TagName()
			switch string(tag) {
			case "body":
				return nil, "", ""
			case "meta":
				if hasAttr {
					if enc, name, label = metaCharset(z); enc != nil {
						return enc, name, label
					}
				}
			}
		}
	}
}

// metaCharset reads the charset one <meta> tag declares, as HTML's
// algorithm for a meta element's charset reads it.
func metaCharset(z *html.Tokenizer) (enc encoding.Encoding, name, label string) {
	var content string
	httpEquiv := false
	for {
		key, val, more := z.TagAttr()
		switch strings.ToLower(string(key)) {
		case "charset":
			label = string(val)
		case "http-equiv":
			httpEquiv = strings.EqualFold(string(val), "content-type")
		case "content":
			content = string(val)
		}
		if !more {
			break
		}
	}
	if label == "" && httpEquiv {
		label = charsetFromContentType(content)
	}
	if label == "" {
		return nil, "", ""
	}
	if enc, name = charset.Lookup(label); strings.HasPrefix(name, "utf-16") {
		// A page that can declare itself in ASCII is not UTF-16: HTML
		// reads such a declaration as UTF-8.
		enc, name = charset.Lookup("utf-8")
	}
	return enc, name, label
}

// charsetFromContentType takes the charset parameter of a Content-Type
// value such as "text/html; charset=windows-1252".
func charsetFromContentType(content string) string {
	_, params, err := mime.ParseMediaType(content)
	if err != nil {
		return ""
	}
	return params["charset"]
}
