package dataset

import (
	"strings"
	"testing"
)

// TestParseWebPageCharset: the server's charset comes first, then the
// rules for files; a label nobody knows is said and the page still read.
func TestParseWebPageCharset(t *testing.T) {
	latin1 := []byte("<html><head><meta charset=\"windows-1251\"><title>Caf\xe9</title></head><body><p>Le caf\xe9 est ferm\xe9 depuis lundi, dit le maire.</p></body></html>")
	utf8Page := []byte("<html><head><title>Café</title></head><body><p>Le café est fermé depuis lundi, dit le maire.</p></body></html>")
	tests := []struct {
		name, header string
		data         []byte
		wantText     string
		wantWarning  string
	}{
		{"header over meta", "iso-8859-1", latin1, "Le café est fermé", ""},
		{"meta without header", "", latin1, "Le caf\u0439 est ferm\u0439", ""},
		{"unknown header label", "x-klingon", utf8Page, "Le café est fermé", `the server declares the unknown charset "x-klingon"; read as utf-8`},
		{"UTF-8 header", "utf-8", utf8Page, "Le café est fermé", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, problems, err := ParseWebPage("https://example.org/a", tt.data, tt.header)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(doc.Text, tt.wantText) || doc.Source != "https://example.org/a" {
				t.Errorf("text %q source %q, want %q", doc.Text, doc.Source, tt.wantText)
			}
			var warnings []string
			for _, p := range problems {
				warnings = append(warnings, p.Message)
			}
			if got := strings.Join(warnings, "; "); got != tt.wantWarning {
				t.Errorf("warnings %q, want %q", got, tt.wantWarning)
			}
		})
	}
}

// TestParseFeedContent: a feed entry's content is all text, after the
// entry's title; content with no text is refused by the entry's name.
func TestParseFeedContent(t *testing.T) {
	doc, _, err := ParseFeedContent("https://example.org/e1", " Mayor  accuses\ncontractor ", "<p>First.</p><script>x()</script><p>Second &amp; last.</p>")
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Mayor accuses contractor" || doc.Text != "Mayor accuses contractor\n\nFirst.\n\nSecond & last." {
		t.Errorf("title %q text %q", doc.Title, doc.Text)
	}
	if _, _, err := ParseFeedContent("https://example.org/e2", "T", "<img src=x>"); err == nil || !strings.HasPrefix(err.Error(), "https://example.org/e2: ") {
		t.Errorf("empty content: %v", err)
	}
}

func FuzzParseWebPage(f *testing.F) {
	f.Add([]byte("<p>x"), "iso-8859-1")
	f.Add([]byte("\xfe\xff\x00<\x00p"), "utf-8")
	f.Add([]byte("<html><body>caf\xe9</body></html>"), "utf-16")
	f.Fuzz(func(t *testing.T, data []byte, header string) {
		doc, _, err := ParseWebPage("https://example.org/f", data, header)
		if err == nil && strings.TrimSpace(doc.Text) == "" {
			t.Error("a page without text was accepted")
		}
	})
}
