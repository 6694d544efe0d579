package window

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"claimdesk/app/export"
)

func TestExportDialogWritesTheDataset(t *testing.T) {
	w := newTestWindow(t)
	dragOver(t, w, "absurd")
	test.Type(w.view, "2")
	press(w, ctrl(fyne.KeyE))
	e := w.exporting
	if e == nil {
		t.Fatal("Ctrl+E opened no export dialog")
	}
	if !strings.Contains(e.count.Text, "1 article with 1 claim") {
		t.Errorf("count says %q", e.count.Text)
	}
	csv, _ := export.FormatByName("csv")
	e.format.SetSelected(csv.Title)
	dest := filepath.Join(t.TempDir(), "claims.csv")
	e.dest.SetText(dest)
	e.onConfirm(true)
	raw, err := os.ReadFile(dest)
	if err != nil {
		t.Fatalf("nothing written: %v", err)
	}
	if !strings.Contains(string(raw), "absurd") {
		t.Errorf("export lacks the claim:\n%s", raw)
	}
	e.labels.SetSelected([]string{"denial"})
	if !strings.Contains(e.count.Text, "0 claims") {
		t.Errorf("filtering to denial still counts %q", e.count.Text)
	}
}

func TestExportDialogRefusesBadSplit(t *testing.T) {
	w := newTestWindow(t)
	press(w, ctrl(fyne.KeyE))
	e := w.exporting
	e.split.SetText("80/30/10")
	dest := filepath.Join(t.TempDir(), "x")
	e.dest.SetText(dest)
	e.onConfirm(true)
	if _, err := os.Stat(dest); err == nil {
		t.Error("a bad split must write nothing")
	}
}
