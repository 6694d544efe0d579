package window

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestMemoryComesBackFromItsFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config", memoryFile)
	m, err := loadMemory(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	m.Annotator, m.SnapToWords, m.Zoom = "ana", false, 1.21
	*m.place("a.db") = storePlace{Width: 1100, Height: 720, LastArticle: 3, TopOffset: 812}
	if err := m.save(); err != nil {
		t.Fatal(err)
	}
	again, err := loadMemory(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if again.Annotator != "ana" || again.SnapToWords || again.Zoom != 1.21 {
		t.Errorf("analyst's settings came back as %q, snap %v, zoom %v", again.Annotator, again.SnapToWords, again.Zoom)
	}
	if got := *again.place("a.db"); !reflect.DeepEqual(got, storePlace{Width: 1100, Height: 720, LastArticle: 3, TopOffset: 812}) {
		t.Errorf("the store's place came back as %+v", got)
	}
	if got := *again.place("b.db"); !reflect.DeepEqual(got, storePlace{}) {
		t.Errorf("another store starts at %+v, not afresh", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("saving left %d files beside the memory, want only it", len(entries))
	}
}

func TestMemoryThatCannotBeRead(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, text, complaint string
	}{
		{"not JSON", "{\"annotator\": \"ana\"", "not valid JSON"},
		{"wrong types", `{"zoom": "big"}`, "not valid JSON"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".json")
			if err := os.WriteFile(path, []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			m, err := loadMemory(path, nil)
			if err == nil || !strings.Contains(err.Error(), tc.complaint) || !strings.Contains(err.Error(), path) {
				t.Errorf("loading %q said %v", tc.text, err)
			}
			if m.Annotator != "" || !m.SnapToWords || m.Zoom != 1 || m.place("a.db").Width != 0 {
				t.Errorf("a damaged memory did not start as new: %+v", m)
			}
			if err := m.save(); err != nil {
				t.Fatal(err)
			}
			if _, err := loadMemory(path, nil); err != nil {
				t.Errorf("the next save did not replace the damaged file: %v", err)
			}
		})
	}
}

// An analyst upgrading from a version that kept the settings in Fyne's
// preferences keeps their name, word snapping and text size.
func TestMemoryStartsFromEarlierPreferences(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetString(legacyAnnotator, "ana")
	a.Preferences().SetBool(legacySnapWords, false)
	a.Preferences().SetFloat(legacyZoom, 1.1)
	m, err := loadMemory(filepath.Join(t.TempDir(), memoryFile), a.Preferences())
	if err != nil {
		t.Fatal(err)
	}
	if m.Annotator != "ana" || m.SnapToWords || m.Zoom != 1.1 {
		t.Errorf("started from earlier preferences as %q, snap %v, zoom %v", m.Annotator, m.SnapToWords, m.Zoom)
	}
}
