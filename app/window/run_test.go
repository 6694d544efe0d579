package window

import (
	"os"
	"strings"
	"testing"
)

// The binary's metadata comes from the repository's FyneApp.toml, so the
// ID, version and migrations are defined there alone.
func TestMetadataFromFyneAppToml(t *testing.T) {
	text, err := os.ReadFile("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	meta, err := readMetadata(text)
	if err != nil {
		t.Fatal(err)
	}
	if meta.ID != "org.claimdesk.app" || meta.Name != "Claimdesk" || meta.Version == "" || !meta.Migrations["fyneDo"] {
		t.Errorf("metadata %+v", meta)
	}
	for bad, want := range map[string]string{"[Details\nID=1": "FyneApp.toml", "[Details]\nName = \"x\"": "no ID"} {
		if _, err := readMetadata([]byte(bad)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("readMetadata(%q) = %v, want an error with %q", bad, err, want)
		}
	}
}
