package web

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestIsAddress(t *testing.T) {
	for s, want := range map[string]bool{
		"https://example.org/a": true, "HTTP://EXAMPLE.ORG": true, " http://x/ ": true,
		"/home/a/http://x": false, "ftp://x": false, "article.html": false, "": false,
	} {
		if got := IsAddress(s); got != want {
			t.Errorf("IsAddress(%q) = %v", s, got)
		}
	}
}

// TestReadAddressList: one address a line; blanks and comments left out,
// a line that is no address named by its line.
func TestReadAddressList(t *testing.T) {
	path := filepath.Join(t.TempDir(), "urls.txt")
	list := "\uFEFF# morning reading\nhttps://example.org/a\n\n  http://example.org/b  \nexample.org/c\r\nhttps://example.org/d\r\n"
	if err := os.WriteFile(path, []byte(list), 0o644); err != nil {
		t.Fatal(err)
	}
	got, problems, err := ReadAddressList(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []ListedAddress{{"https://example.org/a", 2}, {"http://example.org/b", 4}, {"https://example.org/d", 6}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if len(problems) != 1 || problems[0].Line != 5 || !strings.Contains(problems[0].Message, `"example.org/c" is not a web address`) {
		t.Errorf("problems %v", problems)
	}
	empty := filepath.Join(t.TempDir(), "empty.txt")
	_ = os.WriteFile(empty, []byte("# nothing\n"), 0o644)
	if _, _, err := ReadAddressList(empty); err == nil || !strings.Contains(err.Error(), "no web addresses") {
		t.Errorf("empty list: %v", err)
	}
}

// TestReadShortcut: the link files desktops write for a dragged link.
func TestReadShortcut(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.url":    "[{000214A0-0000-0000-C000-000000000046}]\r\nProp3=19,11\r\n[InternetShortcut]\r\nIDList=\r\nURL=https://example.org/news/1\r\n",
		"b.webloc": `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd"><plist version="1.0"><dict><key>URL</key><string>https://example.org/news/2</string></dict></plist>`,
		"c.url":    "[InternetShortcut]\nURL=file:///etc/passwd\n",
		"d.webloc": "not a plist",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, want := range map[string]string{"a.url": "https://example.org/news/1", "b.webloc": "https://example.org/news/2",
		"c.url": "not an http or https address", "d.webloc": "without a web address"} {
		got, err := ReadShortcut(filepath.Join(dir, name))
		if err != nil {
			got = err.Error()
		}
		if !strings.Contains(got, want) {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
}
