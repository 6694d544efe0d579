package dataset

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"

	"claimdesk/storage"
)

// markdown parses CommonMark with the GitHub extensions (tables,
// strikethrough, task lists, bare links), which analysts' notes use.
var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM))

// parseMarkdown keeps the text of a Markdown file without its markup:
// blocks become paragraphs separated by a blank line, list items and table
// rows lines of their own. A YAML front matter block gives title and meta.
func parseMarkdown(name string, data []byte) (draft, error) {
	raw, fromUTF16, err := articleText(data)
	if err != nil {
		return draft{}, err
	}
	// A UTF-8 mark would hide a heading or front matter on the first line.
	bom := fromUTF16 || strings.HasPrefix(raw, "\uFEFF")
	body, meta := splitFrontMatter(strings.TrimPrefix(raw, "\uFEFF"))
	src := []byte(body)
	root := markdown.Parser().Parse(text.NewReader(src))
	d := draft{file: name, text: tidyParagraphs(blockText(root, src)), meta: meta, bomConsumed: bom}
	d.title = meta.Text("title")
	return d, nil
}

// blockText renders a block node and its children as plain text.
func blockText(n ast.Node, src []byte) string {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
		return strings.TrimSpace(inlineText(n, src))
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		return strings.TrimRight(string(linesOf(n, src)), "\n")
	case *ast.HTMLBlock:
		lines := linesOf(n, src)
		if n.HasClosure() {
			lines = append(lines, n.ClosureLine.Value(src)...)
		}
		return htmlFragmentText(lines)
	case *ast.ThematicBreak:
		return ""
	case *ast.List:
		return joinChildren(n, src, listSeparator(n))
	case *ast.ListItem:
		return joinChildren(n, src, listSeparator(n.Parent()))
	case *east.Table:
		return joinChildren(n, src, "\n")
	case *east.TableHeader, *east.TableRow:
		cells := make([]string, 0, n.ChildCount())
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, strings.TrimSpace(inlineText(c, src)))
		}
		return strings.Join(cells, "\t")
	}
	return joinChildren(n, src, "\n\n")
}

func listSeparator(list ast.Node) string {
	if l, ok := list.(*ast.List); ok && !l.IsTight {
		return "\n\n"
	}
	return "\n"
}

func joinChildren(n ast.Node, src []byte, sep string) string {
	var parts []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t := blockText(c, src); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, sep)
}

func linesOf(n ast.Node, src []byte) []byte {
	var b []byte
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b = append(b, seg.Value(src)...)
	}
	return b
}

// inlineText renders inline content: emphasis, links and images give their
// text, code its characters, raw HTML tags nothing.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	var walk func(ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				writeText(&b, c, src, false)
			case *ast.String:
				b.Write(c.Value)
			case *ast.CodeSpan:
				for t := c.FirstChild(); t != nil; t = t.NextSibling() {
					if t, ok := t.(*ast.Text); ok {
						writeText(&b, t, src, true)
					}
				}
			case *ast.AutoLink:
				b.Write(c.Label(src))
			case *ast.RawHTML, *east.TaskCheckBox:
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

// writeText writes a text node, resolving backslash escapes and character
// references outside code, and its line break: a soft break within a
// paragraph becomes a space, a hard break a line end.
func writeText(b *strings.Builder, t *ast.Text, src []byte, code bool) {
	v := t.Value(src)
	if !code && !t.IsRaw() {
		v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
	}
	b.Write(v)
	switch {
	case t.HardLineBreak():
		b.WriteByte('\n')
	case t.SoftLineBreak():
		b.WriteByte(' ')
	}
}

// htmlFragmentText keeps the text of raw HTML in a Markdown file, without
// tags, scripts or styles.
func htmlFragmentText(fragment []byte) string {
	var b strings.Builder
	z := html.NewTokenizer(bytes.NewReader(fragment))
	skip := false
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.TrimSpace(b.String())
		case html.StartTagToken:
			name, _ := z.TagName()
			skip = string(name) == "script" || string(name) == "style"
		case html.EndTagToken:
			skip = false
		case html.TextToken:
			if !skip {
				b.Write(z.Text())
			}
		}
	}
}

// splitFrontMatter separates a leading YAML front matter block ("---" lines
// around "key: value" lines, as static site generators and note apps write)
// from a Markdown body. Only flat scalar keys are read; they become meta.
func splitFrontMatter(src string) (body string, meta storage.Meta) {
	rest, ok := cutLine(src, "---")
	if !ok {
		return src, nil
	}
	meta = storage.Meta{}
	for rest != "" {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		line = strings.TrimRight(line, "\r")
		if line == "---" || line == "..." {
			return rest, meta
		}
		key, value, found := strings.Cut(line, ":")
		key = strings.TrimSpace(key)
		if !found || key == "" || strings.HasPrefix(key, "#") || strings.ContainsAny(key, " \t") {
			continue
		}
		if value = unquoteYAML(strings.TrimSpace(value)); value != "" {
			meta[key] = storage.MetaString(value)
		}
	}
	return src, nil // never closed: not front matter
}

// cutLine reports whether s starts with the line want and returns the rest.
func cutLine(s, want string) (string, bool) {
	line, rest, found := strings.Cut(s, "\n")
	if !found || strings.TrimRight(line, "\r ") != want {
		return s, false
	}
	return rest, true
}

func unquoteYAML(v string) string {
	if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
		return v[1 : len(v)-1]
	}
	return v
}
